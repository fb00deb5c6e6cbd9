/**
 * Table statistics and vacuuming for the embedded database. PGlite runs PostgreSQL as a
 * single process with no autovacuum launcher, so nothing is ever analyzed or vacuumed on
 * its own: without statistics the planner guesses row counts, and on the firm profile it
 * guessed a Today query into a 100x slower plan (bench/README.md). These jobs do what
 * autovacuum does on a PostgreSQL server: ANALYZE hourly (sampling, cheap) and once at
 * start, VACUUM (ANALYZE) nightly. PostgreSQL (DATABASE_URL) does this itself and gets none.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { defineCron } from "./cron";
import { enqueueJob } from "./queue";
import { defineJob, type JobDefinition } from "./registry";

export const analyzeJob = defineJob({
  name: "db.analyze",
  payload: z.object({}),
  async handler(_payload, job) {
    await job.db.execute(sql`analyze`);
    return {};
  },
});

export const vacuumJob = defineJob({
  name: "db.vacuum",
  payload: z.object({}),
  async handler(_payload, job) {
    // Outside any transaction: VACUUM refuses to run inside one.
    await job.db.execute(sql`vacuum (analyze)`);
    return {};
  },
});

export const analyzeCron = defineCron({
  name: "db.analyze",
  pattern: "41 * * * *",
  job: analyzeJob,
});
export const vacuumCron = defineCron({ name: "db.vacuum", pattern: "50 3 * * *", job: vacuumJob });

export const embeddedMaintenanceJobs: JobDefinition[] = [analyzeJob, vacuumJob];
export const embeddedMaintenanceCrons = [analyzeCron, vacuumCron];

/** At start: statistics now, not at the next hour (a restored or freshly filled database). */
export async function requestAnalyze(db: Db, now: Date): Promise<void> {
  await enqueueJob(db, now, { name: analyzeJob.name, coalesceKey: analyzeJob.name });
}
