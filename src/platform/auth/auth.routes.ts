/**
 * Sign-in, sign-out, who am I, first-run onboarding and invitation acceptance.
 * Login is rate limited per client address and per email.
 */

import { getConnInfo } from "@hono/node-server/conninfo";
import { createRoute, z } from "@hono/zod-openapi";
import { eq, sql } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import type { Db } from "../db/client";
import type { AppEnv } from "../http/context";
import { AppError } from "../http/errors";
import { RateLimiter } from "../http/rate-limit";
import { requireActor } from "../http/request-ctx";
import { errors, jsonBody, jsonContent } from "../http/responses";
import { createRouter } from "../http/router";
import { acceptInvitationInput, loginInput, onboardingInput } from "./auth.inputs";
import { members, roles, users, workspaces } from "./auth.schema";
import { acceptInvitation, describeInvitation } from "./invitations.queries";
import { countWorkspaces, createWorkspaceWithOwner } from "./members.queries";
import { endSession, login, SESSION_DAYS, startSession } from "./sessions.queries";

export const SESSION_COOKIE = "rapport_session";
export const CSRF_COOKIE = "rapport_csrf";

export const meSchema = z
  .object({
    member: z.object({ id: z.string(), role: z.enum(roles), email: z.string(), name: z.string() }),
    workspace: z.object({ id: z.string(), name: z.string() }),
    via: z.enum(["session", "token"]),
    csrfToken: z.string().nullable(),
  })
  .openapi("Me");

export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

export function setSessionCookies(
  c: Context<AppEnv>,
  session: { sessionToken: string; csrfToken: string },
) {
  const secure = c.get("deps").config.publicUrl.startsWith("https://");
  const maxAge = SESSION_DAYS * 86_400;
  setCookie(c, SESSION_COOKIE, session.sessionToken, {
    httpOnly: true,
    sameSite: "Lax",
    secure,
    path: "/",
    maxAge,
  });
  // Readable by the page on purpose: it echoes it in X-CSRF-Token (double-submit).
  setCookie(c, CSRF_COOKIE, session.csrfToken, {
    httpOnly: false,
    sameSite: "Lax",
    secure,
    path: "/",
    maxAge,
  });
}

export async function describeMe(c: Context<AppEnv>) {
  const actor = requireActor(c);
  const { db } = c.get("deps");
  const [row] = await db
    .select({ email: users.email, name: users.name, workspaceName: workspaces.name })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(eq(members.id, actor.memberId));
  if (!row) throw new AppError("UNAUTHENTICATED");
  return {
    member: { id: actor.memberId, role: actor.role, email: row.email, name: row.name },
    workspace: { id: actor.workspaceId, name: row.workspaceName },
    via: actor.via,
    csrfToken: actor.csrfToken ?? null,
  };
}

/**
 * Runs `fn` in one transaction while the installation has no workspace yet, else 409. The
 * advisory lock queues concurrent first runs (two clicks, two tabs, onboarding and the demo
 * button at once): the second waits, then sees the first one's workspace.
 */
