/**
 * Input schemas and fixed lists of the contacts API (people at client firms), shared by the
 * routes, the CSV/vCard import and the web forms so all apply the same rules. Imports only
 * zod: the browser bundles this file.
 */
import { z } from "zod";

export const contactLevels = ["executive", "management", "operational"] as const;
export type ContactLevel = (typeof contactLevels)[number];

export const preferredChannels = [
  "email",
  "phone",
  "video",
  "in_person",
  "chat",
  "text_message",
] as const;

export const relationshipRoles = [
  "decision_maker",
  "champion",
  "influencer",
  "user",
  "procurement",
  "billing",
  "technical",
] as const;
export type RelationshipRole = (typeof relationshipRoles)[number];

export const importantDateKinds = ["birthday", "partnership_anniversary", "custom"] as const;

export const contactSorts = [
  "name",
  "-name",
  "createdAt",
  "-createdAt",
  "updatedAt",
  "-updatedAt",
] as const;
export type ContactSort = (typeof contactSorts)[number];

export const MAX_EMAILS = 10;
export const MAX_PHONES = 10;
export const MAX_INTERESTS = 50;
export const MAX_FAMILY = 30;
export const MAX_IMPORTANT_DATES = 30;

const optionalText = (max: number) => z.string().trim().max(max);
const text = (max: number) => optionalText(max).min(1, "Required");
const longText = z.string().max(20_000);

/** Emails are trimmed, lower-cased and de-duplicated; the first is the primary one. */
export const emailInput = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Must be an email address" }).max(320));

export const emailsInput = z
  .array(emailInput)
  .max(MAX_EMAILS, `At most ${MAX_EMAILS} email addresses`)
  .transform((emails) => [...new Set(emails)]);

/** Phones are kept as written (people type them many ways), but must look like a phone. */
export const phoneInput = z
  .string()
  .trim()
  .max(50)
  .regex(/^\+?[0-9().\-\s/]{3,}(?:\s*(?:x|ext\.?)\s*\d{1,6})?$/i, "Must be a phone number");

export const phonesInput = z
  .array(phoneInput)
  .max(MAX_PHONES, `At most ${MAX_PHONES} phone numbers`)
  .transform((phones) => [...new Set(phones)]);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneInput = z
  .string()
  .trim()
  .max(64)
  .refine(isTimeZone, "Must be a time zone such as Europe/Paris");

export const familyMemberInput = z.strictObject({
  name: text(200),
  relation: text(100),
  notes: z.string().max(2_000).optional(),
});
export type FamilyMember = z.output<typeof familyMemberInput>;

/** Days in each month of a leap year: 29 February is a valid birthday without a year. */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A date in someone's life. The year is optional (many people share a birthday but not
 * their age); `remind` asks for a yearly reminder in the agenda.
 */
export const importantDateInput = z
  .strictObject({
    kind: z.enum(importantDateKinds),
    /** Required for custom dates ("Joined the board"); optional otherwise. */
    label: optionalText(200).optional(),
    month: z.int().min(1).max(12),
    day: z.int().min(1).max(31),
    year: z.int().min(1900).max(2200).optional(),
    remind: z.boolean().default(true),
  })
  .superRefine((d, ctx) => {
    const max = DAYS_IN_MONTH[d.month - 1] ?? 31;
    const leap =
      d.year === undefined || (d.year % 4 === 0 && (d.year % 100 !== 0 || d.year % 400 === 0));
    if (d.day > max || (d.month === 2 && d.day === 29 && !leap)) {
      ctx.addIssue({ code: "custom", path: ["day"], message: "No such day in that month" });
    }
    if (d.kind === "custom" && !d.label) {
      ctx.addIssue({ code: "custom", path: ["label"], message: "A custom date needs a label" });
    }
  });
export type ImportantDate = z.output<typeof importantDateInput>;

/** Interests are trimmed and de-duplicated; order is kept. */
export const interestsInput = z
  .array(text(100))
  .max(MAX_INTERESTS, `At most ${MAX_INTERESTS} interests`)
  .transform((items) => [...new Set(items)]);

