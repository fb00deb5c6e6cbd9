/**
 * The database a run measures, set up the way a user would run Rapport: `pglite` is a fresh
 * file-backed data dir (what `npm start` opens), `postgres` a throwaway cluster on a free
 * loopback port, started exactly as `npm test` starts one but with durability kept on.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type Database, openDatabase } from "../../src/platform/db/client";
import { lockDataDir } from "../../src/platform/db/lock";
import { findPgBinDir, startCluster } from "../../src/platform/testing/pg-cluster";
import { onCleanup } from "./cleanup";
import type { BenchDb } from "./options";

/**
 * postgresql.conf of the bench cluster. Durability stays as PostgreSQL ships it (every
 * commit fsyncs), unlike the test cluster, so write figures mean what they would in
 * production; memory is raised modestly from the defaults (128MB, 4MB) for a machine of a
 * few GB, as any deployment guide would, and not tuned to the benchmark.
 */
export const benchClusterSettings: readonly string[] = [
  "fsync = on",
  "synchronous_commit = on",
  "full_page_writes = on",
  "shared_buffers = 512MB",
  "work_mem = 16MB",
];

export type BenchDatabase = {
  kind: BenchDb;
  /** What the server process needs in its environment to use this database. */
  serverEnv: Record<string, string>;
  /** postgres:// URL (postgres only), for the pool the concurrent baselines use. */
  url?: string;
  /** Opens a handle in the bench process; PGlite's is exclusive, so close it before serve. */
  open(): Promise<Database>;
  /** The settings the run used, for the results. */
  settings: Record<string, string>;
  /** Stops the cluster or removes the data dir. */
  dispose(): Promise<void>;
};

export async function prepareDatabase(
  kind: BenchDb,
  log: (line: string) => void,
): Promise<BenchDatabase> {
  if (kind === "pglite") return preparePglite(log);
  return preparePostgres(log);
}

function preparePglite(log: (line: string) => void): BenchDatabase {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-bench-pglite-"));
  const dataDir = path.join(parent, "data");
  const dispose = onCleanup(`PGlite data dir ${parent}`, () => {
    fs.rmSync(parent, { recursive: true, force: true });
  });
  log(`PGlite data dir: ${dataDir}`);
  return {
    kind: "pglite",
    serverEnv: { RAPPORT_DATA_DIR: dataDir, DATABASE_URL: "" },
    settings: { dataDir: "file-backed temp dir", diskFlusher: "on (as npm start)" },
    async open() {
      // The same lock the server takes: a stray second opener fails instead of corrupting.
      const lock = lockDataDir(dataDir);
      const database = await openDatabase({ kind: "pglite", dataDir });
      return {
        ...database,
        close: async () => {
          try {
            await database.close();
          } finally {
            lock.release();
          }
        },
      };
    },
    dispose,
  };
}

async function preparePostgres(log: (line: string) => void): Promise<BenchDatabase> {
  const pgBinDir = findPgBinDir();
  if (!pgBinDir) {
    throw new Error(
      "No PostgreSQL server binaries (initdb, pg_ctl, postgres) in /usr/lib/postgresql/*/bin or pg_config --bindir. On Debian or Ubuntu: apt-get install -y postgresql",
    );
  }
  let stopCluster: (() => void) | undefined;
  const dispose = onCleanup("bench PostgreSQL cluster", () => stopCluster?.());
  const cluster = await startCluster({
    pgBinDir,
    settings: benchClusterSettings,
    label: "bench",
    onCleanup: (stop) => {
      stopCluster = stop;
    },
    log,
  });
  return {
    kind: "postgres",
    url: cluster.url,
    // The data dir setting is required but unused with DATABASE_URL.
    serverEnv: { DATABASE_URL: cluster.url, RAPPORT_DATA_DIR: os.tmpdir() },
    settings: Object.fromEntries(
      benchClusterSettings.map((line) => line.split(" = ") as [string, string]),
    ),
    open: () => openDatabase({ kind: "postgres", url: cluster.url }),
    dispose,
  };
}

type Rows<T> = { rows: T[] };

/**
 * What the database says it runs with (durability and memory), read back rather than
 * assumed from what was configured: PGlite, for one, decides its own fsync.
 */
export async function databaseSettings(database: Database): Promise<Record<string, string>> {
  const result = (await database.db.execute(sql`
    select name, setting || coalesce(' ' || unit, '') as value from pg_settings
    where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'work_mem', 'max_connections')
    order by name`)) as unknown as Rows<{ name: string; value: string }>;
  return Object.fromEntries(result.rows.map((r) => [r.name, r.value]));
}

/** The server_version of whatever the handle is connected to. */
export async function serverVersion(database: Database): Promise<string> {
  const result = (await database.db.execute(
    sql`select current_setting('server_version') as v`,
  )) as unknown as Rows<{ v: string }>;
  return result.rows[0]?.v ?? "unknown";
}
