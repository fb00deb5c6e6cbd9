/**
 * Opens the database the configuration points at, the way every command and the server
 * need it: PostgreSQL when DATABASE_URL is set, otherwise the PGlite data dir, which is
 * locked first (PGlite cannot share a data dir between processes) and then migrated.
 */
import type { Config } from "../platform/config";
import { type Database, openDatabase } from "../platform/db/client";
import { type DataDirLock, lockDataDir } from "../platform/db/lock";
import { migrateDatabase } from "../platform/db/migrate";

export type OpenedDatabase = Database & {
  /** "pglite at /path/to/data" or "postgres", for start-up lines and messages. */
  description: string;
};

export type OpenConfiguredOptions = {
  /** Apply pending migrations after opening (default true). */
  migrate?: boolean;
};

export async function openConfiguredDatabase(
  config: Config,
  options: OpenConfiguredOptions = {},
): Promise<OpenedDatabase> {
  const migrate = options.migrate ?? true;
  if (config.databaseUrl) {
    const database = await openDatabase({ kind: "postgres", url: config.databaseUrl });
    try {
      if (migrate) await migrateDatabase(database);
    } catch (error) {
      await database.close().catch(() => {});
      throw error;
    }
    return { ...database, description: "postgres" };
  }

  // Lock before opening: even a read-only command would run crash recovery on the dir
  // and race the process that holds it.
  const lock: DataDirLock = lockDataDir(config.dataDir);
  let database: Database | undefined;
  try {
    database = await openDatabase({
      kind: "pglite",
      dataDir: config.dataDir,
      fsync: config.pgliteFsync,
    });
    if (migrate) await migrateDatabase(database);
  } catch (error) {
    await database?.close().catch(() => {});
    lock.release();
    throw error;
  }
  const opened = database;
  let closed = false;
  return {
    ...opened,
    description: `pglite at ${config.dataDir}`,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await opened.close();
      } finally {
        // Only after PGlite has flushed and closed may another process take the dir.
        lock.release();
      }
    },
  };
}
