/**
 * Which CSV column fills which field. Headers are compared case-, space- and
 * punctuation-insensitively ("E-mail", "Email Address", "email_address" are one), against
 * the names other tools export (Outlook, Google, LinkedIn, HubSpot) and the names our own
 * export writes, so an export imports back without a mapping.
 */
import { AppError } from "../../platform/http/errors";
import {
  type AccountImportField,
  type ContactImportField,
  type ImportField,
  type ImportKind,
  type ImportMapping,
  importFieldsOf,
  listImportFields,
} from "./imports.inputs";

/** The headers our CSV export writes, one per field, in this order. */
export const contactExportHeaders = [
  ["First Name", "firstName"],
  ["Last Name", "lastName"],
  ["Email", "emails"],
  ["Other Emails", "emails"],
  ["Phone", "phones"],
  ["Other Phones", "phones"],
  ["Title", "title"],
  ["Level", "level"],
  ["Preferred Channel", "preferredChannel"],
  ["Time Zone", "timeZone"],
  ["Company", "company"],
  ["Company Domain", "companyDomain"],
  ["Interests", "interests"],
  ["Birthday", "birthday"],
  ["How We Met", "howWeMet"],
  ["Notes", "notes"],
] as const satisfies readonly (readonly [string, ContactImportField])[];

export const accountExportHeaders = [
  ["Name", "name"],
  ["Domain", "domain"],
  ["Status", "status"],
  ["Tier", "tier"],
  ["Segment", "segment"],
  ["Service Coverage", "serviceCoverage"],
  ["Service Hours", "serviceHours"],
  ["Tags", "tags"],
  ["Size", "size"],
  ["Background", "background"],
  ["Aspirations", "aspirations"],
] as const satisfies readonly (readonly [string, AccountImportField])[];

/** "E-mail Address" → "emailaddress"; accents dropped ("Prénom" → "prenom"). */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

type Rule = { field: ImportField; names?: string[]; pattern?: RegExp };

const EMAIL =
  /^(primary|work|business|personal|home|other|secondary|private)?e?mail\d*(address)?(es|s)?\d*(value)?$/;
const PHONE =
  /^(primary|work|business|home|other|direct|office|main|personal)?(phone|tel|telephone|mobile|cell|cellphone|mobilephone|cellular)(number)?s?\d*(value)?$/;

const contactRules: Rule[] = [
  {
    field: "firstName",
    names: ["firstname", "givenname", "first", "forename", "fname", "prenom", "vorname"],
  },
  {
    field: "lastName",
    names: ["lastname", "surname", "familyname", "last", "lname", "nom", "nachname"],
  },
  {
    field: "fullName",
    names: ["fullname", "name", "contactname", "displayname", "contact", "person"],
  },
  { field: "emails", names: ["emails", "otheremails", "emailaddresses"], pattern: EMAIL },
  {
    field: "phones",
    names: ["phones", "otherphones", "phonenumbers", "mobile", "cell"],
    pattern: PHONE,
  },
  {
    field: "title",
    names: [
      "title",
      "jobtitle",
      "position",
      "role",
      "jobrole",
      "designation",
      "job",
      "function",
      "organization1title",
    ],
  },
  { field: "level", names: ["level", "seniority", "senioritylevel", "managementlevel"] },
  {
    field: "preferredChannel",
    names: ["preferredchannel", "channel", "contactpreference", "preferredcontactmethod"],
  },
  { field: "timeZone", names: ["timezone", "tz"] },
  {
    field: "company",
    names: [
      "company",
      "companyname",
      "organization",
      "organisation",
      "org",
      "account",
      "accountname",
      "employer",
      "organization1name",
      "organizationname",
      "business",
      "client",
    ],
  },
  {
    field: "companyDomain",
    names: [
      "companydomain",
      "domain",
      "website",
      "companywebsite",
      "web",
      "url",
      "companyurl",
      "webpage",
      "website1value",
      "organizationdomain",
    ],
  },
  { field: "interests", names: ["interests", "interest", "hobbies"] },
  { field: "birthday", names: ["birthday", "birthdate", "dateofbirth", "dob", "bday"] },
  { field: "howWeMet", names: ["howwemet", "howmet", "metat", "howweknowthem"] },
  { field: "notes", names: ["notes", "note", "comments", "comment", "remarks"] },
];

