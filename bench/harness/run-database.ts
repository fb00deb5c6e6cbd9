/**
 * One database's whole run, in the order PGlite forces (it is one process's database): with
 * the bench process holding the database, load the firm, recompute health twice, run the
 * raw-SQL baselines and record the app's plans; close it; then start the real server on it
 * and measure the HTTP paths, event-to-score, the CSV import and, last because of the jobs
 * each create leaves behind, logging calls. PostgreSQL follows the same order so the two
 * databases' figures are taken under the same conditions.
 */
import type { Database } from "../../src/platform/db/client";
import { type AppPathPlans, explainAppPaths } from "./app-plans";
import { budgetForHttpRow, evaluateBudgets } from "./budgets";
import { measureCsvImport } from "./csv-import";
import { databaseSettings, prepareDatabase, serverVersion } from "./databases";
import { measureEventToScore, measureRecompute } from "./health-timing";
import { type HttpPathResult, measureHttpPaths, measureInteractionCreate } from "./http-paths";
import { loadFirm } from "./load-firm";
import type { HttpMeasurement } from "./load-test";
import { type BaselineResult, measureBaselines } from "./measure-sql";
import type { BenchDb, BenchOptions } from "./options";
import type { DatabaseResult, HttpRow } from "./results.schema";
import { procStatusMb, startBenchServer } from "./server-process";

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function printPlans(baselines: BaselineResult[], appPlans: AppPathPlans[]): void {
  for (const b of baselines) {
    console.log(`\n-- EXPLAIN ANALYZE, raw-SQL baseline: ${b.path} (${b.description})\n${b.plan}`);
  }
  for (const p of appPlans) {
    if (!p.main) continue;
    console.log(
      `\n-- EXPLAIN ANALYZE, the app's slowest statement of ${p.path} (${p.statements} statements)\n${p.main.plan}`,
    );
  }
  console.log("");
}

/** Each measurement of each path as a row, with its baseline, the floor and its budget. */
function toRows(
  paths: HttpPathResult[],
  baselines: BaselineResult[],
  floor: HttpMeasurement[],
  options: BenchOptions,
  db: BenchDb,
): HttpRow[] {
  return paths.flatMap((p) =>
    p.measurements.map((m) => {
      const base = baselines.find((b) => b.path === p.baseline);
      // At 32 connections the PostgreSQL baseline at 32 clients is the fair floor; PGlite
      // serves one statement at a time, so its sequential figure is the only one.
      const concurrent = m.connections > 1 && base?.concurrent32 ? base.concurrent32 : undefined;
      const baseline = base
        ? {
            path: base.path,
            p50Ms: (concurrent ?? base.sequential).p50Ms,
            concurrency: concurrent ? 32 : 1,
          }
        : null;
      const floorP50Ms = (floor.find((f) => f.connections === m.connections) ?? floor[0])?.latency
        .p50Ms as number;
      const row = {
        ...m,
        path: p.path,
        route: p.route,
        baseline,
        ratioToBaselineP50: baseline ? round(m.latency.p50Ms / baseline.p50Ms) : null,
        floorP50Ms,
        ratioToFloorP50: round(m.latency.p50Ms / floorP50Ms),
      };
      return { ...row, budget: budgetForHttpRow(row, options.profile, db) };
    }),
  );
}

/** Everything done with the database open in the bench process (the server not running). */
async function prepareInProcess(
  database: Database,
  url: string | undefined,
  options: BenchOptions,
  log: (line: string) => void,
) {
  const version = await serverVersion(database);
  const settings = await databaseSettings(database);
  const loaded = await loadFirm(database, options.profile, log);
  const recompute = await measureRecompute(database, loaded, log);
  log(`raw-SQL baselines: ${options.sqlRuns} runs each${url ? ", and at 32 clients" : ""}`);
  const baselines = await measureBaselines(database, loaded, { runs: options.sqlRuns, url, log });
  const appPlans = await explainAppPaths(database, loaded, log);
  printPlans(baselines, appPlans);
  return { version, settings, loaded, recompute, baselines, appPlans };
}

export async function runDatabase(
  kind: BenchDb,
  options: BenchOptions,
  floor: HttpMeasurement[],
  log: (line: string) => void,
): Promise<DatabaseResult> {
  const target = await prepareDatabase(kind, log);
  try {
    const database = await target.open();
    let prepared: Awaited<ReturnType<typeof prepareInProcess>>;
    try {
      prepared = await prepareInProcess(database, target.url, options, log);
    } finally {
      // Before the server starts: PGlite's data dir takes one process at a time.
      await database.close();
    }
    const { version, settings, loaded, recompute, baselines, appPlans } = prepared;

    const server = await startBenchServer(target.serverEnv, log);
    const load = { ...options, log };
    let paths: HttpPathResult[];
    let events: Awaited<ReturnType<typeof measureEventToScore>>;
    let csvImport: Awaited<ReturnType<typeof measureCsvImport>>;
    let memory: ReturnType<typeof server.memory>;
    try {
      paths = await measureHttpPaths(server.url, loaded, load);
      events = await measureEventToScore(server.url, loaded, {
        samples: options.eventSamples,
        log,
      });
      csvImport = await measureCsvImport(server.url, loaded.tokens.owner, options.importRows, log);
      paths.push(await measureInteractionCreate(server.url, loaded, load));
      memory = server.memory();
    } catch (error) {
      console.error(`The server's last output:\n${server.output()}`);
      throw error;
    } finally {
      await server.stop();
    }

    const gather = baselines.find((b) => b.path === "healthGather");
    const baselineSeconds = (gather?.sequential.p50Ms ?? Number.NaN) / 1000;
    const http = toRows(paths, baselines, floor, options, kind);
    const health = {
      recompute: {
        accounts: recompute.accounts,
        baselineSeconds: round(baselineSeconds, 3),
        first: {
          ...recompute.first,
          ratioToBaseline: round(recompute.first.seconds / baselineSeconds),
        },
        unchanged: {
          ...recompute.unchanged,
          ratioToBaseline: round(recompute.unchanged.seconds / baselineSeconds),
        },
      },
      eventToScore: events,
    };
    return {
      db: kind,
      serverVersion: version,
      settings: { ...target.settings, ...settings },
      generation: {
        seconds: round(loaded.generationSeconds),
        analyzeSeconds: round(loaded.analyzeSeconds),
        counts: loaded.tableRows,
      },
      baselines,
      http,
      health,
      csvImport,
      memory: { server: memory, benchPeakRssMb: procStatusMb("self", "VmHWM") },
      appPlans,
      budgets: evaluateBudgets({ http, health, csvImport }, options.profile, kind),
    };
  } finally {
    await target.dispose();
  }
}