export async function whileNoWorkspace<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('rapport:onboarding', 0))`);
    if ((await countWorkspaces(tx)) > 0) {
      throw new AppError(
        "CONFLICT",
        "This installation already has a workspace. Sign in, or ask an admin for an invitation.",
      );
    }
    return fn(tx);
  });
}

const loginRoute = createRoute({
  method: "post",
  path: "/auth/login",
  tags: ["auth"],
  summary: "Sign in with email and password (sets the session cookie)",
  request: {
    body: jsonBody(loginInput),
  },
  responses: { 200: jsonContent(meSchema, "Signed in"), ...errors(429) },
});

const logoutRoute = createRoute({
  method: "post",
  path: "/auth/logout",
  tags: ["auth"],
  summary: "Sign out (ends the session)",
  responses: { 204: { description: "Signed out" }, ...errors(403) },
});

const meRoute = createRoute({
  method: "get",
  path: "/me",
  tags: ["auth"],
  summary: "The signed-in member and workspace",
  responses: { 200: jsonContent(meSchema, "Who is signed in"), ...errors() },
});

const onboardingStatusRoute = createRoute({
  method: "get",
  path: "/onboarding",
  tags: ["auth"],
  summary: "Whether this installation still needs its first workspace",
  responses: { 200: jsonContent(z.object({ needed: z.boolean() }), "Onboarding status") },
});

const onboardingRoute = createRoute({
  method: "post",
  path: "/onboarding",
  tags: ["auth"],
  summary: "Create the first workspace and its owner (only while none exists)",
  request: {
    body: jsonBody(onboardingInput),
  },
  responses: { 201: jsonContent(meSchema, "Workspace created, signed in"), ...errors(409, 429) },
});

const invitationParams = z.object({
  token: z
    .string()
    .min(10)
    .max(200)
    .openapi({ param: { name: "token", in: "path" } }),
});

const invitationRoute = createRoute({
  method: "get",
  path: "/invitations/{token}",
  tags: ["auth"],
  summary: "What an invitation link is for",
  request: { params: invitationParams },
  responses: {
    200: jsonContent(
      z.object({
        workspaceName: z.string(),
        email: z.string(),
        name: z.string(),
        role: z.enum(roles),
        hasPassword: z.boolean(),
      }),
      "The invitation",
    ),
    ...errors(404, 429),
  },
});

const acceptRoute = createRoute({
  method: "post",
  path: "/invitations/{token}/accept",
  tags: ["auth"],
  summary: "Accept an invitation: set a password (or confirm yours) and sign in",
  request: {
    params: invitationParams,
    body: jsonBody(acceptInvitationInput),
  },
  responses: { 200: jsonContent(meSchema, "Joined and signed in"), ...errors(404, 429) },
});

export function createAuthRoutes() {
  // Per instance, so each test app starts with clean counters.
  const perAddress = new RateLimiter(30, 15 * 60_000);
  const perEmail = new RateLimiter(10, 15 * 60_000);
  const publicCalls = new RateLimiter(60, 60_000);

  return createRouter()
    .openapi(loginRoute, async (c) => {
      const body = c.req.valid("json");
      const { db, now } = c.get("deps");
      const nowMs = now().getTime();
      perAddress.enforce(clientAddress(c), nowMs);
      perEmail.enforce(body.email.toLowerCase(), nowMs);
      const session = await login(db, body, now());
      perEmail.reset(body.email.toLowerCase());
      setSessionCookies(c, session);
      c.set("actor", await actorAfterLogin(c, session));
      return c.json(await describeMe(c), 200);
    })
    .openapi(logoutRoute, async (c) => {
      const actor = c.get("actor");
      if (actor?.sessionTokenHash) await endSession(c.get("deps").db, actor.sessionTokenHash);
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      deleteCookie(c, CSRF_COOKIE, { path: "/" });
      return c.body(null, 204);
    })
    .openapi(meRoute, async (c) => c.json(await describeMe(c), 200))
    .openapi(onboardingStatusRoute, async (c) => {
      return c.json({ needed: (await countWorkspaces(c.get("deps").db)) === 0 }, 200);
    })
    .openapi(onboardingRoute, async (c) => {
      const body = c.req.valid("json");
      const { db, now } = c.get("deps");
      perAddress.enforce(clientAddress(c), now().getTime());
      const created = await whileNoWorkspace(db, (tx) => createWorkspaceWithOwner(tx, body, now()));
      const session = await startSession(db, created.workspace.id, created.member.id, now());
      setSessionCookies(c, session);
      c.set("actor", await actorAfterLogin(c, session));
      return c.json(await describeMe(c), 201);
    })
    .openapi(invitationRoute, async (c) => {
      const { db, now } = c.get("deps");
      publicCalls.enforce(clientAddress(c), now().getTime());
      return c.json(await describeInvitation(db, c.req.valid("param").token, now()), 200);
    })
    .openapi(acceptRoute, async (c) => {
      const { db, now } = c.get("deps");
      perAddress.enforce(clientAddress(c), now().getTime());
      const body = c.req.valid("json");
      const joined = await acceptInvitation(db, c.req.valid("param").token, body, now());
      const session = await startSession(db, joined.workspaceId, joined.memberId, now());
      setSessionCookies(c, session);
      c.set("actor", await actorAfterLogin(c, session));
      return c.json(await describeMe(c), 200);
    });
}

export async function actorAfterLogin(
  c: Context<AppEnv>,
  session: { workspaceId: string; memberId: string; csrfToken: string },
) {
  const { db } = c.get("deps");
  const [member] = await db.select().from(members).where(eq(members.id, session.memberId));
  if (!member) throw new AppError("UNAUTHENTICATED");
  return {
    workspaceId: session.workspaceId,
    memberId: member.id,
    userId: member.userId,
    role: member.role,
    via: "session" as const,
    csrfToken: session.csrfToken,
  };
}
