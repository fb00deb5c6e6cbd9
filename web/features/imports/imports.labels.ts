/**
 * Words for the import wizard: what each kind of import is, and what each field a CSV
 * column can fill is called and means, so the mapping step reads like the People page.
 */
import {
  type AccountImportField,
  accountImportFields,
  type ContactImportField,
  contactImportFields,
  type ImportKind,
  listImportFields,
} from "../../../src/domains/imports/imports.inputs";

export const kindLabels: Record<ImportKind, { label: string; noun: string; file: string }> = {
  contacts: { label: "People (CSV)", noun: "people", file: "CSV" },
  accounts: { label: "Accounts (CSV)", noun: "accounts", file: "CSV" },
  vcards: { label: "People (vCard)", noun: "people", file: "vCard" },
};

export const contactFieldLabels: Record<ContactImportField, string> = {
  firstName: "First name",
  lastName: "Last name",
  fullName: "Full name",
  emails: "Email",
  phones: "Phone",
  title: "Job title",
  level: "Level",
  preferredChannel: "Preferred channel",
  timeZone: "Time zone",
  company: "Company (account)",
  companyDomain: "Company domain",
  interests: "Interests",
  birthday: "Birthday",
  howWeMet: "How we met",
  notes: "Notes",
};

export const accountFieldLabels: Record<AccountImportField, string> = {
  name: "Account name",
  domain: "Domain",
  status: "Status",
  tier: "Tier",
  segment: "Segment",
  serviceCoverage: "Service coverage",
  serviceHours: "Service hours",
  tags: "Tags",
  size: "Size (employees)",
  background: "Background",
  aspirations: "Aspirations",
};

export function fieldLabel(kind: ImportKind, field: string): string {
  const labels: Record<string, string> =
    kind === "accounts" ? accountFieldLabels : contactFieldLabels;
  return labels[field] ?? field;
}

/** The Select options for one column: every field of the kind, grouped, plus "ignore". */
export function fieldOptions(kind: ImportKind) {
  if (kind === "accounts") {
    return accountImportFields.map((field) => ({ value: field, label: accountFieldLabels[field] }));
  }
  const option = (field: ContactImportField) => ({
    value: field,
    label: contactFieldLabels[field],
  });
  return [
    {
      group: "Who they are",
      items: (["firstName", "lastName", "fullName", "title", "level"] as const).map(option),
    },
    {
      group: "How to reach them",
      items: (["emails", "phones", "preferredChannel", "timeZone"] as const).map(option),
    },
    { group: "Where they work", items: (["company", "companyDomain"] as const).map(option) },
    {
      group: "Personal details",
      items: (["interests", "birthday", "howWeMet", "notes"] as const).map(option),
    },
  ] satisfies { group: string; items: { value: string; label: string }[] }[];
}

/** Sanity of a mapping before sending, mirroring the server's rules (imports.mapping.ts). */
export function mappingProblems(
  kind: Exclude<ImportKind, "vcards">,
  mapping: Record<string, string | null>,
): string[] {
  const problems: string[] = [];
  const columnsOf = new Map<string, string[]>();
  for (const [header, field] of Object.entries(mapping)) {
    if (field) columnsOf.set(field, [...(columnsOf.get(field) ?? []), header]);
  }
  for (const [field, columns] of columnsOf) {
    if (columns.length > 1 && !listImportFields.has(field)) {
      problems.push(
        `${fieldLabel(kind, field)} is chosen for ${columns.length} columns (${columns.join(", ")}). Choose it for one and ignore the others.`,
      );
    }
  }
  if (kind === "accounts" && !columnsOf.has("name")) {
    problems.push("Choose the column that holds the account name.");
  }
  if (kind === "contacts" && !columnsOf.has("firstName") && !columnsOf.has("fullName")) {
    problems.push("Choose the column with the first name (or the full name).");
  }
  return problems;
}

/** Fields nobody is forced to map but that make an import much more useful. */
export const helpfulContactFields: readonly ContactImportField[] = contactImportFields.filter(
  (field) => field === "emails" || field === "company",
);
