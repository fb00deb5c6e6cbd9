import { PassThrough, Readable } from "node:stream";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testPostgresUrl } from "../testing/databases";
import { BackupError, backupDatabase, backupTables, restoreDatabase } from "./backup";
import { type Database, type Db, openDatabase } from "./client";
import { migrateDatabase } from "./migrate";

/** A new, migrated, empty PGlite (openTestDatabase gives PostgreSQL when the URL is set). */
async function freshPglite(): Promise<Database> {
  if (!testPostgresUrl()) return openTestDatabase();
  const database = await openDatabase({ kind: "pglite", fsync: false });
  await migrateDatabase(database);
  return database;
}

async function backupToBuffer(db: Db): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  await backupDatabase(db, sink);
  return Buffer.concat(chunks);
}

const restoreFrom = (db: Db, backup: Buffer) => restoreDatabase(db, Readable.from([backup]));

/**
 * Every row of every table in PostgreSQL's record text form, read under UTC: it shows
 * microseconds, tells SQL NULL from '' and from the jsonb literal null, and is produced by
 * the server itself, independently of the backup code.
 */
async function snapshot(db: Db): Promise<Record<string, string[]>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone to 'UTC'`);
    const result: Record<string, string[]> = {};
    for (const table of backupTables()) {
      const order = table.key.map((k) => `t."${k}"`).join(", ");
      const { rows } = (await tx.execute(
        sql.raw(`select t::text as r from ${table.qualified} t order by ${order}`),
      )) as unknown as { rows: { r: string }[] };
      result[table.name] = rows.map((row) => row.r);
    }
    return result;
  });
}

const W1 = "01900000-0000-7000-8000-000000000001";
const W2 = "01900000-0000-7000-8000-000000000002";
const U1 = "01900000-0000-7000-8000-0000000000a1";
const U2 = "01900000-0000-7000-8000-0000000000a2";
const M1 = "01900000-0000-7000-8000-0000000000b1";
const M2 = "01900000-0000-7000-8000-0000000000b2";
const tricky = `Zoë "quoted" \\ back\\slash, tab\t, newline\n, emoji 🚀, 株式会社, ∑, ‮rtl`;

/** Rows in every platform table, with the values most likely to be mangled in transit. */
async function seed(db: Db): Promise<void> {
  await db.execute(sql`
    insert into workspaces (id, name, created_at, updated_at, version, archived_at) values
      (${W1}, ${tricky}, '2026-01-15 09:00:00.123456+00', '2026-01-15 09:00:00.000001+00', 3, null),
      (${W2}, '', '1999-12-31 23:59:59.999999+00', '2000-01-01 00:00:00+00', 1, '2026-02-01 10:11:12.654321+00')`);
  await db.execute(sql`
    insert into users (id, email, name, password_hash, created_at, updated_at) values
      (${U1}, 'ada@example.com', 'Ada Ö', '$argon2id$v=19$m=19456,t=2,p=1$abc$def', now(), clock_timestamp()),
      (${U2}, 'BOB@Example.com', ${tricky}, null, '2026-03-01 00:00:00.5+00', '2026-03-01 00:00:00.000005+00')`);
  await db.execute(sql`
    insert into members (workspace_id, id, user_id, role, status, created_at, updated_at, archived_at) values
      (${W1}, ${M1}, ${U1}, 'owner', 'active', now(), now(), null),
      (${W1}, ${M2}, ${U2}, 'viewer', 'deactivated', now(), now(), '2026-04-04 04:04:04.040404+00'),
      (${W2}, gen_random_uuid(), ${U1}, 'admin', 'invited', now(), now(), null)`);
  await db.execute(sql`
    insert into sessions (token_hash, workspace_id, member_id, csrf_token, created_at, expires_at)
    values ('hash-1', ${W1}, ${M1}, 'csrf-1', now(), '2030-01-01 00:00:00.000001+00')`);
  await db.execute(sql`
    insert into api_tokens (workspace_id, id, member_id, label, prefix, token_hash, last_used_at, revoked_at)
    values (${W1}, gen_random_uuid(), ${M1}, ${tricky}, 'rap_abcdef', 'th-1', null, now()),
           (${W1}, gen_random_uuid(), ${M2}, 'second', 'rap_123456', 'th-2', now(), null)`);
  await db.execute(sql`
    insert into invitations (workspace_id, id, member_id, token_hash, invited_by, expires_at, accepted_at)
    values (${W1}, gen_random_uuid(), ${M2}, 'inv-1', ${M1}, '2026-05-05 05:05:05.050505+00', null)`);
  await db.execute(sql`
    insert into audit_events (workspace_id, id, actor_member_id, actor_via, action, entity_type, entity_id, before, after, request_id, occurred_at) values
      (${W1}, gen_random_uuid(), ${M1}, 'session', 'x.updated', 'x', '1',
       ${JSON.stringify({ nested: { list: [1, 2.5, -0.000001, 1e300, true, null], text: tricky } })}::jsonb,
       'null'::jsonb, 'req-1', '2026-06-06 06:06:06.060606+00'),
      (${W1}, gen_random_uuid(), null, 'cli', 'x.created', 'x', '2', null, '"just a string"'::jsonb, null, now()),
      (${W2}, gen_random_uuid(), null, 'system', 'x.deleted', 'x', '3', '[]'::jsonb, '{}'::jsonb, '', now())`);
  await db.execute(sql`
    insert into jobs (id, name, payload, workspace_id, status, run_at, attempts, last_error, unique_key, progress, result)
    values (gen_random_uuid(), 'mail.send', '{"to": ["ä@example.com"], "n": 12345678901234567890}', ${W1}, 'failed',
            '2026-07-07 07:07:07.070707+00', 5, ${tricky}, 'mail:1', '{"processed": 3, "total": 10}', null),
           (gen_random_uuid(), 'cron.sweep', '{}', null, 'queued', now(), 0, null, null, null, '"ok"')`);
  await db.execute(sql`
    insert into cron_schedules (name, last_scheduled_at, updated_at)
    values ('nightly', '2026-08-08 00:00:00.000001+00', now())`);
  await db.execute(sql`
    insert into outbox_messages (workspace_id, id, to_address, subject, text_body, html_body, kind, status, attempts, created_by)
    values (${W1}, gen_random_uuid(), 'ada@example.com', ${tricky}, ${`${tricky}\r\n\r\nbye`}, '<p>hé</p>', 'invitation', 'pending', 0, ${M1})`);
  await db.execute(sql`
    insert into idempotency_keys (workspace_id, member_id, key, method, path, request_hash, status_code, response_body, response_headers, created_at)
    values (${W1}, ${M1}, 'key-1', 'POST', '/api/v1/tokens', 'rh', 201, ${JSON.stringify({ token: tricky })},
            '{"content-type": "application/json"}', now()),
           (${W1}, ${M1}, 'key-2', 'POST', '/api/v1/tokens', 'rh2', null, null, null, now())`);
}

let source: Database;
let before: Record<string, string[]>;
let backup: Buffer;

beforeAll(async () => {
  source = await freshPglite();
  await seed(source.db);
  before = await snapshot(source.db);
  backup = await backupToBuffer(source.db);
});
afterAll(async () => {
  await source?.close();
});

describe("backup", () => {
  it("covers every seeded table, parents before children", () => {
    const order = backupTables().map((t) => t.name);
    for (const name of seededTables) expect(before[name]?.length, name).toBeGreaterThan(0);
    expect(order.indexOf("workspaces")).toBeLessThan(order.indexOf("members"));
    expect(order.indexOf("users")).toBeLessThan(order.indexOf("members"));
    expect(order.indexOf("members")).toBeLessThan(order.indexOf("api_tokens"));
    expect(order.indexOf("members")).toBeLessThan(order.indexOf("sessions"));
  });

  it("writes a header with the applied migrations and a trailer with row counts", () => {
    const lines = gunzipSync(backup).toString("utf8").trimEnd().split("\n");
    const header = JSON.parse(lines[0] ?? "{}");
    expect(header).toMatchObject({ format: "rapport-backup", version: 1 });
    expect(header.migrations.length).toBeGreaterThan(0);
    expect(header.migrations[0]).toMatchObject({ hash: expect.any(String), tag: "0000_init" });
    const trailer = JSON.parse(lines.at(-1) ?? "{}");
    expect(trailer.end).toBe(true);
    expect(trailer.rowCounts.audit_events).toBe(3);
  });
});

describe("restore", () => {
  it("restores into an empty PGlite with every row identical", async () => {
    const target = await freshPglite();
    try {
      await restoreFrom(target.db, backup);
      expect(await snapshot(target.db)).toEqual(before);
    } finally {
      await target.close();
    }
  });

  it("restores a PGlite backup into PostgreSQL and back with every row identical", async (ctx) => {
    ctx.skip(
      !testPostgresUrl(),
      "RAPPORT_TEST_DATABASE_URL is unset: skipping the PostgreSQL half of the backup test",
    );
    const postgres = await openTestDatabase();
    const back = await openDatabase({ kind: "pglite", fsync: false });
    try {
      expect(postgres.kind).toBe("postgres");
      await restoreFrom(postgres.db, backup);
      expect(await snapshot(postgres.db)).toEqual(before);

      await migrateDatabase(back);
      await restoreFrom(back.db, await backupToBuffer(postgres.db));
      expect(await snapshot(back.db)).toEqual(before);
    } finally {
      await back.close();
      await postgres.close();
    }
  });

  it("refuses a database that has rows, and changes nothing", async () => {
    await expect(restoreFrom(source.db, backup)).rejects.toThrow(/not empty/);
    expect(await snapshot(source.db)).toEqual(before);
  });

  it("restores nothing from a truncated or foreign file", async () => {
    const target = await freshPglite();
    try {
      const text = gunzipSync(backup).toString("utf8").trimEnd().split("\n");
      const truncated = gzipSync(text.slice(0, -1).join("\n"));
      await expect(restoreFrom(target.db, truncated)).rejects.toThrow(/incomplete/);
      await expect(restoreFrom(target.db, gzipSync('{"hello":1}\n'))).rejects.toThrow(BackupError);
      await expect(restoreFrom(target.db, Buffer.from("not gzip"))).rejects.toThrow(/damaged/);
      const empty = await snapshot(target.db);
      for (const rows of Object.values(empty)) expect(rows).toEqual([]);
      // And the same database still takes the whole backup afterwards.
      await restoreFrom(target.db, backup);
      expect(await snapshot(target.db)).toEqual(before);
    } finally {
      await target.close();
    }
  });

  it("refuses a backup taken at other migrations", async () => {
    const target = await freshPglite();
    try {
      const lines = gunzipSync(backup).toString("utf8").split("\n");
      const header = JSON.parse(lines[0] ?? "{}");
      header.migrations.push({ hash: "f".repeat(64), createdAt: 1 });
      lines[0] = JSON.stringify(header);
      await expect(restoreFrom(target.db, gzipSync(lines.join("\n")))).rejects.toThrow(/migration/);
    } finally {
      await target.close();
    }
  });
});

const seededTables = [
  "workspaces",
  "users",
  "members",
  "sessions",
  "api_tokens",
  "invitations",
  "audit_events",
  "jobs",
  "cron_schedules",
  "outbox_messages",
  "idempotency_keys",
];
