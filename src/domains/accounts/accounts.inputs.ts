/**
 * Input schemas and fixed lists of the accounts API, shared by the routes and the web forms
 * so both apply the same rules. Imports only zod: the browser bundles this file.
 */
import { z } from "zod";

export const accountStatuses = [
  "prospect",
  "onboarding",
  "active",
  "paused",
  "exiting",
  "former",
] as const;
export type AccountStatus = (typeof accountStatuses)[number];

/** The tiers a new workspace starts with; each workspace edits its own list in Settings. */
export const defaultTiers = ["key", "growth", "standard"] as const;
export type AccountTier = (typeof defaultTiers)[number];

export const serviceCoverages = ["managed", "unmanaged"] as const;
export const serviceHours = ["business_hours", "24x7"] as const;

export const accountSorts = [
  "name",
  "-name",
  "createdAt",
  "-createdAt",
  "updatedAt",
  "-updatedAt",
] as const;
export type AccountSort = (typeof accountSorts)[number];

export const MAX_TAGS = 30;
export const MAX_MILESTONES = 200;

const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

/**
 * "https://www.Example.com/about" → "example.com": scheme, credentials, port, path, a
 * trailing dot and a leading "www." are dropped, so the same firm is one domain.
 */
export function normalizeDomain(raw: string): string {
  let host = raw.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
  host = host.replace(/^[^/?#]*@/, "");
  host = host.split(/[/?#]/)[0] ?? "";
  host = host.replace(/:\d*$/, "").replace(/\.$/, "");
  return host.replace(/^www\./, "");
}

// NUL characters are refused for every route by the platform (rejectNulCharacters).
const optionalText = (max: number) => z.string().trim().max(max);
const text = (max: number) => optionalText(max).min(1, "Required");
const longText = z.string().max(20_000);

export const domainInput = z
  .string()
  .max(300)
  .transform(normalizeDomain)
  .refine((host) => HOST.test(host), "Must be a domain such as example.com");

export const serviceLevelInput = z.strictObject({
  coverage: z.enum(serviceCoverages),
  hours: z.enum(serviceHours),
});

export const milestoneInput = z.strictObject({
  on: z.iso.date({ error: "Must be a date (YYYY-MM-DD)" }),
  title: text(200),
  detail: z.string().max(5_000).optional(),
});

/** Tags are trimmed and de-duplicated; order is kept. */
export const tagsInput = z
  .array(text(50))
  .max(MAX_TAGS, `At most ${MAX_TAGS} tags`)
  .transform((tags) => [...new Set(tags)]);

const editable = {
  domain: domainInput.nullable(),
  status: z.enum(accountStatuses),
  /** One of the workspace's tiers (checked against its settings when written). */
  tier: text(40).nullable(),
  segment: optionalText(100).nullable(),
  serviceLevel: serviceLevelInput.nullable(),
  ownerId: z.uuid({ error: "Must be a member id" }),
  tags: tagsInput,
  /** Number of employees: an integer sorts and filters; a range label can come later. */
  size: z.int().min(0).max(10_000_000).nullable(),
  background: longText.nullable(),
  aspirations: longText.nullable(),
  milestones: z.array(milestoneInput).max(MAX_MILESTONES),
};

export const createAccountInput = z.strictObject({
  name: text(200),
  domain: editable.domain.optional(),
  status: editable.status.optional(),
  tier: editable.tier.optional(),
  segment: editable.segment.optional(),
  serviceLevel: editable.serviceLevel.optional(),
  ownerId: editable.ownerId.optional(),
  tags: editable.tags.optional(),
  size: editable.size.optional(),
  background: editable.background.optional(),
  aspirations: editable.aspirations.optional(),
  milestones: editable.milestones.optional(),
});
export type CreateAccountInput = z.input<typeof createAccountInput>;

export const changeAccountInput = createAccountInput
  .partial()
  .refine((b) => Object.keys(b).length > 0, "Send at least one field to change");
export type AccountChange = z.output<typeof changeAccountInput>;

const bool = z.enum(["true", "false"]).transform((v) => v === "true");

export const accountFilterInput = z.strictObject({
  status: z.enum(accountStatuses).optional(),
  tier: text(40).optional(),
  segment: text(100).optional(),
  ownerId: z.uuid({ error: "Must be a member id" }).optional(),
  tag: text(50).optional(),
  q: text(200).optional(),
  archived: bool.optional(),
  sort: z.enum(accountSorts).optional(),
});

/** Roles on our side of an account (kept in step with accounts.schema.ts teamRoles). */
export const teamRoleValues = [
  "lead",
  "delivery",
  "executive_sponsor",
  "support",
  "after_hours",
] as const;

export const setTeamMemberInput = z.strictObject({
  role: z.enum(teamRoleValues),
  responsibility: z.string().trim().max(500).nullable().optional(),
});
