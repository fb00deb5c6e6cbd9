/**
 * Who an alarm goes to. An account's alarm: its team lead (active), else its owner (when
 * active), else the workspace's first active owner — the same people cadence tasks go to.
 * A segment's alarm: one task for the firm's leadership (the first active manager, else
 * the first active owner), because a segment souring is a portfolio question, and one task
 * per account would repeat the accounts' own alarms.
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { members } from "../../platform/auth/auth.schema";
import type { Ctx } from "../../platform/http/context";
import { accounts, accountTeamMembers } from "../accounts";

async function firstActive(ctx: Ctx, role: "owner" | "manager"): Promise<string | undefined> {
  const [row] = await ctx.db
    .select({ id: members.id })
    .from(members)
    .where(
      and(
        eq(members.workspaceId, ctx.workspaceId),
        eq(members.role, role),
        eq(members.status, "active"),
      ),
    )
    .orderBy(asc(members.createdAt), asc(members.id))
    .limit(1);
  return row?.id;
}

/** The member each account's alarms go to (accounts with nobody to give them to are absent). */
export async function alarmAssigneesOf(
  ctx: Ctx,
  accountIds: string[],
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (accountIds.length === 0) return result;
  const leads = await ctx.db
    .select({ accountId: accountTeamMembers.accountId, memberId: accountTeamMembers.memberId })
    .from(accountTeamMembers)
    .innerJoin(
      members,
      and(
        eq(members.workspaceId, accountTeamMembers.workspaceId),
        eq(members.id, accountTeamMembers.memberId),
      ),
    )
    .where(
      and(
        eq(accountTeamMembers.workspaceId, ctx.workspaceId),
        inArray(accountTeamMembers.accountId, accountIds),
        eq(accountTeamMembers.role, "lead"),
        isNull(accountTeamMembers.endedAt),
        eq(members.status, "active"),
      ),
    )
    .orderBy(asc(accountTeamMembers.createdAt), asc(accountTeamMembers.memberId));
  for (const lead of leads) {
    if (!result.has(lead.accountId)) result.set(lead.accountId, lead.memberId);
  }
  const owners = await ctx.db
    .select({ accountId: accounts.id, ownerId: accounts.ownerId, status: members.status })
    .from(accounts)
    .innerJoin(
      members,
      and(eq(members.workspaceId, accounts.workspaceId), eq(members.id, accounts.ownerId)),
    )
    .where(and(eq(accounts.workspaceId, ctx.workspaceId), inArray(accounts.id, accountIds)));
  const fallback = await firstActive(ctx, "owner");
  for (const owner of owners) {
    if (result.has(owner.accountId)) continue;
    const id = owner.status === "active" ? owner.ownerId : fallback;
    if (id) result.set(owner.accountId, id);
  }
  return result;
}

/** Who follows up a segment's falling satisfaction. */
export async function segmentAlarmAssignee(ctx: Ctx): Promise<string | undefined> {
  return (await firstActive(ctx, "manager")) ?? (await firstActive(ctx, "owner"));
}
