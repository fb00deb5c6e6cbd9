/**
 * Planning a contacts import (CSV or vCard). A row is the contact that has any of its
 * emails (contact_emails: one live contact per email); a row without email is the live
 * email-less contact with the same name. Given values replace, lists (emails, phones,
 * interests) add up, blank cells change nothing. A Company links the contact to the
 * account of that domain or name, creating a prospect owned by the importer if none exists.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { newId } from "../../platform/db/columns";
import type { Ctx } from "../../platform/http/context";
import {
  contactAffiliations,
  contactEmails,
  contacts,
  MAX_EMAILS,
  MAX_IMPORTANT_DATES,
  MAX_INTERESTS,
  MAX_PHONES,
} from "../contacts";
import { AccountDirectory, newAccountRecord } from "./imports.accounts";
import {
  type AccountRecord,
  batchesOf,
  type ContactRecord,
  contactColumns,
  differs,
  PLAN_BATCH,
  type Plan,
  reject,
  union,
} from "./imports.plan";
import { contactsWithVisibleMemory, currentAffiliation } from "./imports.policies";
import { type ContactCandidate, checkContactRow, type RawContactRow } from "./imports.rows";

type Valid = { line: number; value: ContactCandidate };

/** The name key email-less contacts match on (same expression as contacts_name_idx). */
const nameKeyOf = (first: string, last: string | null | undefined) =>
  `${first} ${last ?? ""}`.toLowerCase();
const nameKeySql = sql<string>`lower(${contacts.firstName} || ' ' || coalesce(${contacts.lastName}, ''))`;

const compared = [
  "firstName",
  "lastName",
  "emails",
  "phones",
  "title",
  "level",
  "preferredChannel",
  "timeZone",
  "interests",
  "howWeMet",
  "notes",
  "importantDates",
] as const satisfies readonly (keyof ContactRecord)[];

/** State kept across batches: what earlier rows claimed, so a file's duplicates are caught. */
class ContactPlanner {
  readonly directory: AccountDirectory;
  private emailLine = new Map<string, number>();
  private nameLine = new Map<string, number>();
  private contactLine = new Map<string, number>();

  constructor(
    private readonly ctx: Ctx,
    private readonly plan: Plan,
  ) {
    this.directory = new AccountDirectory(ctx);
  }

  async planBatch(rows: readonly RawContactRow[]): Promise<void> {
    const valid: Valid[] = [];
    for (const row of rows) {
      const checked = checkContactRow(row);
      if (!checked.ok) reject(this.plan, checked.line, checked.reason);
      else if (this.claimInFile(checked)) valid.push(checked);
    }
    const { ctx } = this;
    const emails = valid.flatMap((v) => v.value.input.emails ?? []);
    const emailOwners = new Map<string, string>();
    for (const part of batchesOf(emails, PLAN_BATCH)) {
      const found = await ctx.db
        .select({ email: contactEmails.email, contactId: contactEmails.contactId })
        .from(contactEmails)
        .where(
          and(
            eq(contactEmails.workspaceId, ctx.workspaceId),
            sql`${contactEmails.email} = any(${sql.param(part)}::text[])`,
          ),
        );
      for (const row of found) emailOwners.set(row.email, row.contactId);
    }
    const nameKeys = valid
      .filter((v) => !v.value.input.emails?.length)
      .map((v) => nameKeyOf(v.value.input.firstName, v.value.input.lastName));
    const byName = new Map<string, string[]>();
    if (nameKeys.length > 0) {
      const found = await ctx.db
        .select({ id: contacts.id, key: nameKeySql })
        .from(contacts)
        .where(
          and(
            eq(contacts.workspaceId, ctx.workspaceId),
            isNull(contacts.archivedAt),
            sql`cardinality(${contacts.emails}) = 0`,
            sql`${nameKeySql} = any(${sql.param(nameKeys)}::text[])`,
          ),
        );
      for (const row of found) byName.set(row.key, [...(byName.get(row.key) ?? []), row.id]);
    }

    const matchOf = new Map<number, string>();
    const refused = new Set<number>();
    for (const v of valid) {
      const { emails: rowEmails, firstName, lastName } = v.value.input;
      const ids = rowEmails?.length
        ? [...new Set(rowEmails.flatMap((e) => emailOwners.get(e) ?? []))]
        : (byName.get(nameKeyOf(firstName, lastName)) ?? []);
      if (ids.length > 1) {
        refused.add(v.line);
        const name = `${firstName} ${lastName ?? ""}`.trim();
        reject(
          this.plan,
          v.line,
          rowEmails?.length
            ? "emails: the addresses belong to different contacts; merge them first"
            : `${ids.length} contacts without email are named "${name}"; add an email to say which`,
        );
      } else if (ids[0]) matchOf.set(v.line, ids[0]);
    }
    const existing = await this.loadContacts([...new Set(matchOf.values())]);
    await this.directory.load(
      valid.flatMap((v) => (v.value.company?.domain ? [v.value.company.domain] : [])),
      valid.flatMap((v) => (v.value.company ? [v.value.company.name] : [])),
    );
    const needsVisibility = valid
      .filter((v) => v.value.personal.length > 0 && matchOf.has(v.line))
      .map((v) => matchOf.get(v.line) as string);
    const visible = await contactsWithVisibleMemory(ctx, [...new Set(needsVisibility)]);

    for (const v of valid) {
      if (refused.has(v.line)) continue;
      const id = matchOf.get(v.line);
      const found = id ? existing.contacts.get(id) : undefined;
      if (found) {
        this.planUpdate(v, found, existing.accountsOf.get(found.id) ?? new Set(), visible);
      } else if (id) {
        reject(this.plan, v.line, "The matching contact changed during the import; run it again");
      } else this.planCreate(v);
    }
  }