/** The fields that are personal memory: redacted for those who may not see them. */
export const personalMemoryFields = [
  "interests",
  "family",
  "howWeMet",
  "notes",
  "importantDates",
] as const;

const editable = {
  firstName: text(100),
  lastName: optionalText(100).nullable(),
  emails: emailsInput,
  phones: phonesInput,
  title: optionalText(200).nullable(),
  level: z.enum(contactLevels).nullable(),
  preferredChannel: z.enum(preferredChannels).nullable(),
  timeZone: timeZoneInput.nullable(),
  interests: interestsInput,
  family: z.array(familyMemberInput).max(MAX_FAMILY),
  howWeMet: longText.nullable(),
  notes: longText.nullable(),
  importantDates: z.array(importantDateInput).max(MAX_IMPORTANT_DATES),
};

export const createContactInput = z.strictObject({
  firstName: editable.firstName,
  lastName: editable.lastName.optional(),
  emails: editable.emails.optional(),
  phones: editable.phones.optional(),
  title: editable.title.optional(),
  level: editable.level.optional(),
  preferredChannel: editable.preferredChannel.optional(),
  timeZone: editable.timeZone.optional(),
  interests: editable.interests.optional(),
  family: editable.family.optional(),
  howWeMet: editable.howWeMet.optional(),
  notes: editable.notes.optional(),
  importantDates: editable.importantDates.optional(),
});
export type CreateContactInput = z.input<typeof createContactInput>;
export type NewContactInput = z.output<typeof createContactInput>;

export const changeContactInput = createContactInput
  .partial()
  .refine((b) => Object.keys(b).length > 0, "Send at least one field to change");
export type ContactChange = z.output<typeof changeContactInput>;

const bool = z.enum(["true", "false"]).transform((v) => v === "true");

export const contactFilterInput = z.strictObject({
  accountId: z.uuid({ error: "Must be an account id" }).optional(),
  level: z.enum(contactLevels).optional(),
  q: text(200).optional(),
  archived: bool.optional(),
  sort: z.enum(contactSorts).optional(),
});

const isoDate = z.iso.date({ error: "Must be a date (YYYY-MM-DD)" });

const affiliationFields = {
  role: z.enum(relationshipRoles).nullable(),
  responsibility: optionalText(500).nullable(),
  /** What they may decide or sign, e.g. "signs up to €50k". */
  authority: optionalText(500).nullable(),
  accountability: optionalText(500).nullable(),
  startedOn: isoDate.nullable(),
  endedOn: isoDate.nullable(),
};

function endNotBeforeStart(
  a: { startedOn?: string | null; endedOn?: string | null },
  ctx: z.RefinementCtx,
) {
  if (a.startedOn && a.endedOn && a.endedOn < a.startedOn) {
    ctx.addIssue({ code: "custom", path: ["endedOn"], message: "Must not be before startedOn" });
  }
}

export const createAffiliationInput = z
  .strictObject({
    accountId: z.uuid({ error: "Must be an account id" }),
    role: affiliationFields.role.optional(),
    responsibility: affiliationFields.responsibility.optional(),
    authority: affiliationFields.authority.optional(),
    accountability: affiliationFields.accountability.optional(),
    startedOn: affiliationFields.startedOn.optional(),
    endedOn: affiliationFields.endedOn.optional(),
  })
  .superRefine(endNotBeforeStart);
export type CreateAffiliationInput = z.input<typeof createAffiliationInput>;

export const changeAffiliationInput = z
  .strictObject({
    role: affiliationFields.role.optional(),
    responsibility: affiliationFields.responsibility.optional(),
    authority: affiliationFields.authority.optional(),
    accountability: affiliationFields.accountability.optional(),
    startedOn: affiliationFields.startedOn.optional(),
    endedOn: affiliationFields.endedOn.optional(),
  })
  .superRefine(endNotBeforeStart)
  .refine((b) => Object.keys(b).length > 0, "Send at least one field to change");

export const mergeContactInput = z.strictObject({
  /** The contact merged into this one; it is archived with a pointer here. */
  sourceId: z.uuid({ error: "Must be a contact id" }),
});
