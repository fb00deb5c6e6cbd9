/**
 * Putting work on the durable queue. Enqueue inside the caller's transaction, so a job
 * exists if and only if the change that asked for it committed.
 */
import type { Db } from "../db/client";
import { jobs } from "./jobs.schema";

export type EnqueueOptions = {
  name: string;
  payload?: unknown;
  workspaceId?: string | null;
  runAt?: Date;
  maxAttempts?: number;
  /** A second enqueue with the same key does nothing and returns undefined. */
  uniqueKey?: string;
  /** While a job with this key is still queued, another enqueue does nothing. */
  coalesceKey?: string;
};

export async function enqueueJob(
  db: Db,
  now: Date,
  options: EnqueueOptions,
): Promise<string | undefined> {
  const rows = await db
    .insert(jobs)
    .values({
      name: options.name,
      payload: options.payload ?? {},
      workspaceId: options.workspaceId ?? null,
      runAt: options.runAt ?? now,
      maxAttempts: options.maxAttempts ?? 5,
      uniqueKey: options.uniqueKey ?? null,
      coalesceKey: options.coalesceKey ?? null,
      createdAt: now,
      updatedAt: now,
    })
    // No target: either key's unique index (one of them partial) turns a repeat into a no-op.
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return rows[0]?.id;
}