  /** Refuses a row repeating an earlier row's email (or, without email, its name). */
  private claimInFile(v: Valid): boolean {
    const { emails, firstName, lastName } = v.value.input;
    const keys = emails?.length ? emails : [];
    for (const email of keys) {
      const earlier = this.emailLine.get(email);
      if (earlier !== undefined) {
        reject(this.plan, v.line, `Duplicate of line ${earlier}: ${email} is on both rows`);
        return false;
      }
    }
    if (keys.length === 0) {
      const key = nameKeyOf(firstName, lastName);
      const earlier = this.nameLine.get(key);
      if (earlier !== undefined) {
        reject(
          this.plan,
          v.line,
          `Duplicate of line ${earlier}: same name and no email on both rows`,
        );
        return false;
      }
      this.nameLine.set(key, v.line);
    }
    for (const email of keys) this.emailLine.set(email, v.line);
    return true;
  }

  private async loadContacts(ids: string[]) {
    const found = new Map<string, ContactRecord>();
    const accountsOf = new Map<string, Set<string>>();
    const { ctx } = this;
    for (const part of batchesOf(ids, PLAN_BATCH)) {
      const rows = await ctx.db
        .select(contactColumns)
        .from(contacts)
        .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, part)));
      for (const row of rows) found.set(row.id, row);
      const links = await ctx.db
        .select({
          contactId: contactAffiliations.contactId,
          accountId: contactAffiliations.accountId,
        })
        .from(contactAffiliations)
        .where(
          and(
            eq(contactAffiliations.workspaceId, ctx.workspaceId),
            inArray(contactAffiliations.contactId, part),
            currentAffiliation(ctx),
          ),
        );
      for (const link of links) {
        accountsOf.set(
          link.contactId,
          (accountsOf.get(link.contactId) ?? new Set()).add(link.accountId),
        );
      }
    }
    return { contacts: found, accountsOf };
  }

  /** The account the row's Company names, planning its creation when none matches. */
  private accountFor(v: Valid): AccountRecord | undefined {
    const company = v.value.company;
    if (!company) return undefined;
    const known = this.directory.find(company.name, company.domain);
    if (known) return known;
    const created = newAccountRecord(this.ctx, company);
    this.directory.add(created);
    this.plan.accountInserts.push(created);
    this.plan.report.accountsCreated.push({
      line: v.line,
      id: created.id,
      name: created.name,
      domain: created.domain,
    });
    return created;
  }

  private affiliate(contactId: string, account: AccountRecord | undefined): void {
    if (!account) return;
    this.plan.affiliationInserts.push({ id: newId(), contactId, accountId: account.id });
    this.plan.report.affiliationsCreated += 1;
  }

  private planCreate(v: Valid): void {
    const now = this.ctx.now();
    const i = v.value.input;
    const contact: ContactRecord = {
      workspaceId: this.ctx.workspaceId,
      id: newId(),
      firstName: i.firstName,
      lastName: i.lastName ?? null,
      emails: i.emails ?? [],
      phones: i.phones ?? [],
      title: i.title ?? null,
      level: i.level ?? null,
      preferredChannel: i.preferredChannel ?? null,
      timeZone: i.timeZone ?? null,
      interests: i.interests ?? [],
      family: [],
      howWeMet: i.howWeMet ?? null,
      notes: i.notes ?? null,
      importantDates: v.value.birthday ? [v.value.birthday] : [],
      mergedIntoId: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
      archivedAt: null,
    };
    this.plan.contactInserts.push(contact);
    for (const email of contact.emails)
      this.plan.emailInserts.push({ email, contactId: contact.id });
    this.affiliate(contact.id, this.accountFor(v));
    this.plan.report.created += 1;
  }

  private planUpdate(
    v: Valid,
    before: ContactRecord,
    currentAccounts: Set<string>,
    visible: Set<string>,
  ): void {
    const earlier = this.contactLine.get(before.id);
    if (earlier !== undefined) {
      reject(this.plan, v.line, `Duplicate of line ${earlier}: both rows are the same contact`);
      return;
    }
    this.contactLine.set(before.id, v.line);
    if (v.value.personal.length > 0 && !visible.has(before.id)) {
      reject(
        this.plan,
        v.line,
        `${v.value.personal.join(", ")}: you may not change this contact's personal memory (ask its account team or a manager)`,
      );
      return;
    }
    const after = mergeContact(before, v.value);
    const tooMany = limitExceeded(after);
    if (tooMany) {
      reject(this.plan, v.line, tooMany);
      return;
    }
    const changed = differs(before, after, compared);
    const account = this.accountFor(v);
    const link = account && !currentAccounts.has(account.id) ? account : undefined;
    if (!changed && !link) {
      this.plan.report.unchanged += 1;
      return;
    }
    if (changed) {
      this.plan.contactUpdates.push({
        before,
        after: { ...after, updatedAt: this.ctx.now(), version: before.version + 1 },
      });
      for (const email of after.emails.filter((e) => !before.emails.includes(e))) {
        this.plan.emailInserts.push({ email, contactId: before.id });
      }
    }
    this.affiliate(before.id, link);
    this.plan.report.updated += 1;
  }
}

