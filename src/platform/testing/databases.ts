/**
 * Test databases. Creating and migrating a PGlite takes seconds, so global setup migrates
 * one template per run and each test file loads a copy of it (about a second). Against
 * PostgreSQL (RAPPORT_TEST_DATABASE_URL) each file gets `CREATE DATABASE ... TEMPLATE`.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { type Database, openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";

export const TEMPLATE_DUMP = path.resolve(".tmp/test/pglite-template.tar.gz");
export const PG_TEMPLATE_DB = "rapport_test_template";

export function testPostgresUrl(): string | undefined {
  return process.env.RAPPORT_TEST_DATABASE_URL || undefined;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Run once per test run (vitest globalSetup). */
export async function prepareTemplate(): Promise<void> {
  const url = testPostgresUrl();
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${PG_TEMPLATE_DB}`);
      await admin.query(`create database ${PG_TEMPLATE_DB}`);
    } finally {
      await admin.end();
    }
    const database = await openDatabase({
      kind: "postgres",
      url: withDatabase(url, PG_TEMPLATE_DB),
      poolSize: 1,
    });
    await migrateDatabase(database);
    await database.close();
    return;
  }
  const database = await openDatabase({ kind: "pglite", fsync: false });
  await migrateDatabase(database);
  const dump = await database.pglite?.dumpDataDir("gzip");
  if (!dump) throw new Error("PGlite dump failed");
  fs.mkdirSync(path.dirname(TEMPLATE_DUMP), { recursive: true });
  fs.writeFileSync(TEMPLATE_DUMP, Buffer.from(await dump.arrayBuffer()));
  await database.close();
}

/** A fresh, migrated, empty database for one test file. */
export async function openTestDatabase(): Promise<Database & { url?: string }> {
  const url = testPostgresUrl();
  if (url) {
    const name = `rapport_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create database ${name} template ${PG_TEMPLATE_DB}`);
    } finally {
      await admin.end();
    }
    const dbUrl = withDatabase(url, name);
    const database = await openDatabase({ kind: "postgres", url: dbUrl, poolSize: 5 });
    return {
      ...database,
      url: dbUrl,
      close: async () => {
        await database.close();
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`).catch(() => {});
        await cleanup.end();
      },
    };
  }
  if (!fs.existsSync(TEMPLATE_DUMP)) await prepareTemplate();
  const blob = new Blob([fs.readFileSync(TEMPLATE_DUMP)]);
  return openDatabase({ kind: "pglite", loadDataDir: blob, fsync: false });
}
