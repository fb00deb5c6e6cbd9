/**
 * The alarms scan at scale on embedded PGlite (file-backed): a generated firm (generateFirm,
 * profile `firm` by default: touches, some inbound, tone scores, survey answers, about one
 * account in eight drifting), its alarm tasks taken away, then a full scan (raises them
 * again), a second one (nothing changed), one account's scan (what an event costs), and
 * EXPLAIN ANALYZE of each evidence query.
 * Run: npx tsx bench/alarms-scan.ts [tiny|firm|large]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { scanAlarms } from "../src/domains/alarms";
import {
  answerPointsQuery,
  lastHeardQuery,
  segmentAnswersQuery,
  tonePointsQuery,
} from "../src/domains/alarms/alarms.evidence";
import { cadenceStatesQuery } from "../src/domains/cadence/cadence.states";
import { type DemoProfile, demoProfiles, generateFirm } from "../src/domains/demo";
import { openDatabase } from "../src/platform/db/client";
import { migrateDatabase } from "../src/platform/db/migrate";
import { tasks } from "../src/platform/db/schema";
import type { Ctx } from "../src/platform/http/context";

const profile = (process.argv[2] ?? "firm") as DemoProfile;
if (!demoProfiles.includes(profile)) throw new Error(`profile: one of ${demoProfiles.join(", ")}`);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-bench-alarms-"));
const database = await openDatabase({ kind: "pglite", dataDir });
await migrateDatabase(database);
const now = () => new Date("2026-03-01T09:00:00Z");
const seeding = performance.now();
const firm = await generateFirm(database.db, { profile, now: now() });
console.log(
  `generated ${profile}: ${JSON.stringify(firm.counts)} in ${Math.round(performance.now() - seeding)} ms`,
);
const ctx: Ctx = {
  db: database.db,
  now,
  workspaceId: firm.workspaceId,
  actor: { memberId: null, role: "system", via: "bench" },
};
// The generator ran the scan already: without its alarm tasks the first scan raises them all.
await database.db
  .delete(tasks)
  .where(
    and(
      eq(tasks.workspaceId, firm.workspaceId),
      inArray(tasks.source, ["trend", "tone", "silence"]),
    ),
  );
await database.db.execute(sql`analyze`);
const oneAccount = firm.sample.atRiskAccountIds[0] ?? (firm.sample.accountIds[0] as string);

async function timed<T>(label: string, fn: () => Promise<T>) {
  const started = performance.now();
  const result = await fn();
  const ms = Math.round(performance.now() - started);
  console.log(`${label}: ${ms} ms`, result ?? "");
  return ms;
}

const results: Record<string, number | string> = { profile, accounts: firm.counts.accounts };
results.fullFirstMs = await timed("full scan, first (raises the alarms)", () =>
  database.db.transaction((tx) => scanAlarms({ ...ctx, db: tx })),
);
results.fullAgainMs = await timed("full scan, unchanged", () =>
  database.db.transaction((tx) => scanAlarms({ ...ctx, db: tx })),
);
results.oneAccountMs = await timed("one account and its segment (an event)", () =>
  database.db.transaction((tx) => scanAlarms({ ...ctx, db: tx }, { accountId: oneAccount })),
);

async function explain(label: string, query: ReturnType<typeof sql>) {
  const result = (await database.db.execute(
    sql`explain (analyze, buffers, costs off) ${query}`,
  )) as unknown as { rows: { "QUERY PLAN": string }[] };
  console.log(`\n-- ${label}\n${result.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
}
await explain("answers: latest 12 per account (workspace)", answerPointsQuery(ctx, 12));
await explain("answers: one account", answerPointsQuery(ctx, 12, oneAccount));
await explain("tone: latest 10 scored touches per account", tonePointsQuery(ctx, 10));
await explain("last heard from (workspace)", lastHeardQuery(ctx));
await explain("segments: latest 24 answers per shared segment", segmentAnswersQuery(ctx, 24));
await explain(
  "cadence states (silence allowance), workspace",
  cadenceStatesQuery(ctx, { asOf: now(), today: "2026-03-01", timeZone: "UTC" }),
);

fs.mkdirSync(path.join(import.meta.dirname, "results"), { recursive: true });
fs.writeFileSync(
  path.join(import.meta.dirname, "results", "alarms-scan.json"),
  `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`,
);
await database.close();
fs.rmSync(dataDir, { recursive: true, force: true });
