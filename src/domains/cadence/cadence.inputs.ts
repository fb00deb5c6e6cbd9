/**
 * The fixed lists of the cadence domain, shared by the schema, routes and web forms.
 * Imports only zod: the browser bundles this file.
 */
import { z } from "zod";
import { interactionKinds } from "../interactions/interactions.inputs";

/** Which accounts a rule covers: a tier's, one account, or every prospect. */
export const cadenceScopes = ["tier", "account", "prospects"] as const;
export type CadenceScope = (typeof cadenceScopes)[number];

/** `any` means any meaningful kind (see meaningfulKinds). */
export const cadenceKinds = ["any", ...interactionKinds] as const;
export type CadenceKind = (typeof cadenceKinds)[number];

export const cadenceStates = ["ok", "due_soon", "overdue"] as const;
export type CadenceState = (typeof cadenceStates)[number];

/**
 * The job that brings one account's cadence tasks up to date (payload `{ accountId }`), or
 * every account's (payload `{}`). Interactions enqueue it in the transaction that logs a
 * touch; the job name is the contract, so the interactions domain need not import cadence.
 */
export const cadenceSyncJobName = "cadence.sync";

const everyDays = z
  .number({ error: "Must be a whole number of days" })
  .int("Must be a whole number of days")
  .min(1, "At least 1 day")
  .max(3_650, "At most 3650 days");
const kind = z.enum(cadenceKinds, { error: `Must be one of ${cadenceKinds.join(", ")}` });

/** Exactly one of tier, accountId or prospects: true says which accounts the rule covers. */
export const createCadenceRuleInput = z
  .strictObject({
    tier: z.string().trim().min(1, "Required").max(40).optional(),
    accountId: z.uuid({ error: "Must be an account id" }).optional(),
    prospects: z.literal(true, { error: "Must be true when given" }).optional(),
    kind,
    everyDays,
  })
  .refine((b) => [b.tier, b.accountId, b.prospects].filter((v) => v !== undefined).length === 1, {
    message: "Send exactly one of tier, accountId or prospects: true",
    path: ["scope"],
  });
export type CreateCadenceRuleInput = z.input<typeof createCadenceRuleInput>;

/** What a rule covers cannot change: archive it and create another. */
export const changeCadenceRuleInput = z
  .strictObject({ kind: kind.optional(), everyDays: everyDays.optional() })
  .refine((b) => Object.keys(b).length > 0, "Send at least one field to change");

export const cadenceRuleFilterInput = z.strictObject({
  scope: z.enum(cadenceScopes).optional(),
  tier: z.string().max(40).optional(),
  accountId: z.uuid({ error: "Must be an account id" }).optional(),
  /** `true` lists archived rules too. */
  includeArchived: z.enum(["true", "false"]).optional(),
});

export const cadenceOverdueFilterInput = z.strictObject({
  accountId: z.uuid({ error: "Must be an account id" }).optional(),
  ownerId: z.uuid({ error: "Must be a member id" }).optional(),
  /** Accounts the member owns or is on the team of. */
  memberId: z.uuid({ error: "Must be a member id" }).optional(),
});

export const cadenceStatusFilterInput = z.strictObject({
  accountId: z.uuid({ error: "Must be an account id" }),
});

/** The rules a new workspace starts with (seeded on first use; editable in Settings). */
export const defaultCadenceRules: readonly {
  scope: "tier" | "prospects";
  tier?: string;
  kind: CadenceKind;
  everyDays: number;
}[] = [
  { scope: "tier", tier: "key", kind: "any", everyDays: 14 },
  { scope: "tier", tier: "key", kind: "strategy_session", everyDays: 90 },
  { scope: "tier", tier: "key", kind: "check_in", everyDays: 30 },
  { scope: "tier", tier: "growth", kind: "any", everyDays: 30 },
  { scope: "tier", tier: "growth", kind: "check_in", everyDays: 60 },
  { scope: "tier", tier: "standard", kind: "any", everyDays: 60 },
  { scope: "prospects", kind: "any", everyDays: 21 },
];

/** A rule is due soon during the last max(1, round(N / 5)) days before its due day, that day included. */
export function dueSoonWindow(everyDays: number): number {
  return Math.max(1, Math.round(everyDays / 5));
}
