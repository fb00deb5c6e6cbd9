/**
 * `backup --out FILE`: a consistent logical dump of all data (see platform/db/backup.ts).
 * Written to a temporary file and renamed at the end, so FILE is never a partial backup.
 */
import fs from "node:fs";
import path from "node:path";
import { backupDatabase } from "../platform/db/backup";
import type { CommandRun } from "./main";
import { openConfiguredDatabase } from "./open-database";

export const run: CommandRun = async (values, io) => {
  const out = path.resolve(String(values.out));
  if (!fs.existsSync(path.dirname(out)))
    throw new Error(`The folder ${path.dirname(out)} does not exist.`);
  // Backups read as they are: no migrations, so a backup before an upgrade stays exact.
  const database = await openConfiguredDatabase(io.config(), { migrate: false });
  const partial = `${out}.partial-${process.pid}`;
  try {
    const summary = await backupDatabase(database.db, fs.createWriteStream(partial), {
      now: io.now(),
    });
    fs.renameSync(partial, out);
    const counts = Object.values(summary.rowCounts);
    const rows = counts.reduce((a, b) => a + b, 0);
    io.out(
      `Backed up ${rows} rows from ${counts.length} tables (${database.description}) to ${out}`,
    );
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    await database.close();
  }
};
