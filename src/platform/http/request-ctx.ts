/**
 * Builds the Ctx that domain functions take from a request: the signed-in actor (401
 * when there is none), the clock and the database, optionally inside a transaction.
 */
import type { Context } from "hono";
import type { Actor, AppEnv, Ctx } from "./context";
import { AppError } from "./errors";

export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get("actor");
  if (!actor) throw new AppError("UNAUTHENTICATED");
  return actor;
}

export function ctxFor(c: Context<AppEnv>): Ctx {
  const actor = requireActor(c);
  const deps = c.get("deps");
  return {
    db: deps.db,
    now: deps.now,
    workspaceId: actor.workspaceId,
    actor: { memberId: actor.memberId, role: actor.role, via: actor.via },
    requestId: c.get("requestId"),
  };
}

/** Runs fn in one transaction: the change, its audit event and any outbox mail commit together. */
export async function inTransaction<T>(
  c: Context<AppEnv>,
  fn: (ctx: Ctx) => Promise<T>,
): Promise<T> {
  const ctx = ctxFor(c);
  const result = await ctx.db.transaction((tx) => fn({ ...ctx, db: tx }));
  c.get("deps").onJobsEnqueued?.();
  return result;
}
