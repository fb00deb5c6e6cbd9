/**
 * Who may import, and whose personal memory (birthday, notes, interests, how we met) an
 * actor may export or change: managers and above always; others for contacts with no
 * current account, or whose current account they own or are on the team of (DESIGN §6).
 */
import { and, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { hasRole } from "../../platform/auth/auth.policies";
// The accounts domain does not export its team table; the schema index does (read-only use).
import { accountTeamMembers } from "../../platform/db/schema";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import { accounts } from "../accounts";
import { contactAffiliations } from "../contacts";

export function assertMayImport(actor: Ctx["actor"]): void {
  if (!hasRole(actor.role, "member")) {
    throw new AppError("FORBIDDEN", "Viewers may export but not import; ask a member or manager.");
  }
}

/** Today's date (YYYY-MM-DD, UTC): an affiliation ending after it is current. */
export function todayOf(ctx: Pick<Ctx, "now">): string {
  return ctx.now().toISOString().slice(0, 10);
}

/** A current affiliation: not ended, or ending after today. */
export function currentAffiliation(ctx: Pick<Ctx, "now">) {
  return or(isNull(contactAffiliations.endedOn), gt(contactAffiliations.endedOn, todayOf(ctx)));
}

/** Of the given contacts, those whose personal memory the actor may see. */
export async function contactsWithVisibleMemory(
  ctx: Ctx,
  contactIds: readonly string[],
): Promise<Set<string>> {
  if (hasRole(ctx.actor.role, "manager")) return new Set(contactIds);
  if (contactIds.length === 0) return new Set();
  const memberId = ctx.actor.memberId;
  const onTeam = memberId
    ? sql<boolean>`(${accounts.ownerId} = ${memberId} or exists (select 1 from ${accountTeamMembers} where ${accountTeamMembers.workspaceId} = ${accounts.workspaceId} and ${accountTeamMembers.accountId} = ${accounts.id} and ${accountTeamMembers.memberId} = ${memberId} and ${accountTeamMembers.endedAt} is null))`
    : sql<boolean>`false`;
  const rows = await ctx.db
    .select({ contactId: contactAffiliations.contactId, covered: onTeam })
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
        currentAffiliation(ctx),
      ),
    );
  const affiliated = new Set<string>();
  const covered = new Set<string>();
  for (const row of rows) {
    affiliated.add(row.contactId);
    if (row.covered) covered.add(row.contactId);
  }
  return new Set(contactIds.filter((id) => !affiliated.has(id) || covered.has(id)));
}
