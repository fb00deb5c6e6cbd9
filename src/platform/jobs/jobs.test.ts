import { eq } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { type Database, openDatabase } from "../db/client";
import { createTestClock, type TestClock } from "../testing/clock";
import { openTestDatabase } from "../testing/databases";
import {
  createJobRegistry,
  createJobRunner,
  defineJob,
  enqueueDefinedJob,
  enqueueJob,
  type JobRegistry,
  type JobRunnerOptions,
  refreshJob,
} from "./index";
import { cronSchedules, jobs } from "./jobs.schema";

const logger = pino({ level: "silent" });
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let database: Database & { url?: string };
/** A second connection pool on PostgreSQL, as a second app instance would have; PGlite has one. */
let secondInstance: Database | undefined;
let clock: TestClock;

beforeAll(async () => {
  database = await openTestDatabase();
  if (database.url) secondInstance = await openDatabase({ kind: "postgres", url: database.url });
});
afterAll(async () => {
  await secondInstance?.close();
  await database.close();
});
beforeEach(async () => {
  clock = createTestClock();
  await database.db.delete(jobs);
  await database.db.delete(cronSchedules);
});

function createRunner(registry: JobRegistry, overrides: Partial<JobRunnerOptions> = {}) {
  return createJobRunner({ db: database.db, now: clock, registry, logger, ...overrides });
}

async function findJob(id: string | undefined) {
  const [row] = await database.db
    .select()
    .from(jobs)
    .where(eq(jobs.id, id ?? ""));
  if (!row) throw new Error(`job ${id} not found`);
  return row;
}

/** Counts completed handler runs per job id. */
function createRunCounter() {
  const runs = new Map<string, number>();
  return {
    record: (jobId: string) => runs.set(jobId, (runs.get(jobId) ?? 0) + 1),
    of: (jobId: string | undefined) => runs.get(jobId ?? "") ?? 0,
    all: () => [...runs.values()],
  };
}

function createGate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe("running jobs", () => {
  it("runs a due job once with its parsed payload and records result and progress", async () => {
    const seen: unknown[] = [];
    const greet = defineJob({
      name: "test.greet",
      payload: z.object({ name: z.string() }),
      async handler(payload, job) {
        seen.push(payload);
        await job.reportProgress({ processed: 1, total: 1 });
        return { greeted: payload.name };
      },
    });
    const id = await enqueueDefinedJob(database.db, clock(), greet, { name: "Ada" });
    const later = await enqueueDefinedJob(
      database.db,
      clock(),
      greet,
      { name: "Later" },
      {
        runAt: new Date(clock().getTime() + HOUR),
      },
    );
    const runner = createRunner(createJobRegistry([greet]));

    await runner.runDueJobs();
    await runner.runDueJobs();

    expect(seen).toEqual([{ name: "Ada" }]);
    const done = await findJob(id);
    expect(done).toMatchObject({
      status: "done",
      attempts: 1,
      result: { greeted: "Ada" },
      progress: { processed: 1, total: 1 },
      lockedBy: null,
    });
    expect(done.finishedAt).toEqual(clock());
    expect((await findJob(later)).status).toBe("queued");
  });

  it("retries a crashing job with growing backoff, then marks it failed with its last error", async () => {
    let calls = 0;
    const flaky = defineJob({
      name: "test.flaky",
      payload: z.object({}),
      maxAttempts: 3,
      backoff: (attempt) => attempt * MINUTE,
      async handler() {
        calls += 1;
        throw new Error(`crash ${calls}`);
      },
    });
    const id = await enqueueJob(database.db, clock(), { name: flaky.name });
    const runner = createRunner(createJobRegistry([flaky]));

    await runner.runDueJobs();
    const afterFirst = await findJob(id);
    expect(afterFirst).toMatchObject({ status: "queued", attempts: 1, lastError: "crash 1" });
    expect(afterFirst.runAt).toEqual(new Date(clock().getTime() + MINUTE));

    // Not due yet: nothing runs before the backoff has passed.
    await runner.runDueJobs();
    expect(calls).toBe(1);

    clock.advance(MINUTE);
    await runner.runDueJobs();
    const afterSecond = await findJob(id);
    expect(afterSecond).toMatchObject({ status: "queued", attempts: 2, lastError: "crash 2" });
    expect(afterSecond.runAt).toEqual(new Date(clock().getTime() + 2 * MINUTE));

    clock.advance(2 * MINUTE);
    await runner.runDueJobs();
    const failed = await findJob(id);
    expect(failed).toMatchObject({ status: "failed", attempts: 3, lastError: "crash 3" });
    expect(failed.finishedAt).toEqual(clock());

    clock.advance(24 * HOUR);
    await runner.runDueJobs();
    expect(calls).toBe(3);
  });

  it("fails an unknown job and a payload its schema rejects at once, without retrying", async () => {
    let calls = 0;
    const invoice = defineJob({
      name: "test.invoice",
      payload: z.object({ accountId: z.uuid() }),
      async handler() {
        calls += 1;
      },
    });
    const unknown = await enqueueJob(database.db, clock(), { name: "test.nobody-knows-me" });
    const malformed = await enqueueJob(database.db, clock(), {
      name: invoice.name,
      payload: { accountId: "not-a-uuid" },
    });
    const runner = createRunner(createJobRegistry([invoice]));

    await runner.runDueJobs();
    clock.advance(24 * HOUR);
    await runner.runDueJobs();

    expect(await findJob(unknown)).toMatchObject({ status: "failed", attempts: 1 });
    expect((await findJob(unknown)).lastError).toMatch(/Unknown job "test.nobody-knows-me"/);
    expect(await findJob(malformed)).toMatchObject({ status: "failed", attempts: 1 });
    expect((await findJob(malformed)).lastError).toMatch(/Invalid payload .*accountId/);
    expect(calls).toBe(0);
    await expect(
      enqueueDefinedJob(database.db, clock(), invoice, { accountId: "nope" }),
    ).rejects.toThrow();
  });
});

