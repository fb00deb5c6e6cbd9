/**
 * An app wired to its own fresh database and a movable clock, with a typed client that
 * calls it in-process, and helpers that create workspaces and members to act as.
 */
import { and, eq } from "drizzle-orm";
import { hc } from "hono/client";
import { pino } from "pino";
import { createApp } from "../../server/app";
import { members, type Role, users } from "../auth/auth.schema";
import { createWorkspaceWithOwner } from "../auth/members.queries";
import { hashPassword } from "../auth/secrets";
import { createApiToken } from "../auth/tokens.queries";
import { loadConfig } from "../config";
import type { Db } from "../db/client";
import type { AppDeps, Ctx } from "../http/context";
import { jobs } from "../jobs/jobs.schema";
import { createTestClock } from "./clock";
import { openTestDatabase } from "./databases";

export const TEST_PASSWORD = "correct horse battery";
let cachedPasswordHash: Promise<string> | undefined;

export async function createTestApp(options: { env?: Record<string, string> } = {}) {
  const database = await openTestDatabase();
  const clock = createTestClock();
  const config = loadConfig({
    LOG_LEVEL: "silent",
    RAPPORT_PUBLIC_URL: "http://rapport.test",
    ...options.env,
  });
  const deps: AppDeps = {
    db: database.db,
    dbKind: database.kind,
    config,
    now: clock,
    logger: pino({ level: "silent" }),
    version: "test",
  };
  const app = createApp(deps);
  const fetchApp = (input: RequestInfo | URL, init?: RequestInit) =>
    app.fetch(new Request(input, init));
  /** A typed client; pass headers for the identity to act as. */
  const clientFor = (headers: Record<string, string> = {}) =>
    hc<typeof app>("http://rapport.test", { fetch: fetchApp, headers });

  let seq = 0;
  /** Creates a workspace with an owner and returns bearer headers acting as that owner. */
  async function createWorkspace(name = "Acme Advisory") {
    seq += 1;
    const email = `owner${seq}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    cachedPasswordHash ??= hashPassword(TEST_PASSWORD);
    const created = await createWorkspaceWithOwner(
      database.db,
      { workspaceName: name, email, name: `Owner ${seq}`, password: TEST_PASSWORD },
      clock(),
    );
    const owner = await actAs(created.workspace.id, created.member.id, "owner");
    return {
      workspace: created.workspace,
      owner,
      email,
      addMember: (role: Role) => addMember(created.workspace.id, role),
    };
  }

  async function actAs(workspaceId: string, memberId: string, role: Role) {
    const ctx: Ctx = {
      db: database.db,
      now: clock,
      workspaceId,
      actor: { memberId, role, via: "test" },
    };
    const { token } = await createApiToken(ctx, { label: "test", memberId });
    const headers = { authorization: `Bearer ${token}` };
    return { memberId, workspaceId, role, token, headers, client: clientFor(headers) };
  }

  /** An active member with the given role, with its own bearer token. */
  async function addMember(workspaceId: string, role: Role) {
    seq += 1;
    const email = `${role}${seq}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    cachedPasswordHash ??= hashPassword(TEST_PASSWORD);
    const [user] = await database.db
      .insert(users)
      .values({ email, name: `${role} ${seq}`, passwordHash: await cachedPasswordHash })
      .returning();
    if (!user) throw new Error("user insert failed");
    const [member] = await database.db
      .insert(members)
      .values({ workspaceId, userId: user.id, role, status: "active" })
      .returning();
    if (!member) throw new Error("member insert failed");
    return { ...(await actAs(workspaceId, member.id, role)), email };
  }

  return {
    app,
    deps,
    db: database.db,
    database,
    clock,
    client: clientFor(),
    clientFor,
    /** Raw request for bad-input tests the typed client cannot express. */
    request: (path: string, init?: RequestInit) => app.request(path, init),
    createWorkspace,
    settleQueuedJobs: (name?: string) => settleQueuedJobs(database.db, name),
    close: () => database.close(),
  };
}

/**
 * Marks queued jobs done without running them, as though a runner had taken them. Refresh
 * requests coalesce while queued (`refreshJob`), so a test that counts the requests events
 * make settles the earlier ones first, as time passing would.
 */
export async function settleQueuedJobs(db: Db, name?: string): Promise<void> {
  await db
    .update(jobs)
    .set({ status: "done", coalesceKey: null })
    .where(and(eq(jobs.status, "queued"), name ? eq(jobs.name, name) : undefined));
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
