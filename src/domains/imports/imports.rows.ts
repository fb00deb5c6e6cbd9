/**
 * One imported row → a checked input, by the same zod rules as the API (createContactInput,
 * createAccountInput). Pure functions: no database, so 100,000 rows validate in memory.
 * A bad row becomes a reason naming the field, e.g. `emails: Must be an email address ("bob@")`.
 */
import type { z } from "zod";
import { createAccountInput, domainInput } from "../accounts";
import {
  createContactInput,
  type ImportantDate,
  importantDateInput,
  type NewContactInput,
} from "../contacts";
import type { AccountImportField, ContactImportField } from "./imports.inputs";

/** The cells a row gives each field (a field several columns fill has several). */
export type RawRow<F extends string> = { line: number; values: Partial<Record<F, string[]>> };
export type RawContactRow = RawRow<ContactImportField>;
export type RawAccountRow = RawRow<AccountImportField>;

export type Checked<T> =
  | { ok: true; line: number; value: T }
  | { ok: false; line: number; reason: string };

export type ContactCandidate = {
  input: NewContactInput;
  birthday: ImportantDate | undefined;
  /** The account named by Company / Company Domain. */
  company: { name: string; domain: string | null } | undefined;
  /** Which personal-memory fields the row fills (interests, birthday, howWeMet, notes). */
  personal: string[];
};

export type NewAccountInput = z.output<typeof createAccountInput>;

/** Texts kept exactly as written (long free text); every other cell is trimmed. */
const UNTRIMMED = new Set(["howWeMet", "notes", "background", "aspirations"]);

function scalar<F extends string>(row: RawRow<F>, field: F): string | undefined {
  for (const cell of row.values[field] ?? []) {
    if (cell.trim() !== "") return UNTRIMMED.has(field) ? cell : cell.trim();
  }
  return undefined;
}

/** "a; b" splits on semicolons; without any, "a, b" splits on commas. */
function splitList(cell: string): string[] {
  const parts = cell.includes(";") ? cell.split(";") : cell.split(",");
  return parts.map((p) => p.trim()).filter(Boolean);
}

function list<F extends string>(row: RawRow<F>, field: F, split = splitList): string[] {
  return (row.values[field] ?? []).flatMap(split);
}

const splitEmails = (cell: string) => cell.split(/[;,\s]+/).filter(Boolean);

/** "In person" → "in_person", "24/7" → "24x7": enum values as people type them. */
function enumValue(value: string | undefined): string | undefined {
  return value
    ?.toLowerCase()
    .replace(/^24\s*\/\s*7$/, "24x7")
    .replace(/[\s-]+/g, "_");
}

function describeIssues(
  error: z.ZodError,
  input: Record<string, unknown>,
  rename = (p: string) => p,
) {
  return error.issues
    .map((issue) => {
      const field = rename(String(issue.path[0] ?? ""));
      let value: unknown = input;
      for (const key of issue.path)
        value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
      const got = typeof value === "string" ? ` (got ${JSON.stringify(value)})` : "";
      const message =
        issue.code === "invalid_value" && "values" in issue
          ? `Must be one of ${(issue.values as unknown[]).join(", ")}`
          : issue.message;
      return `${field || "row"}: ${message}${got}`;
    })
    .join("; ");
}

/** "1980-04-02", "--04-02", "--0402" → a birthday; anything else is refused. */
export function parseBirthday(text: string): { value?: ImportantDate; error?: string } {
  const full = /^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/.exec(text);
  const noYear = /^--(\d{2})-?(\d{2})$/.exec(text);
  const parts = full
    ? { year: Number(full[1]), month: Number(full[2]), day: Number(full[3]) }
    : noYear
      ? { month: Number(noYear[1]), day: Number(noYear[2]) }
      : undefined;
  if (!parts)
    return {
      error: `Must be a date such as 1980-04-02, or --04-02 without the year (got "${text}")`,
    };
  const parsed = importantDateInput.safeParse({ kind: "birthday", ...parts, remind: true });
  if (!parsed.success)
    return { error: `${parsed.error.issues[0]?.message ?? "Not a date"} (got "${text}")` };
  return { value: parsed.data };
}

function splitFullName(full: string): { first: string; last: string | undefined } {
  if (full.includes(",")) {
    const [last = "", first = ""] = full.split(",", 2).map((p) => p.trim());
    if (first) return { first, last: last || undefined };
  }
  const [first = "", ...rest] = full.trim().split(/\s+/);
  return { first, last: rest.length ? rest.join(" ") : undefined };
}

