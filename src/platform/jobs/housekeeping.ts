/**
 * Hourly housekeeping: forget Idempotency-Keys past their 24 hours (so the table does not
 * grow with every POST) and finished jobs after 30 days (failed ones stay for inspection).
 */
import { and, eq, lt } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { idempotencyKeys } from "../http/idempotency.schema";
import { defineCron } from "./cron";
import { jobs } from "./jobs.schema";
import { defineJob } from "./registry";

export const IDEMPOTENCY_KEEP_MS = 24 * 3_600_000;
export const DONE_JOBS_KEEP_MS = 30 * 86_400_000;

export async function removeExpiredRecords(db: Db, now: Date) {
  const keys = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_KEEP_MS)))
    .returning({ key: idempotencyKeys.key });
  const finished = await db
    .delete(jobs)
    .where(
      and(
        eq(jobs.status, "done"),
        lt(jobs.finishedAt, new Date(now.getTime() - DONE_JOBS_KEEP_MS)),
      ),
    )
    .returning({ id: jobs.id });
  return { idempotencyKeys: keys.length, jobs: finished.length };
}

export const housekeepingJob = defineJob({
  name: "platform.housekeeping",
  payload: z.object({}),
  handler: (_payload, job) => removeExpiredRecords(job.db, job.now()),
});

export const housekeepingCron = defineCron({
  name: "platform.housekeeping",
  pattern: "17 * * * *",
  job: housekeepingJob,
});
