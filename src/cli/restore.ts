/**
 * `restore --in FILE`: loads a backup into the configured database, which must be empty
 * (a new data dir or a new PostgreSQL database); it is migrated first, then checked.
 */
import fs from "node:fs";
import path from "node:path";
import { restoreDatabase } from "../platform/db/backup";
import type { CommandRun } from "./main";
import { openConfiguredDatabase } from "./open-database";

export const run: CommandRun = async (values, io) => {
  const file = path.resolve(String(values.in));
  if (!fs.existsSync(file)) throw new Error(`No backup file at ${file}.`);
  const database = await openConfiguredDatabase(io.config());
  try {
    const summary = await restoreDatabase(database.db, fs.createReadStream(file));
    const counts = Object.values(summary.rowCounts);
    const rows = counts.reduce((a, b) => a + b, 0);
    io.out(
      `Restored ${rows} rows into ${counts.length} tables (${database.description}) from ${file}`,
    );
  } finally {
    await database.close();
  }
};
