/**
 * The team on our side of an account: which members serve it, in what role, with what
 * responsibility. The account's owner is always on it (shown as lead unless listed with
 * another role) and cannot be taken off; hand the account over to change that.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/audit.queries";
import { members, users } from "../../platform/auth/auth.schema";
import type { Ctx } from "../../platform/http/context";
import { AppError, notFound } from "../../platform/http/errors";
import { assertMayChangeAccount } from "./accounts.policies";
import { getAccount, teamMemberIdsOf } from "./accounts.queries";
import { accountTeamMembers, type TeamRole } from "./accounts.schema";

export type TeamEntry = {
  memberId: string;
  name: string;
  email: string;
  role: TeamRole;
  responsibility: string | null;
  isOwner: boolean;
};

export async function listAccountTeam(ctx: Ctx, accountId: string): Promise<TeamEntry[]> {
  const account = await getAccount(ctx, accountId);
  const rows = await ctx.db
    .select({
      memberId: members.id,
      name: users.name,
      email: users.email,
      role: accountTeamMembers.role,
      responsibility: accountTeamMembers.responsibility,
    })
    .from(accountTeamMembers)
    .innerJoin(
      members,
      and(
        eq(members.workspaceId, accountTeamMembers.workspaceId),
        eq(members.id, accountTeamMembers.memberId),
      ),
    )
    .innerJoin(users, eq(users.id, members.userId))
    .where(
      and(
        eq(accountTeamMembers.workspaceId, ctx.workspaceId),
        eq(accountTeamMembers.accountId, accountId),
        isNull(accountTeamMembers.endedAt),
      ),
    )
    .orderBy(asc(accountTeamMembers.createdAt), asc(members.id));
  const team: TeamEntry[] = rows.map((row) => ({
    ...row,
    isOwner: row.memberId === account.ownerId,
  }));
  if (!team.some((entry) => entry.isOwner)) {
    const [owner] = await ctx.db
      .select({ name: users.name, email: users.email })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(and(eq(members.workspaceId, ctx.workspaceId), eq(members.id, account.ownerId)));
    team.unshift({
      memberId: account.ownerId,
      name: owner?.name ?? "",
      email: owner?.email ?? "",
      role: "lead",
      responsibility: "Account owner",
      isOwner: true,
    });
  }
  return team;
}

async function assertMayChangeTeam(ctx: Ctx, accountId: string) {
  const account = await getAccount(ctx, accountId, { forUpdate: true });
  if (account.archivedAt)
    throw new AppError("CONFLICT", "The account is archived: unarchive it to change its team.");
  assertMayChangeAccount(ctx.actor, {
    ownerId: account.ownerId,
    teamMemberIds: await teamMemberIdsOf(ctx, accountId),
  });
  return account;
}

/** Adds a member to the team or changes their role there (idempotent). */
export async function setTeamMember(
  ctx: Ctx,
  accountId: string,
  memberId: string,
  input: { role: TeamRole; responsibility?: string | null },
): Promise<TeamEntry[]> {
  await assertMayChangeTeam(ctx, accountId);
  const [member] = await ctx.db
    .select({ status: members.status })
    .from(members)
    .where(and(eq(members.workspaceId, ctx.workspaceId), eq(members.id, memberId)));
  if (!member) throw notFound("member");
  if (member.status === "deactivated") {
    throw new AppError("CONFLICT", "A deactivated member cannot join an account's team.");
  }
  const now = ctx.now();
  const [before] = await ctx.db
    .select()
    .from(accountTeamMembers)
    .where(
      and(
        eq(accountTeamMembers.workspaceId, ctx.workspaceId),
        eq(accountTeamMembers.accountId, accountId),
        eq(accountTeamMembers.memberId, memberId),
      ),
    );
  const [after] = await ctx.db
    .insert(accountTeamMembers)
    .values({
      workspaceId: ctx.workspaceId,
      accountId,
      memberId,
      role: input.role,
      responsibility: input.responsibility ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [
        accountTeamMembers.workspaceId,
        accountTeamMembers.accountId,
        accountTeamMembers.memberId,
      ],
      set: {
        role: input.role,
        responsibility: input.responsibility ?? null,
        endedAt: null,
        updatedAt: now,
        version: sql`${accountTeamMembers.version} + 1`,
      },
    })
    .returning();
  await recordAudit(ctx, {
    action: before && !before.endedAt ? "account.team_member_changed" : "account.team_member_added",
    entityType: "account",
    entityId: accountId,
    before: before ?? null,
    after,
  });
  return listAccountTeam(ctx, accountId);
}

export async function removeTeamMember(
  ctx: Ctx,
  accountId: string,
  memberId: string,
): Promise<TeamEntry[]> {
  const account = await assertMayChangeTeam(ctx, accountId);
  if (memberId === account.ownerId) {
    throw new AppError(
      "CONFLICT",
      "The account's owner is always on its team: hand the account over first.",
    );
  }
  const now = ctx.now();
  const removed = await ctx.db
    .update(accountTeamMembers)
    .set({ endedAt: now, updatedAt: now, version: sql`${accountTeamMembers.version} + 1` })
    .where(
      and(
        eq(accountTeamMembers.workspaceId, ctx.workspaceId),
        eq(accountTeamMembers.accountId, accountId),
        eq(accountTeamMembers.memberId, memberId),
        isNull(accountTeamMembers.endedAt),
      ),
    )
    .returning();
  if (removed.length === 0) throw notFound("team member");
  await recordAudit(ctx, {
    action: "account.team_member_removed",
    entityType: "account",
    entityId: accountId,
    before: { ...removed[0], endedAt: null },
    after: removed[0],
  });
  return listAccountTeam(ctx, accountId);
}
