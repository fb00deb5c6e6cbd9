/**
 * Cron schedules on top of the job table. croner only computes schedule times; whether a
 * time has been enqueued is recorded in cron_schedules, so schedules survive restarts,
 * missed ones are caught up once, and several app instances enqueue each time only once.
 */
import { Cron } from "croner";
import { and, eq, inArray, lt } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../db/client";
import { cronSchedules } from "./jobs.schema";
import { enqueueJob } from "./queue";
import type { JobDefinition } from "./registry";

export type CronDefinition = {
  name: string;
  pattern: string;
  job: JobDefinition;
  payload: unknown;
  schedule: Cron;
};

export type EnqueuedCronRun = { name: string; scheduledAt: Date; jobId: string };

/**
 * A named schedule that enqueues `job` with `payload`. Times are UTC unless a timezone
 * (IANA name) is given; either way the stored times are instants, so instances agree.
 */
export function defineCron<S extends z.ZodType>(options: {
  name: string;
  pattern: string;
  job: JobDefinition<S>;
  payload?: z.input<S>;
  timezone?: string;
}): CronDefinition {
  const payload = options.payload ?? {};
  // Fail at start-up, not at the first tick, when the payload does not fit the job.
  options.job.payload.parse(payload);
  return {
    name: options.name,
    pattern: options.pattern,
    job: options.job,
    payload,
    // No callback: croner schedules nothing itself, it only answers "when".
    schedule: new Cron(options.pattern, { timezone: options.timezone ?? "UTC" }),
  };
}

/** The latest schedule time at or before `now`, if the pattern has one. */
export function findLatestScheduleTime(cron: CronDefinition, now: Date): Date | undefined {
  // previousRuns excludes a run exactly at the reference, so look from just after now.
  return cron.schedule.previousRuns(1, new Date(now.getTime() + 1))[0];
}

/**
 * For each cron, enqueues one job for the latest schedule time since the last one enqueued
 * (after downtime that is one catch-up run, not one per missed tick). A cron seen for the
 * first time records now and runs from its next time on.
 */
export async function enqueueDueCronJobs(
  db: Db,
  now: Date,
  crons: readonly CronDefinition[],
): Promise<EnqueuedCronRun[]> {
  if (crons.length === 0) return [];
  const rows = await db
    .select()
    .from(cronSchedules)
    .where(
      inArray(
        cronSchedules.name,
        crons.map((cron) => cron.name),
      ),
    );
  const lastScheduled = new Map(rows.map((row) => [row.name, row.lastScheduledAt]));
  const enqueued: EnqueuedCronRun[] = [];
  for (const cron of crons) {
    const last = lastScheduled.get(cron.name);
    if (!last) {
      await db
        .insert(cronSchedules)
        .values({ name: cron.name, lastScheduledAt: now, updatedAt: now })
        .onConflictDoNothing();
      continue;
    }
    const scheduledAt = findLatestScheduleTime(cron, now);
    if (!scheduledAt || scheduledAt <= last) continue;
    const jobId = await db.transaction(async (tx) => {
      // Advancing the mark only if it is still behind makes a second instance, blocked on
      // this row until we commit, find nothing to do; the unique key backs that up.
      const advanced = await tx
        .update(cronSchedules)
        .set({ lastScheduledAt: scheduledAt, updatedAt: now })
        .where(
          and(eq(cronSchedules.name, cron.name), lt(cronSchedules.lastScheduledAt, scheduledAt)),
        )
        .returning({ name: cronSchedules.name });
      if (advanced.length === 0) return undefined;
      return enqueueJob(tx, now, {
        name: cron.job.name,
        payload: cron.payload,
        runAt: scheduledAt,
        maxAttempts: cron.job.maxAttempts,
        uniqueKey: `cron:${cron.name}:${scheduledAt.toISOString()}`,
      });
    });
    if (jobId) enqueued.push({ name: cron.name, scheduledAt, jobId });
  }
  return enqueued;
}
