/**
 * Exports: accounts and contacts as CSV (the columns the import suggests, so an export
 * imports back as all unchanged) and contacts as vCard. Pages through rows by id, so a big
 * workspace streams instead of loading at once. Personal memory goes out only to those who
 * may see it, and each export of it is audited as contact.memory_read.
 */
import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Ctx } from "../../platform/http/context";
import { notFound } from "../../platform/http/errors";
import { accounts } from "../accounts";
import { contactAffiliations, contacts } from "../contacts";
import { toCsv } from "./imports.csv";
import { accountExportHeaders, contactExportHeaders } from "./imports.mapping";
import {
  type AccountRecord,
  accountColumns,
  type ContactRecord,
  contactColumns,
} from "./imports.plan";
import { contactsWithVisibleMemory, currentAffiliation } from "./imports.policies";
import type { VCardContact } from "./imports.vcard";
import { recordAuditEvents } from "./imports.write";

export const EXPORT_PAGE = 1_000;

type Company = { name: string; domain: string | null };

/** Each contact's first current affiliation (oldest first) with a live account. */
async function companiesOf(ctx: Ctx, contactIds: string[]): Promise<Map<string, Company>> {
  const companies = new Map<string, Company>();
  if (contactIds.length === 0) return companies;
  const rows = await ctx.db
    .select({
      contactId: contactAffiliations.contactId,
      name: accounts.name,
      domain: accounts.domain,
    })
    .from(contactAffiliations)
    .innerJoin(
      accounts,
      and(
        eq(accounts.workspaceId, contactAffiliations.workspaceId),
        eq(accounts.id, contactAffiliations.accountId),
      ),
    )
    .where(
      and(
        eq(contactAffiliations.workspaceId, ctx.workspaceId),
        inArray(contactAffiliations.contactId, contactIds),
        currentAffiliation(ctx),
        isNull(accounts.archivedAt),
      ),
    )
    .orderBy(asc(contactAffiliations.createdAt), asc(contactAffiliations.id));
  for (const row of rows) if (!companies.has(row.contactId)) companies.set(row.contactId, row);
  return companies;
}

function hasMemory(c: ContactRecord): boolean {
  return Boolean(
    c.interests.length || c.family.length || c.howWeMet || c.notes || c.importantDates.length,
  );
}

export type ExportedContact = VCardContact & { companyDomain: string | null };

/**
 * Contacts with their company and whether their memory goes out; records one
 * contact.memory_read event for each whose personal memory is exported.
 */
async function present(ctx: Ctx, rows: ContactRecord[]): Promise<ExportedContact[]> {
  const ids = rows.map((r) => r.id);
  const [companies, visible] = await Promise.all([
    companiesOf(ctx, ids),
    contactsWithVisibleMemory(ctx, ids),
  ]);
  const exported = rows.map((contact) => {
    const company = companies.get(contact.id);
    return {
      contact,
      company: company?.name ?? null,
      companyDomain: company?.domain ?? null,
      withMemory: visible.has(contact.id),
    };
  });
  await recordAuditEvents(
    ctx,
    exported
      .filter((e) => e.withMemory && hasMemory(e.contact))
      .map((e) => ({
        action: "contact.memory_read",
        entityType: "contact",
        entityId: e.contact.id,
      })),
  );
  return exported;
}

/** One page of live contacts after the given id. */
export async function exportContactsPage(
  ctx: Ctx,
  afterId: string | undefined,
): Promise<ExportedContact[]> {
  const rows = await ctx.db
    .select(contactColumns)
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, ctx.workspaceId),
        isNull(contacts.archivedAt),
        afterId ? gt(contacts.id, afterId) : undefined,
      ),
    )
    .orderBy(asc(contacts.id))
    .limit(EXPORT_PAGE);
  return present(ctx, rows);
}

export async function exportAccountsPage(
  ctx: Ctx,
  afterId: string | undefined,
): Promise<AccountRecord[]> {
  return ctx.db
    .select(accountColumns)
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, ctx.workspaceId),
        isNull(accounts.archivedAt),
        afterId ? gt(accounts.id, afterId) : undefined,
      ),
    )
    .orderBy(asc(accounts.id))
    .limit(EXPORT_PAGE);
}

/** One contact for its .vcf (404 outside the workspace). */
export async function exportContact(ctx: Ctx, contactId: string): Promise<ExportedContact> {
  const rows = await ctx.db
    .select(contactColumns)
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, contactId)));
  const [exported] = await present(ctx, rows);
  if (!exported) throw notFound("contact");
  return exported;
}

/** An account's current affiliates (live contacts), for its contacts.vcf. */
export async function exportAccountContacts(
  ctx: Ctx,
  accountId: string,
): Promise<{ account: AccountRecord; contacts: ExportedContact[] }> {
  const [account] = await ctx.db
    .select(accountColumns)
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.workspaceId), eq(accounts.id, accountId)));
  if (!account) throw notFound("account");
  const rows = await ctx.db
    .selectDistinct(contactColumns)
    .from(contacts)
    .innerJoin(
      contactAffiliations,
      and(
        eq(contactAffiliations.workspaceId, contacts.workspaceId),
        eq(contactAffiliations.contactId, contacts.id),
      ),
    )
    .where(
      and(
        eq(contacts.workspaceId, ctx.workspaceId),
        eq(contactAffiliations.accountId, accountId),
        currentAffiliation(ctx),
        isNull(contacts.archivedAt),
      ),
    )
    .orderBy(asc(contacts.id));
  const exported = await present(ctx, rows);
  // In this file the account's own name is the ORG every card carries.
  return {
    account,
    contacts: exported.map((e) => ({ ...e, company: account.name, companyDomain: account.domain })),
  };
}

const birthdayCell = (c: ContactRecord) => {
  const date = c.importantDates.find((d) => d.kind === "birthday");
  if (!date) return null;
  const mmdd = `${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
  return date.year ? `${date.year}-${mmdd}` : `--${mmdd}`;
};

export const contactCsvHeader = contactExportHeaders.map(([header]) => header);
export const accountCsvHeader = accountExportHeaders.map(([header]) => header);

/** Contacts as CSV rows in contactExportHeaders order (memory blank when not visible). */
export function contactsCsv(page: readonly ExportedContact[], withHeader: boolean): string {
  const rows = page.map(({ contact: c, company, companyDomain, withMemory }) => {
    const memory = (value: string | null) => (withMemory ? value : null);
    return [
      c.firstName,
      c.lastName,
      c.emails[0] ?? null,
      c.emails.slice(1).join("; "),
      c.phones[0] ?? null,
      c.phones.slice(1).join("; "),
      c.title,
      c.level,
      c.preferredChannel,
      c.timeZone,
      company,
      companyDomain,
      memory(c.interests.join("; ")),
      memory(birthdayCell(c)),
      memory(c.howWeMet),
      memory(c.notes),
    ];
  });
  return toCsv(rows, withHeader ? contactCsvHeader : undefined);
}

export function accountsCsv(page: readonly AccountRecord[], withHeader: boolean): string {
  const rows = page.map((a) => [
    a.name,
    a.domain,
    a.status,
    a.tier,
    a.segment,
    a.serviceCoverage,
    a.serviceHours,
    a.tags.join("; "),
    a.size === null ? null : String(a.size),
    a.background,
    a.aspirations,
  ]);
  return toCsv(rows, withHeader ? accountCsvHeader : undefined);
}
