/**
 * Logical backups that move between PGlite and PostgreSQL: gzip'd JSON lines.
 *
 *   {"format":"rapport-backup","version":1,"createdAt":…,"migrations":[…],"tables":[…]}
 *   {"table":"workspaces","columns":["id","name",…]}
 *   ["0192…","Acme",…]                      one line per row, every value as PostgreSQL text
 *   …                                        (tables in foreign-key dependency order)
 *   {"end":true,"rowCounts":{"workspaces":1,…}}
 *
 * Values travel in PostgreSQL's own text form (col::text out, $n::text::type in), so every
 * type round-trips exactly: timestamptz to the microsecond, jsonb, numerics, unicode.
 * The trailer lets a restore notice a truncated file and roll back instead of half-loading.
 */
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import { createGunzip, createGzip } from "node:zlib";
import { is, type SQL, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./client";
import { migrationsFolder } from "./migrate";
import * as schema from "./schema";

export const BACKUP_FORMAT = "rapport-backup";
export const BACKUP_VERSION = 1;
const FETCH_ROWS = 1000;
const MAX_PARAMS_PER_INSERT = 30_000;
const MAX_ROWS_PER_INSERT = 1000;
const MAX_BYTES_PER_INSERT = 4 * 1024 * 1024;

export class BackupError extends Error {}

export type AppliedMigration = { hash: string; createdAt: number; tag?: string };
export type BackupColumn = { name: string; type: string };
export type BackupTable = {
  name: string;
  qualified: string;
  columns: BackupColumn[];
  key: string[];
};
export type BackupSummary = { rowCounts: Record<string, number>; migrations: AppliedMigration[] };

type Header = {
  format: string;
  version: number;
  createdAt: string;
  migrations: AppliedMigration[];
  tables: { name: string; columns: BackupColumn[] }[];
};

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every table of the schema, parents before children (so inserts satisfy foreign keys). */
export function backupTables(): BackupTable[] {
  const tables = new Map<string, { plan: BackupTable; parents: Set<string> }>();
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    const qualified = config.schema
      ? `${quote(config.schema)}.${quote(config.name)}`
      : quote(config.name);
    // Generated columns are computed by the database and cannot be inserted.
    const columns = config.columns
      .filter((column) => !column.generated)
      .map((column) => ({ name: column.name, type: column.getSQLType() }));
    const key =
      config.primaryKeys[0]?.columns.map((c) => c.name) ??
      config.columns.filter((c) => c.primary).map((c) => c.name);
    const parents = new Set(
      config.foreignKeys
        .map((fk) => getTableConfig(fk.reference().foreignTable).name)
        .filter((parent) => parent !== config.name),
    );
    tables.set(config.name, { plan: { name: config.name, qualified, columns, key }, parents });
  }
  const ordered: BackupTable[] = [];
  const done = new Set<string>();
  while (done.size < tables.size) {
    const ready = [...tables.values()].filter(
      (t) => !done.has(t.plan.name) && [...t.parents].every((p) => done.has(p) || !tables.has(p)),
    );
    if (ready.length === 0) throw new BackupError("The schema has a foreign-key cycle.");
    for (const t of ready) {
      ordered.push(t.plan);
      done.add(t.plan.name);
    }
  }
  return ordered;
}

type Rows = { rows: Record<string, unknown>[] };
const run = async (db: Db, query: SQL): Promise<Record<string, unknown>[]> =>
  ((await db.execute(query)) as unknown as Rows).rows;

/** Migrations applied to this database, oldest first, named by tag where the journal knows it. */
export async function appliedMigrations(db: Db): Promise<AppliedMigration[]> {
  const [exists] = await run(db, sql`select to_regclass('drizzle.__drizzle_migrations') as t`);
  if (!exists?.t) return [];
  const rows = await run(
    db,
    sql`select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by id`,
  );
  const tags = journalTags();
  return rows.map((row) => {
    const createdAt = Number(row.created_at);
    const tag = tags.get(createdAt);
    return { hash: String(row.hash), createdAt, ...(tag ? { tag } : {}) };
  });
}

function journalTags(): Map<number, string> {
  try {
    const journal = JSON.parse(
      fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8"),
    ) as { entries: { when: number; tag: string }[] };
    return new Map(journal.entries.map((e) => [e.when, e.tag]));
  } catch {
    return new Map();
  }
}

/** Session settings that make the text form of every value unambiguous and exact. */
async function setTextFormats(db: Db): Promise<void> {
  await db.execute(sql`set local timezone to 'UTC'`);
  await db.execute(sql`set local datestyle to 'ISO, YMD'`);
  await db.execute(sql`set local intervalstyle to 'postgres'`);
  await db.execute(sql`set local extra_float_digits to 3`);
  await db.execute(sql`set local bytea_output to 'hex'`);
}

