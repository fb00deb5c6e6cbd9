/**
 * Invitations: an invited member plus a one-time link (stored hashed), mailed through the
 * outbox in the same transaction. Accepting sets a password (or confirms an existing
 * user's) and activates the member.
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { recordAudit } from "../audit/audit.queries";
import type { Db } from "../db/client";
import type { Ctx } from "../http/context";
import { AppError } from "../http/errors";
import { queueMail } from "../mail/outbox";
import { assertMayChangeRole } from "./auth.policies";
import { invitations, members, type Role, users, workspaces } from "./auth.schema";
import { getMember } from "./members.queries";
import { hashPassword, MIN_PASSWORD_LENGTH, randomSecret, sha256, verifyPassword } from "./secrets";
import { findUserByEmail } from "./users.queries";

export const INVITATION_DAYS = 14;

export type Invite = { email: string; name: string; role: Role };

/**
 * Invites someone: an invited member plus a one-time link, shown to the inviter and
 * mailed through the outbox in the same transaction.
 */
export async function inviteMember(ctx: Ctx, input: Invite, publicUrl: string) {
  assertMayChangeRole(ctx.actor.role, undefined, input.role);
  const now = ctx.now();
  let user = await findUserByEmail(ctx.db, input.email);
  let memberId: string | undefined;
  let before: unknown;
  if (user) {
    const [existing] = await ctx.db
      .select()
      .from(members)
      .where(and(eq(members.workspaceId, ctx.workspaceId), eq(members.userId, user.id)));
    if (existing?.status === "active") {
      throw new AppError(
        "ALREADY_EXISTS",
        `${input.email} is already a member of this workspace.`,
        { existingId: existing.id },
      );
    }
    if (existing) {
      // Invited or deactivated: invite again with a fresh link; earlier links stop working.
      if (existing.role === "owner") assertMayChangeRole(ctx.actor.role, "owner", input.role);
      before = existing;
      await ctx.db
        .update(invitations)
        .set({ expiresAt: now, updatedAt: now })
        .where(
          and(
            eq(invitations.workspaceId, ctx.workspaceId),
            eq(invitations.memberId, existing.id),
            isNull(invitations.acceptedAt),
          ),
        );
      await ctx.db
        .update(members)
        .set({
          status: "invited",
          role: input.role,
          updatedAt: now,
          version: sql`${members.version} + 1`,
        })
        .where(and(eq(members.workspaceId, ctx.workspaceId), eq(members.id, existing.id)));
      memberId = existing.id;
    }
  } else {
    [user] = await ctx.db
      .insert(users)
      .values({ email: input.email, name: input.name, createdAt: now, updatedAt: now })
      .returning();
  }
  if (!user) throw new Error("user insert returned nothing");
  if (!memberId) {
    const [member] = await ctx.db
      .insert(members)
      .values({
        workspaceId: ctx.workspaceId,
        userId: user.id,
        role: input.role,
        status: "invited",
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!member) throw new Error("member insert returned nothing");
    memberId = member.id;
  }
  const member = { id: memberId };
  const token = randomSecret("inv");
  await ctx.db.insert(invitations).values({
    workspaceId: ctx.workspaceId,
    memberId: member.id,
    tokenHash: sha256(token),
    invitedBy: ctx.actor.memberId,
    expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
    createdAt: now,
    updatedAt: now,
  });
  const invitationUrl = `${publicUrl}/invite/${token}`;
  const [workspace] = await ctx.db
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  await queueMail(ctx, {
    to: user.email,
    kind: "invitation",
    subject: `You are invited to ${workspace?.name ?? "a workspace"} on Rapport`,
    text: `Hello ${input.name},\n\nYou have been invited to join ${workspace?.name ?? "a workspace"} on Rapport as ${input.role}.\nSet your password and sign in here (the link works once, for ${INVITATION_DAYS} days):\n\n${invitationUrl}\n`,
  });
  const view = await getMember(ctx, member.id);
  await recordAudit(ctx, {
    action: before ? "member.reinvited" : "member.invited",
    entityType: "member",
    entityId: member.id,
    before,
    after: view,
  });
  return { member: view, invitationUrl };
}

async function findInvitation(db: Db, token: string, now: Date) {
  const [row] = await db
    .select({
      invitation: invitations,
      member: members,
      user: users,
      workspaceName: workspaces.name,
    })
    .from(invitations)
    .innerJoin(
      members,
      and(eq(members.workspaceId, invitations.workspaceId), eq(members.id, invitations.memberId)),
    )
    .innerJoin(users, eq(users.id, members.userId))
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(
      and(
        eq(invitations.tokenHash, sha256(token)),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, now),
      ),
    );
  if (row?.member.status !== "invited")
    throw new AppError(
      "NOT_FOUND",
      "This invitation link is not valid any more. Ask for a new one.",
    );
  return row;
}

export async function describeInvitation(db: Db, token: string, now: Date) {
  const row = await findInvitation(db, token, now);
  return {
    workspaceName: row.workspaceName,
    email: row.user.email,
    name: row.user.name,
    role: row.member.role,
    /** An existing user signs in with their current password instead of choosing one. */
    hasPassword: row.user.passwordHash !== null,
  };
}

export async function acceptInvitation(
  db: Db,
  token: string,
  input: { password: string; name?: string },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const row = await findInvitation(tx, token, now);
    if (row.user.passwordHash) {
      if (!(await verifyPassword(row.user.passwordHash, input.password)))
        throw new AppError("INVALID_CREDENTIALS");
    } else {
      if (input.password.length < MIN_PASSWORD_LENGTH) {
        throw new AppError(
          "VALIDATION_FAILED",
          `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
          {
            errors: [{ path: "password", message: `At least ${MIN_PASSWORD_LENGTH} characters` }],
          },
        );
      }
      await tx
        .update(users)
        .set({
          passwordHash: await hashPassword(input.password),
          name: input.name ?? row.user.name,
          updatedAt: now,
        })
        .where(eq(users.id, row.user.id));
    }
    await tx
      .update(invitations)
      .set({ acceptedAt: now, updatedAt: now })
      .where(eq(invitations.id, row.invitation.id));
    await tx
      .update(members)
      .set({ status: "active", updatedAt: now, version: sql`${members.version} + 1` })
      .where(and(eq(members.workspaceId, row.member.workspaceId), eq(members.id, row.member.id)));
    const ctx: Ctx = {
      db: tx,
      now: () => now,
      workspaceId: row.member.workspaceId,
      actor: { memberId: row.member.id, role: row.member.role, via: "invitation" },
    };
    await recordAudit(ctx, {
      action: "member.joined",
      entityType: "member",
      entityId: row.member.id,
      before: { status: "invited" },
      after: { status: "active" },
    });
    return { workspaceId: row.member.workspaceId, memberId: row.member.id };
  });
}
