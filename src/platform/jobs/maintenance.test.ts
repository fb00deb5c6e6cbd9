import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/client";
import { createTestClock } from "../testing/clock";
import { openTestDatabase } from "../testing/databases";
import { createJobRunner, enqueueJob, requestAnalyze } from "./index";
import { analyzeJob, vacuumJob } from "./maintenance";
import { createJobRegistry } from "./registry";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

type Rows<T> = { rows: T[] };
const analyzedRows = async () =>
  (
    (await database.db.execute(
      sql`select reltuples::float as n from pg_class where relname = 'workspaces' and relkind = 'r'`,
    )) as unknown as Rows<{ n: number }>
  ).rows[0]?.n;

describe("embedded database maintenance", () => {
  it("analyzes on request, so the planner knows the tables' sizes, and vacuums outside a transaction", async () => {
    const clock = createTestClock();
    await database.db.execute(
      sql`insert into workspaces (id, name) select gen_random_uuid(), 'W' || g from generate_series(1, 30) g`,
    );
    await requestAnalyze(database.db, clock());
    // A second request while the first still waits adds nothing.
    await requestAnalyze(database.db, clock());
    const runner = createJobRunner({
      db: database.db,
      now: clock,
      registry: createJobRegistry([analyzeJob, vacuumJob]),
      logger: pino({ level: "silent" }),
    });
    await runner.runDueJobs();
    expect(await analyzedRows()).toBeGreaterThanOrEqual(30);
    const ran = (await database.db.execute(
      sql`select name, status from jobs where name like 'db.%'`,
    )) as unknown as Rows<{ name: string; status: string }>;
    expect(ran.rows).toEqual([{ name: "db.analyze", status: "done" }]);

    await enqueueJob(database.db, clock(), { name: vacuumJob.name });
    await runner.runDueJobs();
    const vacuum = (await database.db.execute(
      sql`select status, last_error as "lastError" from jobs where name = 'db.vacuum'`,
    )) as unknown as Rows<{ status: string; lastError: string | null }>;
    expect(vacuum.rows).toEqual([{ status: "done", lastError: null }]);
  });
});