/**
 * Writes a backup of every table to `writable`, read in one REPEATABLE READ, read-only
 * transaction (one consistent snapshot) and streamed through a cursor, batch by batch.
 */
export async function backupDatabase(
  db: Db,
  writable: Writable,
  options: { now?: Date } = {},
): Promise<BackupSummary> {
  const tables = backupTables();
  const gzip = createGzip();
  const piping = pipeline(gzip, writable);
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, "drain");
  };
  try {
    const summary = await db.transaction(
      async (tx) => {
        await setTextFormats(tx);
        const migrations = await appliedMigrations(tx);
        if (migrations.length === 0)
          throw new BackupError("The database has no migrations applied: nothing to back up.");
        const header: Header = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: (options.now ?? new Date()).toISOString(),
          migrations,
          tables: tables.map((t) => ({ name: t.name, columns: t.columns })),
        };
        await write(header);
        const rowCounts: Record<string, number> = {};
        for (const table of tables) {
          await write({ table: table.name, columns: table.columns.map((c) => c.name) });
          rowCounts[table.name] = await dumpTable(tx, table, write);
        }
        await write({ end: true, rowCounts });
        return { rowCounts, migrations };
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    gzip.end();
    await piping;
    return summary;
  } catch (error) {
    gzip.destroy(error as Error);
    await piping.catch(() => {});
    throw error;
  }
}

async function dumpTable(
  tx: Db,
  table: BackupTable,
  write: (value: unknown) => Promise<void>,
): Promise<number> {
  const select = table.columns.map((c, i) => `${quote(c.name)}::text as c${i}`).join(", ");
  const order = table.key.length ? ` order by ${table.key.map(quote).join(", ")}` : "";
  await tx.execute(
    sql.raw(
      `declare rapport_backup no scroll cursor for select ${select} from ${table.qualified}${order}`,
    ),
  );
  let count = 0;
  for (;;) {
    const rows = await run(tx, sql.raw(`fetch forward ${FETCH_ROWS} from rapport_backup`));
    for (const row of rows) {
      await write(table.columns.map((_, i) => (row[`c${i}`] ?? null) as string | null));
    }
    count += rows.length;
    if (rows.length < FETCH_ROWS) break;
  }
  await tx.execute(sql.raw("close rapport_backup"));
  return count;
}

/** Lines of a gzip'd stream, one at a time, so a large backup never sits in memory. */
async function* gunzipLines(readable: Readable): AsyncGenerator<string> {
  const gunzip = createGunzip();
  readable.on("error", (error) => gunzip.destroy(error));
  readable.pipe(gunzip);
  const decoder = new StringDecoder("utf8");
  let pending = "";
  try {
    for await (const chunk of gunzip) {
      pending += decoder.write(chunk as Buffer);
      let newline = pending.indexOf("\n");
      while (newline >= 0) {
        yield pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf("\n");
      }
    }
  } catch (error) {
    throw new BackupError(`The backup file is damaged (${(error as Error).message}).`);
  }
  pending += decoder.end();
  if (pending) yield pending;
}

function parseLine(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupError(`The backup file is damaged: line ${lineNumber} is not JSON.`);
  }
}

/**
 * Loads a backup into an empty database migrated to the same migrations, in one
 * transaction: on any error (bad file, constraint, truncation) nothing is restored.
 */
