/**
 * The job runner: claims due jobs from the jobs table and runs their handlers. Claims use
 * FOR UPDATE SKIP LOCKED under a lease, so any number of app instances share one queue
 * without running a job twice at once; a lease left by a dead process expires and the job
 * is claimed again (at-least-once). Time comes from the injected clock, so tests drive
 * everything with runDueJobs() and a test clock instead of timers.
 */
import os from "node:os";
import { and, asc, eq, inArray, lt, lte, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { z } from "zod";
import type { Db } from "../db/client";
import { newId } from "../db/columns";
import type { Clock } from "../http/context";
import { enqueueDueCronJobs } from "./cron";
import { type Job, jobs } from "./jobs.schema";
import { type JobContext, type JobRegistry, PermanentJobError } from "./registry";

export type JobRunnerOptions = {
  db: Db;
  now: Clock;
  registry: JobRegistry;
  logger: Logger;
  /** Recorded as jobs.locked_by; unique per process by default. */
  workerId?: string;
  /** Handlers running at once in this instance. */
  concurrency?: number;
  /** How often to look for due jobs, cron times and expired leases when not woken. */
  pollIntervalMs?: number;
  /** How long a claim holds without a heartbeat; heartbeats renew it every third of it. */
  leaseMs?: number;
};

export type JobRunner = {
  readonly workerId: string;
  /** Polls in the background until stop(). */
  start(): void;
  /**
   * Stops claiming and waits for running handlers. With timeoutMs it gives up waiting after
   * that long and stops their heartbeats; their leases then expire and another instance
   * takes the jobs over.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** Looks for due jobs now (after a transaction enqueued some) instead of at the next poll. */
  wake(): void;
  /** Claims and runs everything due now, returning when no due job is left or running. */
  runDueJobs(): Promise<void>;
};

type Claim = { id: string; attempt: number };
type RunningJob = { done: Promise<void>; abandon: () => void };

const MAX_ERROR_LENGTH = 4_000;

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, now, registry } = options;
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${newId().slice(-8)}`;
  const concurrency = options.concurrency ?? 4;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const logger = options.logger.child({ component: "jobs", workerId });

  const running = new Map<string, RunningJob>();
  const claiming = new Set<Promise<number>>();
  let reservedSlots = 0;
  let state: "idle" | "started" | "stopping" | "stopped" = "idle";
  let pollLoop: Promise<void> | undefined;
  let wakePending = false;
  let wakeSleeper: (() => void) | undefined;

  /** Queues cron runs that are due and frees jobs whose worker died. */
  async function prepareDueJobs(): Promise<void> {
    const at = now();
    const crons = await enqueueDueCronJobs(db, at, registry.crons);
    for (const run of crons)
      logger.info({ cron: run.name, scheduledAt: run.scheduledAt }, "cron enqueued");
    const reclaimed = await db
      .update(jobs)
      .set({
        status: "queued",
        lockedBy: null,
        lockedUntil: null,
        lastError: sql`concat('lease expired: worker ', ${jobs.lockedBy}, ' stopped during attempt ', ${jobs.attempts})`,
        updatedAt: at,
      })
      .where(and(eq(jobs.status, "running"), lt(jobs.lockedUntil, at)))
      .returning({ id: jobs.id, name: jobs.name });
    for (const job of reclaimed)
      logger.warn({ jobId: job.id, job: job.name }, "job lease expired; requeued");
  }

  async function claimJobs(limit: number): Promise<Job[]> {
    const at = now();
    const due = db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.status, "queued"), lte(jobs.runAt, at)))
      .orderBy(asc(jobs.runAt), asc(jobs.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    const claimed = await db
      .update(jobs)
      .set({
        status: "running",
        lockedBy: workerId,
        lockedUntil: new Date(at.getTime() + leaseMs),
        coalesceKey: null,
        attempts: sql`${jobs.attempts} + 1`,
        updatedAt: at,
      })
      .where(inArray(jobs.id, due))
      .returning();
    // RETURNING has no order; start the oldest first.
    return claimed.sort(
      (a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id.localeCompare(b.id),
    );
  }

  /** Matches only while this worker still holds this attempt's claim, so a stolen job's late result is dropped. */
  const heldBy = (claim: Claim) =>
    and(
      eq(jobs.id, claim.id),
      eq(jobs.status, "running"),
      eq(jobs.lockedBy, workerId),
      eq(jobs.attempts, claim.attempt),
    );

  async function updateClaimed(
    claim: Claim,
    values: Partial<typeof jobs.$inferInsert>,
  ): Promise<boolean> {
    const rows = await db.update(jobs).set(values).where(heldBy(claim)).returning({ id: jobs.id });
    if (rows.length === 0)
      logger.warn(
        { jobId: claim.id, attempt: claim.attempt },
        "job claim no longer held by this worker; update skipped",
      );
    return rows.length > 0;
  }

  async function failJob(claim: Claim, maxAttempts: number, error: string): Promise<void> {
    const at = now();
    logger.error({ jobId: claim.id, attempt: claim.attempt, error }, "job failed");
    await updateClaimed(claim, {
      status: "failed",
      lastError: error.slice(0, MAX_ERROR_LENGTH),
      maxAttempts,
      lockedBy: null,
      lockedUntil: null,
      finishedAt: at,
      updatedAt: at,
    });
  }

  async function runClaimedJob(
    job: Job,
    signal: AbortSignal,
    onLeaseLost: () => void,
  ): Promise<void> {
    const claim: Claim = { id: job.id, attempt: job.attempts };
    const definition = registry.find(job.name);
    if (!definition) {
      return failJob(
        claim,
        job.maxAttempts,
        `Unknown job "${job.name}": no definition is registered under this name`,
      );
    }
    const maxAttempts = definition.maxAttempts ?? job.maxAttempts;
    // Only a reclaim after a crash can get here: the worker died during the last attempt.
    if (job.attempts > maxAttempts) {
      return failJob(
        claim,
        maxAttempts,
        `${job.lastError ?? "lease expired"}; gave up after ${maxAttempts} attempts`,
      );
    }
    const parsed = definition.payload.safeParse(job.payload);
    if (!parsed.success) {
      // The payload will not change on retry, so retrying could never help.
      return failJob(
        claim,
        maxAttempts,
        `Invalid payload for job "${job.name}": ${describeIssues(parsed.error)}`,
      );
    }
    const jobLogger = logger.child({ job: job.name, jobId: job.id, attempt: claim.attempt });
    const context: JobContext = {
      db,
      now,
      jobId: job.id,
      workspaceId: job.workspaceId,
      attempt: claim.attempt,
      maxAttempts,
      logger: jobLogger,
      signal,
      reportProgress: async (progress) => {
        await updateClaimed(claim, { progress, updatedAt: now() });
      },
    };
    const heartbeat = setInterval(
      () => {
        updateClaimed(claim, { lockedUntil: new Date(now().getTime() + leaseMs), updatedAt: now() })
          .then((held) => {
            if (!held) onLeaseLost();
          })
          .catch((error: unknown) => jobLogger.warn({ err: error }, "job heartbeat failed"));
      },
      Math.max(10, Math.floor(leaseMs / 3)),
    );
    signal.addEventListener("abort", () => clearInterval(heartbeat), { once: true });
    try {
      const result = await definition.handler(parsed.data, context);
      clearInterval(heartbeat);
      const at = now();
      await updateClaimed(claim, {
        status: "done",
        result: toJsonResult(result),
        lastError: null,
        maxAttempts,
        lockedBy: null,
        lockedUntil: null,
        finishedAt: at,
        updatedAt: at,
      });
      jobLogger.debug("job done");
    } catch (error) {
      clearInterval(heartbeat);
      const message = describeError(error);
      if (error instanceof PermanentJobError || claim.attempt >= maxAttempts) {
        return failJob(claim, maxAttempts, message);
      }
      const at = now();
      const retryAt = new Date(at.getTime() + Math.max(0, definition.backoff(claim.attempt)));
      jobLogger.warn({ error: message, retryAt }, "job attempt failed; will retry");
      await updateClaimed(claim, {
        status: "queued",
        runAt: retryAt,
        lastError: message.slice(0, MAX_ERROR_LENGTH),
        maxAttempts,
        lockedBy: null,
        lockedUntil: null,
        updatedAt: at,
      });
    }
  }

  function launch(job: Job): void {
    const controller = new AbortController();
    const abandon = () => controller.abort(new Error("job abandoned by this worker"));
    const done = runClaimedJob(job, controller.signal, abandon)
      // A database error while recording the outcome leaves the job running; its lease
      // then expires and it runs again, which is the at-least-once promise.
      .catch((error: unknown) =>
        logger.error({ err: error, jobId: job.id }, "job bookkeeping failed"),
      )
      .finally(() => {
        running.delete(job.id);
        if (state === "started") wake();
      });
    running.set(job.id, { done, abandon });
  }

  /** Claims as many due jobs as there are free slots and starts them; returns how many. */
  function fillSlots(): Promise<number> {
    if (state === "stopping" || state === "stopped") return Promise.resolve(0);
    const free = concurrency - running.size - reservedSlots;
    if (free <= 0) return Promise.resolve(0);
    reservedSlots += free;
    const claim = claimJobs(free)
      .then((claimed) => {
        for (const job of claimed) launch(job);
        return claimed.length;
      })
      .finally(() => {
        reservedSlots -= free;
        claiming.delete(claim);
      });
    claiming.add(claim);
    return claim;
  }

  async function runDueJobs(): Promise<void> {
    await prepareDueJobs();
    for (;;) {
      const started = await fillSlots();
      if (started === 0 && running.size === 0) return;
      if (started === 0) await Promise.race([...running.values()].map((job) => job.done));
    }
  }

  function sleep(ms: number): Promise<void> {
    if (wakePending) {
      wakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakeSleeper = undefined;
        wakePending = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakeSleeper = done;
    });
  }

  function wake(): void {
    if (wakeSleeper) wakeSleeper();
    else wakePending = true;
  }

  async function poll(): Promise<void> {
    let preparedAt = Number.NEGATIVE_INFINITY;
    while (state === "started") {
      try {
        // Crons and lease checks once per interval, however often completions wake us.
        if (performance.now() - preparedAt >= pollIntervalMs) {
          await prepareDueJobs();
          preparedAt = performance.now();
        }
        await fillSlots();
      } catch (error) {
        logger.error({ err: error }, "job poll failed");
      }
      if (state === "started") await sleep(pollIntervalMs);
    }
  }

  async function stop(stopOptions: { timeoutMs?: number } = {}): Promise<void> {
    if (state === "stopped") return;
    state = "stopping";
    wake();
    await pollLoop;
    await Promise.allSettled([...claiming]);
    const drained = Promise.allSettled([...running.values()].map((job) => job.done));
    if (stopOptions.timeoutMs === undefined) {
      await drained;
    } else {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), stopOptions.timeoutMs);
      });
      const outcome = await Promise.race([drained, timedOut]);
      clearTimeout(timer);
      if (outcome === "timeout") {
        logger.warn({ jobs: [...running.keys()] }, "stopped without waiting for running jobs");
        for (const job of running.values()) job.abandon();
      }
    }
    state = "stopped";
  }

  return {
    workerId,
    start() {
      if (state === "started" || state === "stopping") return;
      state = "started";
      pollLoop = poll();
    },
    stop,
    wake,
    runDueJobs,
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join(".") || "(payload)"}: ${issue.message}`)
    .join("; ");
}

function describeError(error: unknown): string {
  if (error instanceof PermanentJobError) return error.message;
  if (error instanceof Error) {
    return error.name && error.name !== "Error" ? `${error.name}: ${error.message}` : error.message;
  }
  return String(error);
}

/** Handler results go to a jsonb column; anything JSON cannot hold is recorded as absent. */
function toJsonResult(value: unknown): unknown {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value)) ?? null;
  } catch {
    return null;
  }
}
