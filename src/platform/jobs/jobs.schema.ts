/**
 * The durable job queue and the cron bookkeeping. Platform tables, not business rows:
 * workspace_id is optional because some jobs (mail sweeps, cron) span workspaces.
 */
import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { idColumn, timestamptz } from "../db/columns";

export const jobStatuses = ["queued", "running", "done", "failed"] as const;
export type JobStatus = (typeof jobStatuses)[number];

export const jobs = pgTable(
  "jobs",
  {
    id: idColumn().primaryKey(),
    name: text("name").notNull(),
    payload: jsonb("payload").notNull().default({}),
    workspaceId: uuid("workspace_id"),
    status: text("status", { enum: jobStatuses }).notNull().default("queued"),
    runAt: timestamptz("run_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    lastError: text("last_error"),
    lockedBy: text("locked_by"),
    lockedUntil: timestamptz("locked_until"),
    /** Enqueueing the same key twice is a no-op: cron runs and per-record jobs stay single. */
    uniqueKey: text("unique_key"),
    /**
     * At most one queued job per key: a burst of events on one record (forty calls logged
     * on an account in a minute) asks for one recompute, not forty. Cleared when a job is
     * claimed, so an event during the run queues a fresh one that sees it.
     */
    coalesceKey: text("coalesce_key"),
    /** Progress reported by long jobs (imports): { processed, total }. */
    progress: jsonb("progress"),
    result: jsonb("result"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
    finishedAt: timestamptz("finished_at"),
  },
  (t) => [
    index("jobs_claim_idx").on(t.runAt).where(sql`${t.status} = 'queued'`),
    index("jobs_lease_idx").on(t.lockedUntil).where(sql`${t.status} = 'running'`),
    uniqueIndex("jobs_unique_key").on(t.uniqueKey),
    uniqueIndex("jobs_coalesce_key").on(t.coalesceKey).where(sql`${t.status} = 'queued'`),
    index("jobs_workspace_idx").on(t.workspaceId, t.name, t.createdAt),
  ],
);

export const cronSchedules = pgTable("cron_schedules", {
  name: text("name").primaryKey(),
  /** The last scheduled time that was enqueued; catch-up starts after it. */
  lastScheduledAt: timestamptz("last_scheduled_at").notNull(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});

export type Job = typeof jobs.$inferSelect;
