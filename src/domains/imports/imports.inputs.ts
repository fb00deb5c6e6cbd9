/**
 * What an import is made of, shared by the routes, the job and the web wizard: the kinds of
 * file, the fields a CSV column can map to, the mapping and report shapes. Imports only zod:
 * the browser bundles this file.
 */
import { z } from "zod";

export const importKinds = ["contacts", "accounts", "vcards"] as const;
export type ImportKind = (typeof importKinds)[number];

export const importStatuses = ["queued", "running", "done", "failed"] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** Fields a contacts CSV column can fill. */
export const contactImportFields = [
  "firstName",
  "lastName",
  /** "Ada Lovelace" or "Lovelace, Ada": used when there is no first-name column. */
  "fullName",
  "emails",
  "phones",
  "title",
  "level",
  "preferredChannel",
  "timeZone",
  /** The account the person works at, matched by companyDomain or exact name. */
  "company",
  "companyDomain",
  "interests",
  /** 1980-04-02, or --04-02 when the year is unknown. */
  "birthday",
  "howWeMet",
  "notes",
] as const;
export type ContactImportField = (typeof contactImportFields)[number];

/** Fields an accounts CSV column can fill. */
export const accountImportFields = [
  "name",
  "domain",
  "status",
  "tier",
  "segment",
  "serviceCoverage",
  "serviceHours",
  "tags",
  "size",
  "background",
  "aspirations",
] as const;
export type AccountImportField = (typeof accountImportFields)[number];

export type ImportField = ContactImportField | AccountImportField;

/** Fields several columns may fill at once ("Email", "Other Emails"); their cells add up. */
export const listImportFields: ReadonlySet<string> = new Set([
  "emails",
  "phones",
  "interests",
  "tags",
]);

/** Contact fields that are personal memory (only some people may see or change them). */
export const personalImportFields: ReadonlySet<string> = new Set([
  "interests",
  "birthday",
  "howWeMet",
  "notes",
]);

export function importFieldsOf(kind: ImportKind): readonly ImportField[] {
  return kind === "accounts" ? accountImportFields : contactImportFields;
}

/** CSV header → field; null (or "") leaves the column out. */
export type ImportMapping = Record<string, ImportField | null>;

export type ImportProgress = { processed: number; total: number };

export type RejectedRow = { line: number; reason: string };

export type ImportReport = {
  created: number;
  updated: number;
  unchanged: number;
  /** At most MAX_REPORTED_REJECTIONS entries; rejectedCount has them all. */
  rejected: RejectedRow[];
  rejectedCount: number;
  /** Contacts imports: the accounts created for a Company no account matched (id null in a dry run). */
  accountsCreated: { line: number; id: string | null; name: string; domain: string | null }[];
  /** Contacts imports: contacts newly linked to an account. */
  affiliationsCreated: number;
};

export const MAX_REPORTED_REJECTIONS = 10_000;

const mappingObject = z.record(
  z.string().max(500),
  z
    .string()
    .max(100)
    .nullable()
    .transform((v) => (v ? v : null)),
);

/** The `mapping` query parameter: a JSON object of CSV header → field name. */
export const mappingParam = z
  .string()
  .max(50_000)
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "Must be a JSON object of header → field" });
      return z.NEVER;
    }
  })
  .pipe(mappingObject);

const bool = z.enum(["true", "false"]).transform((v) => v === "true");

export const importQueryInput = z.strictObject({
  dryRun: bool.optional(),
  mapping: mappingParam.optional(),
});

export const suggestMappingQueryInput = z.strictObject({
  kind: z.enum(["contacts", "accounts"]),
});
