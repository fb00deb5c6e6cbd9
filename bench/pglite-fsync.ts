/**
 * What the disk flusher (db/disk-flusher.ts) costs the embedded database: small write
 * transactions (the shape of an API create: one row plus its audit event) per second, with
 * flushing on and off, each on a fresh data dir. Run: npx tsx bench/pglite-fsync.ts [transactions]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "../src/platform/db/client";

const transactions = Number(process.argv[2] ?? 500);

async function measure(fsync: boolean) {
  const dataDir = fs.mkdtempSync(
    path.join(os.tmpdir(), `rapport-bench-fsync-${fsync ? "on" : "off"}-`),
  );
  const database = await openDatabase({ kind: "pglite", dataDir, fsync });
  await database.db.execute(
    sql`create table touch (id serial primary key, body text, at timestamptz default now())`,
  );
  await database.db.execute(
    sql`create table audit (id serial primary key, what text, at timestamptz default now())`,
  );
  const started = performance.now();
  for (let i = 0; i < transactions; i++) {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into touch (body) values (${`call ${i}`})`);
      await tx.execute(sql`insert into audit (what) values ('touch.created')`);
    });
  }
  const seconds = (performance.now() - started) / 1000;
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return {
    fsync,
    transactions,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Math.round(transactions / seconds),
    msEach: Number(((seconds * 1000) / transactions).toFixed(2)),
  };
}

const off = await measure(false);
const on = await measure(true);
const result = {
  date: new Date().toISOString(),
  cpus: os.cpus().length,
  off,
  on,
  slowdown: Number((on.seconds / off.seconds).toFixed(2)),
};
fs.mkdirSync(path.join(import.meta.dirname, "results"), { recursive: true });
fs.writeFileSync(
  path.join(import.meta.dirname, "results", "pglite-fsync.json"),
  `${JSON.stringify(result, null, 2)}\n`,
);
console.log(JSON.stringify(result, null, 2));