/** The contact with the row's values applied. */
function mergeContact(before: ContactRecord, candidate: ContactCandidate): ContactRecord {
  const i = candidate.input;
  const after: ContactRecord = {
    ...before,
    emails: union(before.emails, i.emails),
    phones: union(before.phones, i.phones),
    interests: union(before.interests, i.interests),
  };
  const sameName =
    nameKeyOf(before.firstName, before.lastName).replace(/\s+/g, " ").trim() ===
    nameKeyOf(i.firstName, i.lastName).replace(/\s+/g, " ").trim();
  if (!sameName) {
    after.firstName = i.firstName;
    if (i.lastName !== undefined) after.lastName = i.lastName;
  }
  for (const field of [
    "title",
    "level",
    "preferredChannel",
    "timeZone",
    "howWeMet",
    "notes",
  ] as const) {
    if (i[field] !== undefined && i[field] !== null) Object.assign(after, { [field]: i[field] });
  }
  const birthday = candidate.birthday;
  if (birthday) {
    const at = before.importantDates.findIndex((d) => d.kind === "birthday");
    const old = before.importantDates[at];
    if (!old) after.importantDates = [...before.importantDates, birthday];
    else if (
      old.month !== birthday.month ||
      old.day !== birthday.day ||
      (birthday.year !== undefined && birthday.year !== old.year)
    ) {
      const { year: _year, ...kept } = old;
      const updated = { ...kept, month: birthday.month, day: birthday.day };
      after.importantDates = before.importantDates.map((d, index) =>
        index === at ? (birthday.year ? { ...updated, year: birthday.year } : updated) : d,
      );
    }
  }
  return after;
}

function limitExceeded(c: ContactRecord): string | undefined {
  if (c.emails.length > MAX_EMAILS) return `emails: At most ${MAX_EMAILS} email addresses`;
  if (c.phones.length > MAX_PHONES) return `phones: At most ${MAX_PHONES} phone numbers`;
  if (c.interests.length > MAX_INTERESTS) return `interests: At most ${MAX_INTERESTS} interests`;
  if (c.importantDates.length > MAX_IMPORTANT_DATES) {
    return `birthday: At most ${MAX_IMPORTANT_DATES} important dates`;
  }
  return undefined;
}

export async function planContactImport(
  ctx: Ctx,
  plan: Plan,
  rows: readonly RawContactRow[],
  onBatch: (processed: number) => Promise<void>,
): Promise<void> {
  const planner = new ContactPlanner(ctx, plan);
  let processed = 0;
  for (const batch of batchesOf(rows, PLAN_BATCH)) {
    await planner.planBatch(batch);
    processed += batch.length;
    await onBatch(processed);
  }
}
