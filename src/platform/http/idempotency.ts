/**
 * Idempotency-Key on POST: the first request with a key runs and its response is kept for
 * 24 hours; a retry with the same key and body gets the same response without running
 * again. The key is reserved before the handler runs, so two concurrent retries cannot
 * both create. Server errors release the key so a retry can succeed.
 *
 * An answer that carries a secret shown once (an API token, a calendar link, survey links,
 * an invitation link) is never kept: storing it would leave the secret in clear for a day.
 * Its retry answers 409 IDEMPOTENCY_SECRET_WITHHELD instead of creating a second one.
 */
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./context";
import { AppError } from "./errors";
import { idempotencyKeys } from "./idempotency.schema";

const KEY = /^[\x21-\x7e]{1,200}$/;
const KEEP_MS = 24 * 3_600_000;
const REPLAYED_HEADERS = ["content-type", "etag", "location"];
const WITHHELD = "x-rapport-secret-withheld";

/** Handlers whose answer holds a secret call this, so a retry never replays it. */
export function withholdFromReplay(c: Context<AppEnv>): void {
  c.set("secretInResponse", true);
}

export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header("idempotency-key");
  const actor = c.get("actor");
  if (c.req.method !== "POST" || key === undefined || !actor) return next();
  if (!KEY.test(key)) {
    throw new AppError(
      "VALIDATION_FAILED",
      "Idempotency-Key must be 1-200 visible ASCII characters.",
      {
        errors: [{ path: "Idempotency-Key", message: "1-200 visible ASCII characters" }],
      },
    );
  }
  const { db, now } = c.get("deps");
  const body = await c.req.raw.clone().text();
  const requestHash = createHash("sha256")
    .update(`${c.req.method} ${c.req.path}\n${body}`)
    .digest("hex");
  const where = and(
    eq(idempotencyKeys.workspaceId, actor.workspaceId),
    eq(idempotencyKeys.memberId, actor.memberId),
    eq(idempotencyKeys.key, key),
  );
  // Forget keys past their keeping time, so the key can be reused.
  await db
    .delete(idempotencyKeys)
    .where(and(where, sql`${idempotencyKeys.createdAt} < ${new Date(now().getTime() - KEEP_MS)}`));
  const reserved = await db
    .insert(idempotencyKeys)
    .values({
      workspaceId: actor.workspaceId,
      memberId: actor.memberId,
      key,
      method: c.req.method,
      path: c.req.path,
      requestHash,
      createdAt: now(),
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });

  if (reserved.length === 0) {
    const [first] = await db.select().from(idempotencyKeys).where(where);
    if (!first) throw new AppError("IDEMPOTENCY_KEY_IN_USE");
    if (first.requestHash !== requestHash) throw new AppError("IDEMPOTENCY_KEY_REUSED");
    if (first.statusCode === null) throw new AppError("IDEMPOTENCY_KEY_IN_USE");
    const stored = (first.responseHeaders as Record<string, string> | null) ?? {};
    if (stored[WITHHELD]) {
      throw new AppError(
        "IDEMPOTENCY_SECRET_WITHHELD",
        "The first request with this Idempotency-Key already created what it asked for. Its secret (a token or a link) is shown only once, so it is not shown again: find the record in its list, and revoke it and create another if the secret was lost.",
      );
    }
    const headers = new Headers(stored);
    headers.set("Idempotent-Replayed", "true");
    c.res = new Response(first.responseBody, { status: first.statusCode, headers });
    return;
  }

  try {
    await next();
  } catch (error) {
    await db.delete(idempotencyKeys).where(where);
    throw error;
  }
  if (c.res.status >= 500) {
    await db.delete(idempotencyKeys).where(where);
    return;
  }
  if (c.get("secretInResponse")) {
    await db
      .update(idempotencyKeys)
      .set({ statusCode: c.res.status, responseBody: "", responseHeaders: { [WITHHELD]: "1" } })
      .where(where);
    return;
  }
  const responseBody = await c.res.clone().text();
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = c.res.headers.get(name);
    if (value) headers[name] = value;
  }
  await db
    .update(idempotencyKeys)
    .set({ statusCode: c.res.status, responseBody, responseHeaders: headers })
    .where(where);
};