export function checkContactRow(row: RawContactRow): Checked<ContactCandidate> {
  const fail = (reason: string) => ({ ok: false as const, line: row.line, reason });
  let firstName = scalar(row, "firstName");
  let lastName = scalar(row, "lastName");
  const fullName = scalar(row, "fullName");
  if (!firstName && fullName) {
    const split = splitFullName(fullName);
    firstName = split.first;
    lastName ??= split.last;
  }
  if (!firstName) return fail("firstName: Required (the row has no first name or name)");

  const input: Record<string, unknown> = { firstName };
  const set = (key: string, value: unknown) => {
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) input[key] = value;
  };
  set("lastName", lastName);
  set("emails", list(row, "emails", splitEmails));
  set("phones", list(row, "phones"));
  set("title", scalar(row, "title"));
  set("level", enumValue(scalar(row, "level")));
  set("preferredChannel", enumValue(scalar(row, "preferredChannel")));
  set("timeZone", scalar(row, "timeZone"));
  set("interests", list(row, "interests"));
  set("howWeMet", scalar(row, "howWeMet"));
  set("notes", scalar(row, "notes"));
  const parsed = createContactInput.safeParse(input);
  const problems: string[] = [];
  if (!parsed.success) problems.push(describeIssues(parsed.error, input));

  let birthday: ImportantDate | undefined;
  const birthdayText = scalar(row, "birthday");
  if (birthdayText) {
    const result = parseBirthday(birthdayText);
    if (result.error) problems.push(`birthday: ${result.error}`);
    birthday = result.value;
  }

  let company: ContactCandidate["company"];
  const companyName = scalar(row, "company");
  const companyDomain = scalar(row, "companyDomain");
  if (companyName || companyDomain) {
    const account = checkAccountName(companyName ?? companyDomain ?? "", companyDomain);
    if (account.error) problems.push(account.error);
    else company = account.value;
  }
  if (problems.length > 0 || !parsed.success) return fail(problems.join("; "));

  const personal = ["interests", "birthday", "howWeMet", "notes"].filter((field) =>
    field === "birthday" ? birthday !== undefined : input[field] !== undefined,
  );
  return { ok: true, line: row.line, value: { input: parsed.data, birthday, company, personal } };
}

function checkAccountName(
  name: string,
  domain: string | undefined,
): { value?: { name: string; domain: string | null }; error?: string } {
  const parsed = createAccountInput.safeParse({ name, ...(domain ? { domain } : {}) });
  if (!parsed.success) {
    return {
      error: describeIssues(parsed.error, { name, domain }, (p) =>
        p === "domain" ? "companyDomain" : "company",
      ),
    };
  }
  return { value: { name: parsed.data.name, domain: parsed.data.domain ?? null } };
}

export function checkAccountRow(row: RawAccountRow): Checked<NewAccountInput> {
  const input: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) input[key] = value;
  };
  const problems: string[] = [];
  const name = scalar(row, "name");
  if (!name)
    return { ok: false, line: row.line, reason: "name: Required (the row has no account name)" };
  set("name", name);
  set("domain", scalar(row, "domain"));
  set("status", enumValue(scalar(row, "status")));
  set("tier", scalar(row, "tier"));
  set("segment", scalar(row, "segment"));
  set("tags", list(row, "tags"));
  set("background", scalar(row, "background"));
  set("aspirations", scalar(row, "aspirations"));
  const coverage = enumValue(scalar(row, "serviceCoverage"));
  const hours = enumValue(scalar(row, "serviceHours"));
  if (coverage && hours) input.serviceLevel = { coverage, hours };
  else if (coverage) problems.push("serviceHours: Required when serviceCoverage is given");
  else if (hours) problems.push("serviceCoverage: Required when serviceHours is given");
  const sizeText = scalar(row, "size");
  if (sizeText) {
    const size = Number(sizeText.replace(/[\s,_]/g, ""));
    if (Number.isInteger(size)) input.size = size;
    else problems.push(`size: Must be a whole number of employees (got "${sizeText}")`);
  }
  const parsed = createAccountInput.safeParse(input);
  if (!parsed.success) {
    problems.push(
      describeIssues(parsed.error, input, (p) => (p === "serviceLevel" ? "serviceCoverage" : p)),
    );
  }
  if (problems.length > 0 || !parsed.success) {
    return { ok: false, line: row.line, reason: [...new Set(problems)].join("; ") };
  }
  return { ok: true, line: row.line, value: parsed.data };
}

/** A normalised domain, or undefined when the text is no domain. */
export function domainOf(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const parsed = domainInput.safeParse(text);
  return parsed.success ? parsed.data : undefined;
}
