/**
 * Runs the raw-SQL baselines (baselines.ts) in the bench process: N sequential runs of each,
 * and on PostgreSQL the same at 32 clients through a pool of 32, then EXPLAIN ANALYZE of one
 * run of each so the plans are kept with the figures. On PGlite this happens while the
 * server is stopped: PGlite is one process's database.
 */
import { type SQL, sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { prepareSearch } from "../../src/domains/search/search.queries";
import type { Database, Db } from "../../src/platform/db/client";
import { addDays, dayOf, startOfDay } from "../../src/platform/time/zoned";
import {
  accountPageBaseline,
  agendaBaseline,
  type BaselineParams,
  healthGatherBaseline,
  portfolioBaseline,
  searchBaseline,
} from "./baselines";
import type { LoadedFirm } from "./load-firm";
import { type LatencySummary, measureConcurrent, measureSequential } from "./stats";

export const readPaths = ["portfolio", "accountPage", "search", "agenda"] as const;
export type ReadPath = (typeof readPaths)[number];

export type BaselineResult = {
  path: ReadPath | "healthGather";
  description: string;
  sequential: LatencySummary;
  /** PostgreSQL only: the same statement from 32 clients at once. */
  concurrent32: (LatencySummary & { perSecond: number }) | null;
  plan: string;
  sql: string;
};

type Rows<T> = { rows: T[] };

const dialect = new PgDialect();

export async function workspaceTimeZone(db: Db, workspaceId: string): Promise<string> {
  const result = (await db.execute(
    sql`select time_zone as tz from workspaces where id = ${workspaceId}`,
  )) as unknown as Rows<{ tz: string }>;
  return result.rows[0]?.tz ?? "UTC";
}

/** The parameters of the i-th call: sample accounts and search prefixes in turn. */
export function paramsFor(loaded: LoadedFirm, timeZone: string, i: number): BaselineParams {
  const { firm } = loaded;
  const now = new Date();
  const today = dayOf(now, timeZone);
  const prefix = firm.sample.searchPrefixes[i % firm.sample.searchPrefixes.length] ?? "a";
  return {
    workspaceId: firm.workspaceId,
    memberId: firm.busyMember.memberId,
    accountId: firm.sample.accountIds[i % firm.sample.accountIds.length] as string,
    tsquery: prepareSearch(prefix)?.anyWeight ?? "'a':*",
    day: {
      today,
      todayStarts: startOfDay(today, timeZone),
      tomorrowStarts: startOfDay(addDays(today, 1), timeZone),
      weekEnds: startOfDay(addDays(today, 8), timeZone),
      timeZone,
    },
    now,
  };
}

const builders: Record<ReadPath, { description: string; build: (p: BaselineParams) => SQL }> = {
  portfolio: { description: "portfolio page of 50, riskiest first", build: portfolioBaseline },
  accountPage: {
    description: "account + health + history + first timeline page, one statement",
    build: accountPageBaseline,
  },
  search: { description: "type-ahead over the tsvector columns, top 10", build: searchBaseline },
  agenda: { description: "the busy member's whole agenda, one statement", build: agendaBaseline },
};

/** The statement's text with its parameters inlined, for the results (and for psql). */
export function sqlText(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    if (value === null || value === undefined) return "null";
    if (typeof value === "number") return String(value);
    const s = value instanceof Date ? value.toISOString() : String(value);
    return `'${s.replaceAll("'", "''")}'`;
  });
}

export async function explainAnalyze(db: Db, query: SQL): Promise<string> {
  const result = (await db.execute(sql`explain (analyze, buffers) ${query}`)) as unknown as Rows<
    Record<string, string>
  >;
  return result.rows.map((row) => Object.values(row)[0]).join("\n");
}

export async function measureBaselines(
  database: Database,
  loaded: LoadedFirm,
  options: { runs: number; url?: string; log: (line: string) => void },
): Promise<BaselineResult[]> {
  const { db } = database;
  const timeZone = await workspaceTimeZone(db, loaded.firm.workspaceId);
  const results: BaselineResult[] = [];
  // A pool of its own: the concurrent runs need 32 connections, the app's pool has 10.
  const pool = options.url ? new pg.Pool({ connectionString: options.url, max: 32 }) : undefined;
  const concurrentDb = pool ? (drizzleNodePg(pool) as unknown as Db) : undefined;
  try {
    for (const path of readPaths) {
      const { description, build } = builders[path];
      // Warm the caches and the plan first, as the HTTP paths are warmed.
      for (let i = 0; i < 5; i++) await db.execute(build(paramsFor(loaded, timeZone, i)));
      let call = 0;
      const sequential = await measureSequential(
        () => db.execute(build(paramsFor(loaded, timeZone, call++))),
        options.runs,
      );
      const concurrent32 = concurrentDb
        ? await measureConcurrent(
            (i) => concurrentDb.execute(build(paramsFor(loaded, timeZone, i))),
            32,
            Math.max(options.runs, 32 * 4),
          )
        : null;
      const query = build(paramsFor(loaded, timeZone, 0));
      const plan = await explainAnalyze(db, query);
      options.log(
        `baseline ${path}: p50 ${sequential.p50Ms} ms, p95 ${sequential.p95Ms} ms${
          concurrent32
            ? `; 32 clients p50 ${concurrent32.p50Ms} ms, p95 ${concurrent32.p95Ms} ms`
            : ""
        }`,
      );
      results.push({
        path,
        description,
        sequential,
        concurrent32,
        plan,
        sql: sqlText(query),
      });
    }
    results.push(await measureGatherBaseline(db, loaded, timeZone, options.log));
  } finally {
    await pool?.end();
  }
  return results;
}

/** A whole workspace's read is seconds on `large`: a few runs give its median. */
async function measureGatherBaseline(
  db: Db,
  loaded: LoadedFirm,
  timeZone: string,
  log: (line: string) => void,
): Promise<BaselineResult> {
  const query = () => healthGatherBaseline(paramsFor(loaded, timeZone, 0), timeZone);
  await db.execute(query());
  const sequential = await measureSequential(() => db.execute(query()), 3);
  const plan = await explainAnalyze(db, query());
  log(`baseline health gather (whole workspace): p50 ${sequential.p50Ms} ms`);
  return {
    path: "healthGather",
    description: "every input of the health gather for the workspace, one statement",
    sequential,
    concurrent32: null,
    plan,
    sql: sqlText(query()),
  };
}
