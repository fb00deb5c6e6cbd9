/**
 * Signing in and out, and turning a cookie or bearer token back into an Actor.
 * Unknown email and wrong password take the same path and the same time.
 */
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import type { Actor } from "../http/context";
import { AppError } from "../http/errors";
import { apiTokens, members, sessions, workspaces } from "./auth.schema";
import { randomSecret, sha256, verifyPassword } from "./secrets";
import { findUserByEmail } from "./users.queries";

export const SESSION_DAYS = 30;

export type LoginInput = { email: string; password: string; workspaceId?: string };

export async function login(db: Db, input: LoginInput, now: Date) {
  const user = await findUserByEmail(db, input.email);
  const passwordOk = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !passwordOk) throw new AppError("INVALID_CREDENTIALS");

  const memberships = await db
    .select({ member: members })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(
      and(eq(members.userId, user.id), eq(members.status, "active"), isNull(workspaces.archivedAt)),
    )
    .orderBy(asc(members.createdAt));
  const chosen = input.workspaceId
    ? memberships.find((m) => m.member.workspaceId === input.workspaceId)
    : memberships[0];
  // Same answer as a wrong password: a deactivated member learns nothing new.
  if (!chosen) throw new AppError("INVALID_CREDENTIALS");
  return startSession(db, chosen.member.workspaceId, chosen.member.id, now);
}

export async function startSession(db: Db, workspaceId: string, memberId: string, now: Date) {
  const sessionToken = randomSecret("rps");
  const csrfToken = randomSecret("csrf");
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions).values({
    tokenHash: sha256(sessionToken),
    workspaceId,
    memberId,
    csrfToken,
    createdAt: now,
    expiresAt,
  });
  return { sessionToken, csrfToken, expiresAt, workspaceId, memberId };
}

export async function endSession(db: Db, sessionTokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sessionTokenHash));
}

/** Ends every session of a member (on deactivation). */
export async function endMemberSessions(
  db: Db,
  workspaceId: string,
  memberId: string,
): Promise<void> {
  await db
    .delete(sessions)
    .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.memberId, memberId)));
}

const actorColumns = {
  workspaceId: members.workspaceId,
  memberId: members.id,
  userId: members.userId,
  role: members.role,
};

export async function actorFromSession(
  db: Db,
  sessionToken: string,
  now: Date,
): Promise<Actor | undefined> {
  const tokenHash = sha256(sessionToken);
  const [row] = await db
    .select({ ...actorColumns, csrfToken: sessions.csrfToken })
    .from(sessions)
    .innerJoin(
      members,
      and(eq(members.workspaceId, sessions.workspaceId), eq(members.id, sessions.memberId)),
    )
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        gt(sessions.expiresAt, now),
        eq(members.status, "active"),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  return { ...row, via: "session", sessionTokenHash: tokenHash };
}

export async function actorFromApiToken(
  db: Db,
  token: string,
  now: Date,
): Promise<Actor | undefined> {
  const [row] = await db
    .select({ ...actorColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(
      members,
      and(eq(members.workspaceId, apiTokens.workspaceId), eq(members.id, apiTokens.memberId)),
    )
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        eq(members.status, "active"),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  // Record use at most once a minute: a hot token should not write on every request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.workspaceId, row.workspaceId), eq(apiTokens.id, row.tokenId)));
  }
  const { lastUsedAt: _lastUsedAt, ...actor } = row;
  return { ...actor, via: "token" };
}