export async function restoreDatabase(db: Db, readable: Readable): Promise<BackupSummary> {
  const tables = new Map(backupTables().map((t) => [t.name, t]));
  const lines = gunzipLines(readable);
  return db.transaction(async (tx) => {
    let lineNumber = 0;
    const next = async () => {
      const result = await lines.next();
      if (result.done) return undefined;
      lineNumber += 1;
      return parseLine(result.value, lineNumber);
    };
    const header = (await next()) as Partial<Header> | undefined;
    if (header?.format !== BACKUP_FORMAT) throw new BackupError("This is not a Rapport backup.");
    if (header.version !== BACKUP_VERSION)
      throw new BackupError(`Backup format version ${header.version} is not supported.`);
    await assertRestorable(tx, header.migrations ?? [], [...tables.values()]);

    const rowCounts: Record<string, number> = {};
    let current: { table: BackupTable; columns: BackupColumn[] } | undefined;
    let batch: (string | null)[][] = [];
    let batchBytes = 0;
    const flush = async () => {
      if (current && batch.length) await insertRows(tx, current.table, current.columns, batch);
      batch = [];
      batchBytes = 0;
    };
    for (let item = await next(); item !== undefined; item = await next()) {
      if (Array.isArray(item)) {
        if (!current) throw new BackupError(`The backup file is damaged near line ${lineNumber}.`);
        if (
          item.length !== current.columns.length ||
          item.some((v) => v !== null && typeof v !== "string")
        )
          throw new BackupError(`The backup file is damaged: bad row on line ${lineNumber}.`);
        batch.push(item as (string | null)[]);
        batchBytes += item.reduce((n: number, v) => n + (v?.length ?? 0), 0);
        rowCounts[current.table.name] = (rowCounts[current.table.name] ?? 0) + 1;
        const params = batch.length * current.columns.length;
        if (
          batch.length >= MAX_ROWS_PER_INSERT ||
          params + current.columns.length > MAX_PARAMS_PER_INSERT ||
          batchBytes >= MAX_BYTES_PER_INSERT
        )
          await flush();
        continue;
      }
      const record = item as {
        table?: string;
        columns?: string[];
        end?: boolean;
        rowCounts?: Record<string, number>;
      };
      await flush();
      if (record.end) {
        for (const [name, expected] of Object.entries(record.rowCounts ?? {})) {
          if ((rowCounts[name] ?? 0) !== expected)
            throw new BackupError(
              `The backup file is damaged: table ${name} should have ${expected} rows.`,
            );
        }
        await resetSequences(tx, [...tables.values()]);
        return { rowCounts, migrations: header.migrations ?? [] };
      }
      const table = record.table ? tables.get(record.table) : undefined;
      if (!table)
        throw new BackupError(
          `The backup has a table this version does not know: ${record.table}.`,
        );
      const columns = (record.columns ?? []).map((name) => {
        const column = table.columns.find((c) => c.name === name);
        if (!column)
          throw new BackupError(`The backup has an unknown column ${table.name}.${name}.`);
        return column;
      });
      current = { table, columns };
      rowCounts[table.name] = 0;
    }
    throw new BackupError(
      "The backup file is incomplete (it ends before its last line): nothing was restored.",
    );
  });
}

async function assertRestorable(tx: Db, migrations: AppliedMigration[], tables: BackupTable[]) {
  const applied = (await appliedMigrations(tx)).map((m) => m.hash);
  const wanted = migrations.map((m) => m.hash);
  if (applied.length !== wanted.length || applied.some((hash, i) => hash !== wanted[i])) {
    throw new BackupError(
      `The backup was taken at migration ${describe(migrations)} but this database is at ${describe(await appliedMigrations(tx))}: restore with the Rapport version that made the backup.`,
    );
  }
  for (const table of tables) {
    const rows = await run(tx, sql.raw(`select 1 as found from ${table.qualified} limit 1`));
    if (rows.length > 0)
      throw new BackupError(
        `The target database is not empty (table ${table.name} has rows): restore only into a new, empty database.`,
      );
  }
}

function describe(migrations: AppliedMigration[]): string {
  const last = migrations.at(-1);
  if (!last) return "none";
  return `${migrations.length} (${last.tag ?? last.hash.slice(0, 12)})`;
}

async function insertRows(
  tx: Db,
  table: BackupTable,
  columns: BackupColumn[],
  rows: (string | null)[][],
): Promise<void> {
  // Through ::text first: the parameter is then plain text on every driver (PGlite would
  // otherwise serialize a string bound to a jsonb parameter as a JSON string).
  const values = rows.map(
    (row) =>
      sql`(${sql.join(
        row.map((value, i) => sql`${value}::text::${sql.raw(columns[i]?.type ?? "text")}`),
        sql`, `,
      )})`,
  );
  const names = columns.map((c) => quote(c.name)).join(", ");
  await tx.execute(
    sql`insert into ${sql.raw(table.qualified)} (${sql.raw(names)}) overriding system value values ${sql.join(values, sql`, `)}`,
  );
}

/** Serial and identity columns continue after the restored values, not from 1. */
async function resetSequences(tx: Db, tables: BackupTable[]): Promise<void> {
  for (const table of tables) {
    for (const column of table.columns) {
      const [row] = await run(
        tx,
        sql`select pg_get_serial_sequence(${table.qualified}, ${column.name}) as seq`,
      );
      if (!row?.seq) continue;
      await tx.execute(
        sql.raw(
          `select setval('${String(row.seq).replaceAll("'", "''")}', coalesce(max(${quote(column.name)}), 0) + 1, false) from ${table.qualified}`,
        ),
      );
    }
  }
}
