import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type Database, openDatabase } from "../db/client";
import { createTestClock, type TestClock } from "../testing/clock";
import { openTestDatabase } from "../testing/databases";
import {
  createJobRegistry,
  createJobRunner,
  defineCron,
  defineJob,
  enqueueDueCronJobs,
  type JobRegistry,
} from "./index";
import { cronSchedules, jobs } from "./jobs.schema";

const logger = pino({ level: "silent" });
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let database: Database & { url?: string };
/** A second connection pool on PostgreSQL, as a second app instance would have. */
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

function createRunner(registry: JobRegistry) {
  return createJobRunner({ db: database.db, now: clock, registry, logger });
}

describe("cron", () => {
  const digest = defineJob({
    name: "test.digest",
    payload: z.object({ kind: z.string() }),
    async handler() {},
  });
  const hourly = defineCron({
    name: "hourly-digest",
    pattern: "0 * * * *",
    job: digest,
    payload: { kind: "hourly" },
  });

  it("records a cron on first sight without running it", async () => {
    const enqueued = await enqueueDueCronJobs(database.db, clock(), [hourly]);

    expect(enqueued).toEqual([]);
    expect(await database.db.select().from(jobs)).toEqual([]);
    const [schedule] = await database.db.select().from(cronSchedules);
    expect(schedule).toMatchObject({ name: "hourly-digest", lastScheduledAt: clock() });
  });

  it("enqueues one catch-up run for the latest time missed while the app was down", async () => {
    await enqueueDueCronJobs(database.db, clock(), [hourly]);
    clock.advance(5 * HOUR + 30 * MINUTE);

    await enqueueDueCronJobs(database.db, clock(), [hourly]);
    await enqueueDueCronJobs(database.db, clock(), [hourly]);

    const queued = await database.db.select().from(jobs);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      name: "test.digest",
      payload: { kind: "hourly" },
      uniqueKey: "cron:hourly-digest:2026-01-15T14:00:00.000Z",
      runAt: new Date("2026-01-15T14:00:00.000Z"),
    });

    clock.set("2026-01-15T15:00:00Z");
    const next = await enqueueDueCronJobs(database.db, clock(), [hourly]);
    expect(next.map((run) => run.scheduledAt)).toEqual([new Date("2026-01-15T15:00:00Z")]);
  });

  it("enqueues each schedule time once when two instances look at the same moment", async () => {
    await enqueueDueCronJobs(database.db, clock(), [hourly]);
    clock.advance(3 * HOUR);

    const results = await Promise.all([
      enqueueDueCronJobs(database.db, clock(), [hourly]),
      enqueueDueCronJobs((secondInstance ?? database).db, clock(), [hourly]),
    ]);

    expect(results.flat()).toHaveLength(1);
    expect(await database.db.select().from(jobs)).toHaveLength(1);
  });

  it("runs scheduled jobs through the runner each poll", async () => {
    const kinds: string[] = [];
    const recorder = defineJob({
      name: "test.recorder",
      payload: z.object({ kind: z.string() }),
      async handler({ kind }) {
        kinds.push(kind);
      },
    });
    const registry = createJobRegistry().schedule(
      defineCron({
        name: "nightly",
        pattern: "0 2 * * *",
        job: recorder,
        payload: { kind: "nightly" },
      }),
    );
    const runner = createRunner(registry);

    await runner.runDueJobs();
    clock.advance(3 * 24 * HOUR);
    await runner.runDueJobs();
    await runner.runDueJobs();

    expect(kinds).toEqual(["nightly"]);
  });
});
