/**
 * The app's own statements per read path, and their plans. Each path's domain functions
 * (what its route handlers call) run once against a drizzle handle that records every
 * statement with its parameters; each recorded SELECT is then run again under EXPLAIN
 * ANALYZE through the driver. So the plans are of the SQL the app really sends, however
 * its queries are built, and the count of statements per path is kept beside them.
 */
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { getAccount } from "../../src/domains/accounts";
import { getAgenda } from "../../src/domains/agenda";
import { gatherHealthInputs, getAccountHealth, listPortfolio } from "../../src/domains/health";
import { listTimeline } from "../../src/domains/interactions";
import { searchRecords } from "../../src/domains/search";
import type { Database, Db } from "../../src/platform/db/client";
import * as schema from "../../src/platform/db/schema";
import type { Ctx } from "../../src/platform/http/context";
import type { LoadedFirm } from "./load-firm";

export type AppStatementPlan = {
  /** Milliseconds, from the plan's "Execution Time". */
  executionMs: number;
  sql: string;
  plan: string;
};

export type AppPathPlans = {
  path: "portfolio" | "accountPage" | "search" | "agenda" | "healthGather";
  /** Every statement the path sent, reads and writes (auth and presenting not included). */
  statements: number;
  /** The slowest SELECT: the one to look at first. */
  main: AppStatementPlan | null;
  /** Every SELECT with its plan, slowest first. */
  selects: AppStatementPlan[];
};

type Recorded = { sql: string; params: unknown[] };

/** A drizzle handle on the same connection(s) that records what it is asked to run. */
function recordingDb(database: Database, recorded: Recorded[]): Db {
  const logger = {
    logQuery: (query: string, params: unknown[]) => recorded.push({ sql: query, params }),
  };
  if (database.pglite) return drizzlePglite(database.pglite, { schema, logger }) as unknown as Db;
  if (database.pool) return drizzleNodePg(database.pool, { schema, logger }) as unknown as Db;
  throw new Error("no driver handle to record on");
}

async function rawQuery(database: Database, text: string, params: unknown[]) {
  if (database.pglite) {
    const result = await database.pglite.query<Record<string, string>>(text, params as never[]);
    return result.rows;
  }
  if (database.pool)
    return (await database.pool.query(text, params)).rows as Record<string, string>[];
  throw new Error("no driver handle");
}

const isRead = (text: string) =>
  /^\s*(\(?\s*select|with)\b/i.test(text) && !/pg_advisory|for update/i.test(text);

async function explainRecorded(database: Database, statement: Recorded): Promise<AppStatementPlan> {
  const rows = await rawQuery(
    database,
    `explain (analyze, buffers) ${statement.sql}`,
    statement.params,
  );
  const plan = rows.map((row) => Object.values(row)[0]).join("\n");
  const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN);
  const params = statement.params.map((p) => (p instanceof Date ? p.toISOString() : p));
  return { executionMs, sql: `${statement.sql}\n-- params: ${JSON.stringify(params)}`, plan };
}

export async function explainAppPaths(
  database: Database,
  loaded: LoadedFirm,
  log: (line: string) => void,
): Promise<AppPathPlans[]> {
  const { firm } = loaded;
  const accountId = firm.sample.accountIds[0] as string;
  const prefix = firm.sample.searchPrefixes[0] ?? "a";
  const paths: { path: AppPathPlans["path"]; run: (ctx: Ctx) => Promise<unknown> }[] = [
    { path: "portfolio", run: (ctx) => listPortfolio(ctx, { limit: 50 }) },
    {
      path: "accountPage",
      run: (ctx) =>
        Promise.all([
          getAccount(ctx, accountId),
          getAccountHealth(ctx, accountId),
          listTimeline(ctx, accountId, { limit: 50 }),
        ]),
    },
    { path: "search", run: (ctx) => searchRecords(ctx, { q: prefix, limit: 10 }) },
    { path: "agenda", run: (ctx) => getAgenda(ctx, {}) },
    { path: "healthGather", run: (ctx) => gatherHealthInputs(ctx, {}) },
  ];
  const results: AppPathPlans[] = [];
  for (const { path, run } of paths) {
    const recorded: Recorded[] = [];
    const ctx: Ctx = {
      db: recordingDb(database, recorded),
      now: () => new Date(),
      workspaceId: firm.workspaceId,
      actor: { memberId: firm.busyMember.memberId, role: "member", via: "bench" },
    };
    await run(ctx);
    const selects: AppStatementPlan[] = [];
    for (const statement of recorded.filter((s) => isRead(s.sql))) {
      selects.push(await explainRecorded(database, statement));
    }
    selects.sort((a, b) => (b.executionMs || 0) - (a.executionMs || 0));
    const main = selects[0] ?? null;
    log(
      `app ${path}: ${recorded.length} statements, slowest ${main ? `${main.executionMs} ms` : "n/a"}`,
    );
    results.push({ path, statements: recorded.length, main, selects });
  }
  return results;
}
