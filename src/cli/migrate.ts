/** `migrate`: applies pending migrations (the server also does this on every start). */
import { appliedMigrations } from "../platform/db/backup";
import { migrateDatabase } from "../platform/db/migrate";
import type { CommandRun } from "./main";
import { openConfiguredDatabase } from "./open-database";

export const run: CommandRun = async (_values, io) => {
  const database = await openConfiguredDatabase(io.config(), { migrate: false });
  try {
    const before = (await appliedMigrations(database.db)).length;
    await migrateDatabase(database);
    const after = await appliedMigrations(database.db);
    const last = after.at(-1);
    io.out(
      `Applied ${after.length - before} migration(s); the database (${database.description}) is at ${after.length}${last?.tag ? ` (${last.tag})` : ""}.`,
    );
  } finally {
    await database.close();
  }
};
