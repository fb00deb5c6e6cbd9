/**
 * Opens the database Rapport runs on: embedded PGlite in a data dir by default, or a
 * PostgreSQL server when DATABASE_URL is set. Both speak the same SQL and share one
 * schema, so everything above this file is unaware of which one it got.
 */
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { startDiskFlusher } from "./disk-flusher";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = "pglite" | "postgres";

export type Database = {
  db: Db;
  kind: DatabaseKind;
  /** The PGlite instance when kind is "pglite" (for dumps), otherwise undefined. */
  pglite?: PGlite;
  /** The pg pool when kind is "postgres". */
  pool?: pg.Pool;
  close(): Promise<void>;
};

export type OpenOptions =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob; fsync?: boolean };

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // A server that ends a connection (a restart, a failover, an admin's terminate) makes the
    // idle client emit "error": without a listener that would crash the process. The pool
    // drops the broken client and the next query opens a new one; a query that was running
    // on it fails with the error as usual. So the event itself needs no handling.
    pool.on("error", () => {});
    // The same for a client between its release at shutdown and its socket closing.
    pool.on("connect", (client) => client.on("error", () => {}));
    // Fail early with the server's own words if the URL is wrong.
    const client = await pool.connect();
    client.release();
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return { db, kind: "postgres", pool, close: () => pool.end() };
  }
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
  });
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  // PGlite never fsyncs on its own (see disk-flusher.ts); we flush changed files for it.
  const flusher =
    options.dataDir && (options.fsync ?? true) ? startDiskFlusher(options.dataDir) : undefined;
  return {
    db,
    kind: "pglite",
    pglite,
    close: async () => {
      if (!pglite.closed) await pglite.close();
      flusher?.stop();
    },
  };
}
