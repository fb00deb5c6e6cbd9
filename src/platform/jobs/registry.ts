/**
 * Jobs as definitions: a name, a zod payload schema, a retry policy and a handler. Domains
 * define their jobs (and cron schedules) and register them; the runner knows nothing of
 * domains and only looks definitions up by the name stored on each job row.
 */
import type { Logger } from "pino";
import type { z } from "zod";
import type { Db } from "../db/client";
import type { Clock } from "../http/context";
import type { CronDefinition } from "./cron";
import { type EnqueueOptions, enqueueJob } from "./queue";

export type JobProgress = { processed: number; total: number };

/** What a handler receives besides its payload. */
export type JobContext = {
  db: Db;
  now: Clock;
  jobId: string;
  /** The workspace the job was enqueued for (jobs.workspace_id), or null for a global one. */
  workspaceId: string | null;
  /** 1 on the first run; a retry or a reclaim after a crash counts as a new attempt. */
  attempt: number;
  /** The attempt after which a failure is final (handlers mirror it, e.g. the outbox row). */
  maxAttempts: number;
  logger: Logger;
  /** Aborted when this worker lost the job's lease or gave up on it while stopping. */
  signal: AbortSignal;
  /** Writes jobs.progress so the UI can show how far a long job has got. */
  reportProgress(progress: JobProgress): Promise<void>;
};

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  payload: S;
  /** Overrides the row's max_attempts when set. */
  maxAttempts?: number;
  /** Milliseconds to wait before the next attempt, given the attempt that just failed. */
  backoff: (attempt: number) => number;
  // Method syntax on purpose: a definition with a narrow payload must fit in a registry of
  // definitions with any payload, which property syntax (contravariant) would forbid.
  handler(payload: z.output<S>, job: JobContext): Promise<unknown>;
};

/** Thrown by a handler when retrying cannot help (the job is marked failed at once). */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

/** Exponential backoff from baseMs, doubling per attempt, capped so retries never stall for days. */
export function exponentialBackoff(
  options: { baseMs?: number; capMs?: number } = {},
): (attempt: number) => number {
  const baseMs = options.baseMs ?? 5_000;
  const capMs = options.capMs ?? 60 * 60_000;
  return (attempt) => Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

export function defineJob<S extends z.ZodType>(definition: {
  name: string;
  payload: S;
  maxAttempts?: number;
  backoff?: (attempt: number) => number;
  handler: (payload: z.output<S>, job: JobContext) => Promise<unknown>;
}): JobDefinition<S> {
  if (!definition.name.trim()) throw new Error("A job needs a name");
  const { maxAttempts } = definition;
  if (maxAttempts !== undefined && (!Number.isInteger(maxAttempts) || maxAttempts < 1)) {
    throw new Error(`Job "${definition.name}": maxAttempts must be a whole number of at least 1`);
  }
  return {
    name: definition.name,
    payload: definition.payload,
    maxAttempts,
    backoff: definition.backoff ?? exponentialBackoff(),
    handler: definition.handler,
  };
}

/** The jobs and cron schedules one app instance can run; built at start-up from every domain. */
export type JobRegistry = {
  register(...definitions: JobDefinition[]): JobRegistry;
  /** Adds cron schedules, registering their jobs too when not registered yet. */
  schedule(...crons: CronDefinition[]): JobRegistry;
  find(name: string): JobDefinition | undefined;
  readonly crons: readonly CronDefinition[];
};

export function createJobRegistry(definitions: JobDefinition[] = []): JobRegistry {
  const byName = new Map<string, JobDefinition>();
  const crons: CronDefinition[] = [];
  const registry: JobRegistry = {
    register(...added) {
      for (const definition of added) {
        const existing = byName.get(definition.name);
        // Two definitions under one name would make which handler runs depend on load order.
        if (existing && existing !== definition) {
          throw new Error(`Job "${definition.name}" is registered twice`);
        }
        byName.set(definition.name, definition);
      }
      return registry;
    },
    schedule(...added) {
      for (const cron of added) {
        if (crons.some((known) => known.name === cron.name)) {
          throw new Error(`Cron "${cron.name}" is scheduled twice`);
        }
        registry.register(cron.job);
        crons.push(cron);
      }
      return registry;
    },
    find: (name) => byName.get(name),
    crons,
  };
  return registry.register(...definitions);
}

/**
 * Enqueues a defined job: the payload is checked against its schema here, so a bad payload
 * fails at the caller instead of as a failed job later, and the definition's maxAttempts
 * is recorded on the row.
 */
export async function enqueueDefinedJob<S extends z.ZodType>(
  db: Db,
  now: Date,
  definition: JobDefinition<S>,
  payload: z.input<S>,
  options: Omit<EnqueueOptions, "name" | "payload"> = {},
): Promise<string | undefined> {
  definition.payload.parse(payload);
  return enqueueJob(db, now, {
    ...options,
    name: definition.name,
    payload,
    maxAttempts: options.maxAttempts ?? definition.maxAttempts,
  });
}
