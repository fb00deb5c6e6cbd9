/**
 * What an import will write, worked out before anything is written: records to insert,
 * before/after pairs to update, and the report. Planning only reads (so it can report
 * progress between batches); the write phase applies a plan in one transaction.
 */
import { getTableColumns } from "drizzle-orm";
import { type Account, accounts } from "../accounts";
import { type Contact, contacts } from "../contacts";
import { type ImportReport, MAX_REPORTED_REJECTIONS } from "./imports.inputs";

/** Rows without their generated full-text column (never written, never audited). */
export type AccountRecord = Omit<Account, "search">;
export type ContactRecord = Omit<Contact, "search">;

const { search: _accountSearch, ...accountColumnsNoSearch } = getTableColumns(accounts);
const { search: _contactSearch, ...contactColumnsNoSearch } = getTableColumns(contacts);
export const accountColumns = accountColumnsNoSearch;
export const contactColumns = contactColumnsNoSearch;

export type Plan = {
  report: ImportReport;
  accountInserts: AccountRecord[];
  accountUpdates: { before: AccountRecord; after: AccountRecord }[];
  contactInserts: ContactRecord[];
  contactUpdates: { before: ContactRecord; after: ContactRecord }[];
  emailInserts: { email: string; contactId: string }[];
  affiliationInserts: { id: string; contactId: string; accountId: string }[];
};

export function emptyPlan(): Plan {
  return {
    report: {
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: [],
      rejectedCount: 0,
      accountsCreated: [],
      affiliationsCreated: 0,
    },
    accountInserts: [],
    accountUpdates: [],
    contactInserts: [],
    contactUpdates: [],
    emailInserts: [],
    affiliationInserts: [],
  };
}

export function reject(plan: Plan, line: number, reason: string): void {
  plan.report.rejectedCount += 1;
  if (plan.report.rejected.length < MAX_REPORTED_REJECTIONS) {
    plan.report.rejected.push({ line, reason });
  }
}

/** Rows are planned in batches: one set-based read per batch, progress after each. */
export const PLAN_BATCH = 5_000;

export function* batchesOf<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Order-keeping union: the existing values first, then the new ones. */
export function union(existing: readonly string[], added: readonly string[] | undefined): string[] {
  if (!added || added.length === 0) return [...existing];
  const seen = new Set(existing);
  const result = [...existing];
  for (const value of added) {
    if (!seen.has(value)) {
      seen.add(value);
      result.push(value);
    }
  }
  return result;
}

/** Whether two records differ in the given fields (values compared as JSON). */
export function differs<T extends object>(a: T, b: T, fields: readonly (keyof T)[]): boolean {
  return fields.some((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]));
}

/** The lower-cased key accounts are matched on by name. */
export const nameKey = (name: string) => name.trim().toLowerCase();
