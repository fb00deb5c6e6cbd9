/**
 * `npm run bench -- [--profile tiny|firm|large] [--db pglite|postgres|both] [--quick]
 * [--out FILE]`, and the hidden knobs the smoke test uses to finish in about a minute
 * (`--duration-seconds`, `--sql-runs`, `--samples`, `--import-rows`).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import type { DemoProfile } from "../../src/domains/demo/demo.types";

export type BenchProfile = Exclude<DemoProfile, "demo">;
export type BenchDb = "pglite" | "postgres";
export const benchProfiles: readonly BenchProfile[] = ["tiny", "firm", "large"];

export type BenchOptions = {
  profile: BenchProfile;
  dbs: BenchDb[];
  quick: boolean;
  out: string;
  /** Each HTTP measurement, per connection count. */
  durationSeconds: number;
  /** Before each HTTP measurement: enough to fill caches and JIT the handlers. */
  warmupSeconds: number;
  /** Runs of each raw-SQL baseline, sequentially and at 32 clients. */
  sqlRuns: number;
  /** Event-to-updated-score samples per kind of event. */
  eventSamples: number;
  /** Contacts in the CSV import. */
  importRows: number;
  /** Connection counts every HTTP path is measured at. */
  connections: number[];
};

export const USAGE =
  "Usage: npm run bench -- [--profile tiny|firm|large] [--db pglite|postgres|both] [--quick] [--out FILE]";

export class UsageError extends Error {}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number.`);
  return n;
}

export function parseBenchArgs(argv: string[], cwd = process.cwd()): BenchOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        profile: { type: "string" },
        db: { type: "string" },
        quick: { type: "boolean" },
        out: { type: "string" },
        "duration-seconds": { type: "string" },
        "sql-runs": { type: "string" },
        samples: { type: "string" },
        "import-rows": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError("");
  const profile = (values.profile ?? "firm") as BenchProfile;
  if (!benchProfiles.includes(profile)) throw new UsageError(`Unknown profile "${profile}".`);
  const db = String(values.db ?? "pglite");
  if (!["pglite", "postgres", "both"].includes(db)) throw new UsageError(`Unknown db "${db}".`);
  const quick = values.quick === true;
  const durationSeconds = positive(
    "duration-seconds",
    values["duration-seconds"] as string,
    quick ? 3 : 10,
  );
  return {
    profile,
    dbs: db === "both" ? ["pglite", "postgres"] : [db as BenchDb],
    quick,
    out: path.resolve(cwd, String(values.out ?? "bench/results/latest.json")),
    durationSeconds,
    warmupSeconds: Math.min(1, durationSeconds),
    sqlRuns: Math.round(positive("sql-runs", values["sql-runs"] as string, quick ? 50 : 200)),
    eventSamples: Math.round(positive("samples", values.samples as string, quick ? 3 : 10)),
    importRows: Math.round(
      positive("import-rows", values["import-rows"] as string, quick ? 10_000 : 100_000),
    ),
    connections: [1, 32],
  };
}