describe("coalescing refresh requests", () => {
  const WS = "0190a0a0-0000-7000-8000-000000000001";

  it("keeps one queued refresh per key, and queues a fresh one once the first has started", async () => {
    const seen: unknown[] = [];
    let during: (() => Promise<unknown>) | undefined;
    const refresh = defineJob({
      name: "test.refresh",
      payload: z.object({ accountId: z.string() }),
      async handler(payload) {
        seen.push(payload);
        // An event while the job runs: its data may not have been read, so it must queue.
        const event = payload.accountId === "a" ? during : undefined;
        during = undefined;
        if (event) await event();
      },
    });
    const request = (accountId: string) =>
      enqueueJob(database.db, clock(), refreshJob("test.refresh", WS, { accountId }));
    const first = await request("a");
    expect(await request("a")).toBeUndefined();
    expect(await request("b")).toBeDefined();
    let duringId: string | undefined;
    during = async () => {
      duringId = await request("a");
    };
    const runner = createRunner(createJobRegistry([refresh]));

    await runner.runDueJobs();
    expect(duringId).toBeDefined();
    await runner.runDueJobs();

    expect(seen).toEqual([{ accountId: "a" }, { accountId: "b" }, { accountId: "a" }]);
    expect((await findJob(first)).status).toBe("done");
    expect((await findJob(duringId)).status).toBe("done");
    const rows = await database.db.select().from(jobs);
    expect(rows.map((r) => r.status)).toEqual(["done", "done", "done"]);
  });

  it("leaves plain enqueues and unique keys as they were", async () => {
    const plain = { name: "test.plain", workspaceId: WS, payload: { accountId: "a" } };
    expect(await enqueueJob(database.db, clock(), plain)).toBeDefined();
    expect(await enqueueJob(database.db, clock(), plain)).toBeDefined();
    const once = { ...plain, uniqueKey: "once" };
    expect(await enqueueJob(database.db, clock(), once)).toBeDefined();
    expect(await enqueueJob(database.db, clock(), once)).toBeUndefined();
    expect(await database.db.select().from(jobs)).toHaveLength(3);
  });
});

