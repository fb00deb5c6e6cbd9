/**
 * Workspaces, members and invitations. A workspace always keeps at least one active
 * owner; members are never deleted, only deactivated, so history keeps its authors.
 */
import { and, asc, count, eq, gt, ne, sql } from "drizzle-orm";
import { recordAudit } from "../audit/audit.queries";
import type { Db } from "../db/client";
import type { Ctx } from "../http/context";
import { AppError, notFound } from "../http/errors";
import { decodeCursor, toPage } from "../http/pagination";
import { assertMayChangeRole, assertRole } from "./auth.policies";
import { type MemberStatus, members, type Role, users, workspaces } from "./auth.schema";
import { hashPassword } from "./secrets";
import { endMemberSessions } from "./sessions.queries";
import { findUserByEmail } from "./users.queries";

const memberColumns = {
  id: members.id,
  workspaceId: members.workspaceId,
  userId: members.userId,
  email: users.email,
  name: users.name,
  role: members.role,
  status: members.status,
  createdAt: members.createdAt,
  updatedAt: members.updatedAt,
  version: members.version,
};

export type MemberView = {
  id: string;
  workspaceId: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  status: MemberStatus;
  createdAt: Date;
  updatedAt: Date;
  version: number;
};

function selectMembers(db: Db) {
  return db.select(memberColumns).from(members).innerJoin(users, eq(users.id, members.userId));
}

export async function listMembers(ctx: Ctx, page: { limit: number; cursor?: string }) {
  const after = decodeCursor(page.cursor, 1);
  const rows = await selectMembers(ctx.db)
    .where(
      and(
        eq(members.workspaceId, ctx.workspaceId),
        after ? gt(members.id, String(after[0])) : undefined,
      ),
    )
    .orderBy(asc(members.id))
    .limit(page.limit + 1);
  return toPage(rows, page.limit, (row) => [row.id]);
}

export async function getMember(ctx: Ctx, memberId: string): Promise<MemberView> {
  const [row] = await selectMembers(ctx.db).where(
    and(eq(members.workspaceId, ctx.workspaceId), eq(members.id, memberId)),
  );
  if (!row) throw notFound("member");
  return row;
}

export type NewWorkspace = {
  workspaceName: string;
  email: string;
  name: string;
  password?: string;
};

/**
 * Creates a workspace and its first owner. An existing user (same email) becomes owner of
 * the new workspace and keeps their password; a new user needs one.
 */
export async function createWorkspaceWithOwner(db: Db, input: NewWorkspace, now: Date) {
  return db.transaction(async (tx) => {
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: input.workspaceName, createdAt: now, updatedAt: now })
      .returning();
    if (!workspace) throw new Error("workspace insert returned nothing");
    let user = await findUserByEmail(tx, input.email);
    if (!user) {
      if (!input.password)
        throw new AppError("VALIDATION_FAILED", "A password is required for a new user.");
      [user] = await tx
        .insert(users)
        .values({
          email: input.email,
          name: input.name,
          passwordHash: await hashPassword(input.password),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
    }
    if (!user) throw new Error("user insert returned nothing");
    const [member] = await tx
      .insert(members)
      .values({
        workspaceId: workspace.id,
        userId: user.id,
        role: "owner",
        status: "active",
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!member) throw new Error("member insert returned nothing");
    const ctx: Ctx = {
      db: tx,
      now: () => now,
      workspaceId: workspace.id,
      actor: { memberId: member.id, role: "owner", via: "setup" },
    };
    await recordAudit(ctx, {
      action: "workspace.created",
      entityType: "workspace",
      entityId: workspace.id,
      after: workspace,
    });
    await recordAudit(ctx, {
      action: "member.created",
      entityType: "member",
      entityId: member.id,
      after: { ...member, email: user.email },
    });
    return { workspace, user, member };
  });
}

export async function countWorkspaces(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(workspaces);
  return row?.n ?? 0;
}

export type MemberChange = { role?: Role; status?: "active" | "deactivated" };

export async function updateMember(
  ctx: Ctx,
  memberId: string,
  expectedVersion: number,
  change: MemberChange,
) {
  const before = await getMember(ctx, memberId);
  if (change.role && change.role !== before.role)
    assertMayChangeRole(ctx.actor.role, before.role, change.role);
  if (change.status) assertRole(ctx.actor.role, "admin", "manage members");
  if (before.role === "owner" && change.status === "deactivated")
    assertMayChangeRole(ctx.actor.role, "owner", "owner");
  if (before.version !== expectedVersion) {
    throw new AppError(
      "STALE_VERSION",
      `You sent version ${expectedVersion}; the member is at version ${before.version}.`,
    );
  }
  if (change.status === "active" && before.status !== "active") {
    const [user] = await ctx.db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, before.userId));
    // Someone who never accepted has no password: "active" would lock them out for good.
    if (before.status === "invited" || !user?.passwordHash) {
      throw new AppError(
        "CONFLICT",
        "They never accepted their invitation: invite them again to send a new link.",
      );
    }
  }
  const losesOwner =
    before.role === "owner" &&
    before.status === "active" &&
    ((change.role && change.role !== "owner") || change.status === "deactivated");
  if (losesOwner) {
    // Lock the owner rows so two concurrent demotions cannot both pass the check.
    const owners = await ctx.db
      .select({ id: members.id })
      .from(members)
      .where(
        and(
          eq(members.workspaceId, ctx.workspaceId),
          eq(members.role, "owner"),
          eq(members.status, "active"),
          ne(members.id, memberId),
        ),
      )
      .for("update");
    if (owners.length === 0)
      throw new AppError(
        "LAST_OWNER",
        "This is the last active owner: make someone else owner first.",
      );
  }
  const now = ctx.now();
  const updated = await ctx.db
    .update(members)
    .set({
      ...(change.role ? { role: change.role } : {}),
      ...(change.status ? { status: change.status } : {}),
      updatedAt: now,
      version: sql`${members.version} + 1`,
    })
    .where(
      and(
        eq(members.workspaceId, ctx.workspaceId),
        eq(members.id, memberId),
        eq(members.version, expectedVersion),
      ),
    )
    .returning({ id: members.id });
  if (updated.length === 0) throw new AppError("STALE_VERSION");
  if (change.status === "deactivated") await endMemberSessions(ctx.db, ctx.workspaceId, memberId);
  const after = await getMember(ctx, memberId);
  await recordAudit(ctx, {
    action: "member.updated",
    entityType: "member",
    entityId: memberId,
    before,
    after,
  });
  return after;
}
