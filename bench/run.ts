/**
 * `npm run bench -- [--profile tiny|firm|large] [--db pglite|postgres|both] [--quick]
 * [--out FILE]`: the benchmark harness. Measures the HTTP floor, then for each database
 * loads the profile's firm, runs the raw-SQL baselines, and measures the real server's
 * paths, health, the CSV import and memory; writes bench/results/latest.json (checked
 * against harness/results.schema.ts) and prints a markdown table. bench/README.md says what
 * each figure means. Everything it starts is stopped, by PID, on success, failure or Ctrl+C.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cleanupAll, installSignalHandlers } from "./harness/cleanup";
import { measureHttpFloor } from "./harness/http-floor";
import { type BenchOptions, parseBenchArgs, USAGE, UsageError } from "./harness/options";
import { renderMarkdown } from "./harness/report";
import {
  type BenchResults,
  benchResultsSchema,
  type DatabaseResult,
} from "./harness/results.schema";
import { runDatabase } from "./harness/run-database";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function packageVersion(file: string): string {
  return (JSON.parse(fs.readFileSync(path.join(repoRoot, file), "utf8")) as { version: string })
    .version;
}

async function main(options: BenchOptions): Promise<void> {
  const startedAt = new Date();
  const loadAverageAtStart = os.loadavg().map((n) => Math.round(n * 100) / 100);
  const log = (line: string) =>
    console.log(
      `[bench ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)}s] ${line}`,
    );
  log(
    `profile ${options.profile}, db ${options.dbs.join(" then ")}${options.quick ? ", quick" : ""}: ${options.durationSeconds} s per HTTP measurement, ${options.sqlRuns} SQL runs, ${options.eventSamples} event samples, ${options.importRows.toLocaleString("en")} import rows`,
  );

  const load = {
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
    log,
  };
  const httpFloor = await measureHttpFloor(load);
  const databases: DatabaseResult[] = [];
  for (const kind of options.dbs) {
    log(`=== ${kind} ===`);
    databases.push(await runDatabase(kind, options, httpFloor, log));
  }

  const finishedAt = new Date();
  const cpus = os.cpus();
  const postgres = databases.find((d) => d.db === "postgres");
  const results: BenchResults = {
    schemaVersion: 1,
    profile: options.profile,
    quick: options.quick,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    elapsedSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 100) / 10,
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? "unknown",
      totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
      loadAverageAtStart,
      platform: `${os.platform()} ${os.release()}`,
    },
    versions: {
      node: process.version,
      app: packageVersion("package.json"),
      pglite: packageVersion("node_modules/@electric-sql/pglite/package.json"),
      autocannon: packageVersion("node_modules/autocannon/package.json"),
      postgresServer: postgres?.serverVersion ?? null,
    },
    settings: {
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      sqlRuns: options.sqlRuns,
      eventSamples: options.eventSamples,
      importRows: options.importRows,
      connections: options.connections,
    },
    httpFloor,
    databases,
  };
  // Through JSON and back: NaN becomes null there, and the schema refuses it.
  const checked = benchResultsSchema.safeParse(JSON.parse(JSON.stringify(results)));
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${renderMarkdown(results)}`);
  log(`results written to ${path.relative(process.cwd(), options.out)}`);
  if (!checked.success) {
    throw new Error(`the results do not match results.schema.ts: ${checked.error.message}`);
  }
}

installSignalHandlers();
let options: BenchOptions;
try {
  options = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  if (error.message) console.error(error.message);
  console.error(USAGE);
  process.exit(2);
}
main(options).then(
  async () => {
    await cleanupAll();
    process.exit(0);
  },
  async (error: unknown) => {
    const cause = (error as Error).cause;
    console.error(`\nThe benchmark failed: ${(error as Error).stack ?? error}`);
    if (cause) console.error(`Caused by: ${(cause as Error).stack ?? cause}`);
    await cleanupAll();
    process.exit(1);
  },
);