const accountRules: Rule[] = [
  {
    field: "name",
    names: [
      "name",
      "company",
      "companyname",
      "accountname",
      "account",
      "organization",
      "organisation",
      "org",
      "business",
      "client",
      "clientname",
    ],
  },
  {
    field: "domain",
    names: [
      "domain",
      "website",
      "web",
      "url",
      "companydomain",
      "companywebsite",
      "site",
      "homepage",
      "webpage",
    ],
  },
  { field: "status", names: ["status", "accountstatus", "stage", "lifecyclestage"] },
  { field: "tier", names: ["tier", "accounttier"] },
  { field: "segment", names: ["segment", "industry", "market", "sector", "vertical"] },
  { field: "serviceCoverage", names: ["servicecoverage", "coverage"] },
  { field: "serviceHours", names: ["servicehours", "hours", "supporthours"] },
  { field: "tags", names: ["tags", "tag", "labels", "label", "categories"] },
  {
    field: "size",
    names: [
      "size",
      "employees",
      "numberofemployees",
      "companysize",
      "headcount",
      "employeecount",
      "noofemployees",
    ],
  },
  { field: "background", names: ["background", "history", "about", "description"] },
  { field: "aspirations", names: ["aspirations", "goals", "ambitions"] },
];

function fieldFor(kind: ImportKind, header: string): ImportField | null {
  const name = normalizeHeader(header);
  if (!name) return null;
  for (const rule of kind === "accounts" ? accountRules : contactRules) {
    if (rule.names?.includes(name) || rule.pattern?.test(name)) return rule.field;
  }
  return null;
}

/**
 * Suggests a field for each header. A field that only one column may fill goes to the first
 * header that names it; later ones are left out (null).
 */
export function suggestMapping(kind: ImportKind, headers: readonly string[]): ImportMapping {
  const mapping: ImportMapping = {};
  const taken = new Set<ImportField>();
  for (const header of headers) {
    if (header in mapping) continue;
    const field = fieldFor(kind, header);
    if (field && !listImportFields.has(field) && taken.has(field)) {
      mapping[header] = null;
      continue;
    }
    if (field) taken.add(field);
    mapping[header] = field;
  }
  return mapping;
}

/**
 * The mapping an import applies: the suggestion, overridden header by header by the
 * uploader's. Refuses (400) a header the file lacks, a field the kind lacks, a single-value
 * field filled from two columns, and a mapping without the field a record needs.
 */
export function resolveMapping(
  kind: Exclude<ImportKind, "vcards">,
  headers: readonly string[],
  given: Record<string, string | null> | undefined,
): ImportMapping {
  const fields = new Set<string>(importFieldsOf(kind));
  const errors: { path: string; message: string }[] = [];
  const mapping = suggestMapping(kind, headers);
  for (const [header, field] of Object.entries(given ?? {})) {
    if (!headers.includes(header)) {
      errors.push({
        path: `mapping.${header}`,
        message: "The file has no column with this header",
      });
    } else if (field !== null && !fields.has(field)) {
      errors.push({
        path: `mapping.${header}`,
        message: `Unknown field "${field}"; one of ${[...fields].join(", ")}`,
      });
    } else {
      mapping[header] = field as ImportField | null;
    }
  }
  const columnsOf = new Map<string, string[]>();
  for (const [header, field] of Object.entries(mapping)) {
    if (field) columnsOf.set(field, [...(columnsOf.get(field) ?? []), header]);
  }
  for (const [field, columns] of columnsOf) {
    if (columns.length > 1 && !listImportFields.has(field)) {
      errors.push({
        path: "mapping",
        message: `${field} is filled from two columns (${columns.join(", ")}): map only one`,
      });
    }
  }
  const required = kind === "accounts" ? ["name"] : ["firstName", "fullName"];
  if (errors.length === 0 && !required.some((field) => columnsOf.has(field))) {
    const what =
      kind === "accounts"
        ? 'a column for the account name (e.g. "Name" or "Company")'
        : 'a column for the first name or full name (e.g. "First Name" or "Name")';
    const recognised = [...columnsOf.keys()];
    errors.push({
      path: "mapping",
      message: `The first line must be a header naming the columns, with ${what}. ${
        recognised.length
          ? `Recognised only: ${recognised.join(", ")}.`
          : `No column was recognised in: ${headers.slice(0, 10).join(", ")}.`
      }`,
    });
  }
  if (errors.length > 0) {
    throw new AppError("VALIDATION_FAILED", errors[0]?.message ?? "The mapping is not valid.", {
      errors,
    });
  }
  return mapping;
}