describe("restarts and several instances", () => {
  it("loses no job and runs none twice when an instance stops mid-queue and another takes over", async () => {
    const LEASE = 5 * MINUTE;
    const completed = createRunCounter();
    const gate = createGate();
    const started = { hung: createGate(), gated: createGate() };
    let abandonedOnce = false;
    const step = defineJob({
      name: "test.step",
      payload: z.object({ n: z.number() }),
      async handler({ n }, job) {
        if (n === 0 && !abandonedOnce) {
          // The first instance dies in the middle of this one: it never finishes.
          abandonedOnce = true;
          started.hung.open();
          await new Promise(() => {});
        }
        if (n === 1) {
          started.gated.open();
          await gate.opened;
        }
        completed.record(job.jobId);
      },
    });
    const registry = createJobRegistry([step]);
    const ids: (string | undefined)[] = [];
    for (let n = 0; n < 6; n++) {
      ids.push(await enqueueJob(database.db, clock(), { name: step.name, payload: { n } }));
    }

    const first = createRunner(registry, { workerId: "first", concurrency: 2, leaseMs: LEASE });
    first.start();
    await Promise.all([started.hung.opened, started.gated.opened]);
    const stopping = first.stop({ timeoutMs: 200 });
    gate.open();
    await stopping;

    expect(await findJob(ids[0])).toMatchObject({ status: "running", lockedBy: "first" });
    expect(await findJob(ids[1])).toMatchObject({ status: "done" });
    expect((await findJob(ids[2])).status).toBe("queued");

    const second = createRunner(registry, { workerId: "second", concurrency: 2, leaseMs: LEASE });
    await second.runDueJobs();
    // The abandoned job is still leased to the dead instance: not taken yet.
    expect((await findJob(ids[0])).status).toBe("running");

    clock.advance(LEASE + 1);
    await second.runDueJobs();
    clock.advance(24 * HOUR);
    await second.runDueJobs();

    for (const id of ids) {
      expect((await findJob(id)).status).toBe("done");
      expect(completed.of(id)).toBe(1);
    }
    expect(await findJob(ids[0])).toMatchObject({ attempts: 2 });
  });

  it("fails a job whose worker died during its last attempt instead of running it again", async () => {
    let calls = 0;
    const fragile = defineJob({
      name: "test.fragile",
      payload: z.object({}),
      maxAttempts: 2,
      async handler() {
        calls += 1;
      },
    });
    const id = await enqueueJob(database.db, clock(), { name: fragile.name });
    await database.db
      .update(jobs)
      .set({ status: "running", attempts: 2, lockedBy: "dead-worker", lockedUntil: clock() })
      .where(eq(jobs.id, id ?? ""));

    clock.advance(1);
    await createRunner(createJobRegistry([fragile])).runDueJobs();

    const failed = await findJob(id);
    expect(failed.status).toBe("failed");
    expect(failed.lastError).toMatch(
      /lease expired: worker dead-worker .*gave up after 2 attempts/,
    );
    expect(calls).toBe(0);
  });

  it("extends the lease of a slow handler so another instance does not take its job", async () => {
    const LEASE = 90;
    const gate = createGate();
    const began = createGate();
    const completed = createRunCounter();
    const slow = defineJob({
      name: "test.slow",
      payload: z.object({}),
      async handler(_payload, job) {
        began.open();
        await gate.opened;
        completed.record(job.jobId);
      },
    });
    const registry = createJobRegistry([slow]);
    const id = await enqueueJob(database.db, clock(), { name: slow.name });
    const owner = createRunner(registry, { workerId: "owner", leaseMs: LEASE });
    owner.start();
    await began.opened;

    // Well past the original lease; the owner's heartbeat must renew it from the new time.
    clock.advance(10 * LEASE);
    await vi.waitFor(
      async () => {
        expect((await findJob(id)).lockedUntil?.getTime()).toBeGreaterThan(clock().getTime());
      },
      { timeout: 10_000 },
    );
    await createRunner(registry, { workerId: "thief", leaseMs: LEASE }).runDueJobs();
    gate.open();
    await owner.stop();

    expect(await findJob(id)).toMatchObject({ status: "done", attempts: 1 });
    expect(completed.of(id)).toBe(1);
  });

  it("never runs one job twice when two instances claim from the same database at once", async () => {
    const completed = createRunCounter();
    const work = defineJob({
      name: "test.work",
      payload: z.object({ n: z.number() }),
      async handler(_payload, job) {
        // Yield so both instances have claims in flight at the same time.
        await new Promise((resolve) => setTimeout(resolve, 2));
        completed.record(job.jobId);
      },
    });
    const registry = createJobRegistry([work]);
    const ids: (string | undefined)[] = [];
    for (let n = 0; n < 60; n++) {
      ids.push(await enqueueJob(database.db, clock(), { name: work.name, payload: { n } }));
    }
    const a = createRunner(registry, { workerId: "a", concurrency: 4 });
    const b = createRunner(registry, {
      workerId: "b",
      concurrency: 4,
      db: (secondInstance ?? database).db,
    });

    await Promise.all([a.runDueJobs(), b.runDueJobs(), a.runDueJobs(), b.runDueJobs()]);

    expect(completed.all()).toHaveLength(60);
    for (const id of ids) {
      expect(completed.of(id)).toBe(1);
      expect(await findJob(id)).toMatchObject({ status: "done", attempts: 1 });
    }
  });

  it("waits for running handlers when stopped gracefully", async () => {
    const gate = createGate();
    const began = createGate();
    const patient = defineJob({
      name: "test.patient",
      payload: z.object({}),
      async handler() {
        began.open();
        await gate.opened;
      },
    });
    const id = await enqueueJob(database.db, clock(), { name: patient.name });
    const runner = createRunner(createJobRegistry([patient]));
    runner.start();
    await began.opened;

    const stopped = runner.stop();
    setTimeout(gate.open, 20);
    await stopped;

    expect((await findJob(id)).status).toBe("done");
  });
});
