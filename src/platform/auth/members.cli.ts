/**
 * What the command line does with workspaces and members. The CLI is run by whoever
 * operates the installation (often to recover from being locked out), so it acts as
 * the system, with `via: "cli"` in the audit trail, and skips role checks.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { recordAudit } from "../audit/audit.queries";
import type { Db } from "../db/client";
import type { Ctx } from "../http/context";
import { AppError } from "../http/errors";
import {
  type Member,
  members,
  type Role,
  type User,
  users,
  type Workspace,
  workspaces,
} from "./auth.schema";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./secrets";
import { findUserByEmail } from "./users.queries";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function cliCtx(db: Db, workspaceId: string, now: Date): Ctx {
  return { db, now: () => now, workspaceId, actor: { memberId: null, role: "system", via: "cli" } };
}

/** A workspace by id or by exact name (case-insensitive); a name shared by several is refused. */
export async function resolveWorkspace(db: Db, ref: string): Promise<Workspace> {
  const found = UUID.test(ref)
    ? await db.select().from(workspaces).where(eq(workspaces.id, ref.toLowerCase()))
    : await db
        .select()
        .from(workspaces)
        .where(sql`lower(${workspaces.name}) = lower(${ref})`)
        .orderBy(asc(workspaces.createdAt));
  const [workspace, second] = found;
  if (!workspace) throw new AppError("NOT_FOUND", `No workspace named or with id "${ref}".`);
  if (second) {
    throw new AppError(
      "CONFLICT",
      `Several workspaces are named "${ref}" (${found.map((w) => w.id).join(", ")}): pass --workspace with the id.`,
    );
  }
  if (workspace.archivedAt) throw new AppError("CONFLICT", `Workspace "${ref}" is archived.`);
  return workspace;
}

export type Membership = { workspace: Workspace; member: Member };

/** The active memberships of a user in workspaces that are not archived, oldest first. */
export async function activeMemberships(db: Db, userId: string): Promise<Membership[]> {
  return db
    .select({ workspace: workspaces, member: members })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(
      and(eq(members.userId, userId), eq(members.status, "active"), isNull(workspaces.archivedAt)),
    )
    .orderBy(asc(members.createdAt));
}

export type CliMemberInput = {
  workspaceId: string;
  email: string;
  role: Role;
  /** Needed only when the email has no user yet. */
  name?: string;
  password?: string;
};

export type CliMemberResult = {
  member: Member;
  user: User;
  /** added: new membership; activated: an invited or deactivated membership made active. */
  outcome: "added" | "activated";
  newUser: boolean;
};

/**
 * Makes the user with this email an active member of the workspace with the given role,
 * creating the user when needed. An already active member is refused (change roles in
 * Settings → Members, where the last-owner rule is enforced).
 */
export async function addMemberFromCli(
  db: Db,
  input: CliMemberInput,
  now: Date,
): Promise<CliMemberResult> {
  return db.transaction(async (tx) => {
    const ctx = cliCtx(tx, input.workspaceId, now);
    let user = await findUserByEmail(tx, input.email);
    const newUser = !user;
    if (!user) {
      if (!input.name?.trim())
        throw new AppError("VALIDATION_FAILED", `${input.email} has no account yet: pass --name.`);
      if (!input.password || input.password.length < MIN_PASSWORD_LENGTH)
        throw new AppError(
          "VALIDATION_FAILED",
          `A new user needs a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
        );
      [user] = await tx
        .insert(users)
        .values({
          email: input.email,
          name: input.name.trim(),
          passwordHash: await hashPassword(input.password),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!user) throw new Error("user insert returned nothing");
    }

    const [existing] = await tx
      .select()
      .from(members)
      .where(and(eq(members.workspaceId, input.workspaceId), eq(members.userId, user.id)))
      .for("update");
    if (existing?.status === "active") {
      throw new AppError(
        "ALREADY_EXISTS",
        `${input.email} is already an active member (${existing.role}) of this workspace.`,
      );
    }
    if (existing) {
      const [member] = await tx
        .update(members)
        .set({
          role: input.role,
          status: "active",
          updatedAt: now,
          version: sql`${members.version} + 1`,
        })
        .where(and(eq(members.workspaceId, input.workspaceId), eq(members.id, existing.id)))
        .returning();
      if (!member) throw new Error("member update returned nothing");
      await recordAudit(ctx, {
        action: "member.updated",
        entityType: "member",
        entityId: member.id,
        before: { ...existing, email: user.email },
        after: { ...member, email: user.email },
      });
      return { member, user, outcome: "activated", newUser };
    }

    const [member] = await tx
      .insert(members)
      .values({
        workspaceId: input.workspaceId,
        userId: user.id,
        role: input.role,
        status: "active",
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!member) throw new Error("member insert returned nothing");
    await recordAudit(ctx, {
      action: "member.created",
      entityType: "member",
      entityId: member.id,
      after: { ...member, email: user.email },
    });
    return { member, user, outcome: "added", newUser };
  });
}
