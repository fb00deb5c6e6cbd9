/**
 * What a contact's rights hang on: the accounts it is currently affiliated with and the
 * people who serve them. An affiliation is current until its end date has come (an end
 * date in the future means "will leave"), judged by the injected clock in UTC.
 */
import { and, asc, eq, gt, inArray, isNull, or, type SQL } from "drizzle-orm";
import type { Ctx } from "../../platform/http/context";
import { type AccountPeople, accounts, teamMemberIdsOf } from "../accounts";
import type { ContactAccess } from "./contacts.policies";
import { contactAffiliations } from "./contacts.schema";

/** The calendar day of ctx.now() in UTC, as YYYY-MM-DD (how date columns compare). */
export function todayOf(ctx: Ctx): string {
  return ctx.now().toISOString().slice(0, 10);
}

export function isCurrentAffiliation(a: { endedOn: string | null }, today: string): boolean {
  return a.endedOn === null || a.endedOn > today;
}

/** SQL twin of isCurrentAffiliation, for lists, filters and other domains' queries. */
export function currentAffiliationCondition(today: string): SQL {
  return or(isNull(contactAffiliations.endedOn), gt(contactAffiliations.endedOn, today)) as SQL;
}

/** A line of "where this person works now", shown with the contact. */
export type CurrentAffiliation = {
  id: string;
  accountId: string;
  accountName: string;
  role: (typeof contactAffiliations.$inferSelect)["role"];
};

/** Current affiliations of many contacts in one query (a list page is not N+1). */
export async function currentAffiliationsOf(
  ctx: Ctx,
  contactIds: readonly string[],
): Promise<Map<string, (CurrentAffiliation & { ownerId: string })[]>> {
  const byContact = new Map<string, (CurrentAffiliation & { ownerId: string })[]>();
  if (contactIds.length === 0) return byContact;
  const rows = await ctx.db
    .select({
      contactId: contactAffiliations.contactId,
      id: contactAffiliations.id,
      accountId: contactAffiliations.accountId,
      accountName: accounts.name,
      ownerId: accounts.ownerId,
      role: contactAffiliations.role,
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
        inArray(contactAffiliations.contactId, [...contactIds]),
        currentAffiliationCondition(todayOf(ctx)),
      ),
    )
    .orderBy(asc(contactAffiliations.createdAt), asc(contactAffiliations.id));
  for (const { contactId, ...row } of rows) {
    const list = byContact.get(contactId) ?? [];
    list.push(row);
    byContact.set(contactId, list);
  }
  return byContact;
}

/** A contact's current affiliations and, for the policies, who serves each of those accounts. */
export async function accessOf(
  ctx: Ctx,
  contactId: string,
): Promise<ContactAccess & { current: CurrentAffiliation[] }> {
  const rows = (await currentAffiliationsOf(ctx, [contactId])).get(contactId) ?? [];
  const people = new Map<string, AccountPeople>();
  for (const row of rows) {
    if (people.has(row.accountId)) continue;
    people.set(row.accountId, {
      ownerId: row.ownerId,
      teamMemberIds: await teamMemberIdsOf(ctx, row.accountId),
    });
  }
  return {
    accounts: [...people.values()],
    current: rows.map(({ ownerId: _ownerId, ...row }) => row),
  };
}
