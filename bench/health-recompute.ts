/**
 * Health at scale on embedded PGlite (file-backed, as `npm start` runs it): a generated firm
 * (generateFirm, profile `firm` by default: 500 accounts, 50,000 touches, 5,000 answers, tone
 * scores and alarm tasks), then a full recompute a day later (every account is due its daily
 * snapshot, so it writes them all), a second one (nothing changed), one account's recompute
 * (what an event costs), the portfolio's first page, and EXPLAIN ANALYZE of the portfolio
 * page and of the gather's account query.
 * Run: npx tsx bench/health-recompute.ts [tiny|firm|large]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type DemoProfile, demoProfiles, generateFirm } from "../src/domains/demo";
import { recomputeHealth } from "../src/domains/health";
import { baseInputsQuery } from "../src/domains/health/health.gather";
import { listPortfolio, portfolioQuery } from "../src/domains/health/health.portfolio";
import { openDatabase } from "../src/platform/db/client";
import { migrateDatabase } from "../src/platform/db/migrate";
import type { Ctx } from "../src/platform/http/context";

const profile = (process.argv[2] ?? "firm") as DemoProfile;
if (!demoProfiles.includes(profile)) throw new Error(`profile: one of ${demoProfiles.join(", ")}`);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-bench-health-"));
const database = await openDatabase({ kind: "pglite", dataDir });
await migrateDatabase(database);
const generatedAt = new Date("2026-03-01T09:00:00Z");
const seeding = performance.now();
const firm = await generateFirm(database.db, { profile, now: generatedAt });
console.log(
  `generated ${profile}: ${JSON.stringify(firm.counts)} in ${Math.round(performance.now() - seeding)} ms`,
);
// A day after the generator's last recompute: every account is due a snapshot again.
const now = () => new Date(generatedAt.getTime() + 86_400_000);
const ctx: Ctx = {
  db: database.db,
  now,
  workspaceId: firm.workspaceId,
  actor: { memberId: null, role: "system", via: "bench" },
};
const oneAccount = firm.sample.atRiskAccountIds[0] ?? (firm.sample.accountIds[0] as string);

async function timed<T>(label: string, fn: () => Promise<T>) {
  const started = performance.now();
  const result = await fn();
  const ms = Math.round(performance.now() - started);
  console.log(`${label}: ${ms} ms`, result ?? "");
  return ms;
}

const results: Record<string, number | string> = { profile, accounts: firm.counts.accounts };
results.fullFirstMs = await timed("full recompute, first (writes every snapshot)", () =>
  database.db.transaction((tx) => recomputeHealth({ ...ctx, db: tx })),
);
results.fullAgainMs = await timed("full recompute, unchanged", () =>
  database.db.transaction((tx) => recomputeHealth({ ...ctx, db: tx })),
);
results.oneAccountMs = await timed("one account (an event)", () =>
  database.db.transaction((tx) => recomputeHealth({ ...ctx, db: tx }, { accountId: oneAccount })),
);
results.portfolioPageMs = await timed("portfolio, first page of 50", async () => {
  const page = await listPortfolio(ctx, { limit: 50 });
  return `${page.data.length} rows, lowest ${page.data[0]?.score}`;
});

async function explain(label: string, query: ReturnType<typeof sql>) {
  const result = (await database.db.execute(
    sql`explain (analyze, buffers, costs off) ${query}`,
  )) as unknown as { rows: { "QUERY PLAN": string }[] };
  console.log(`\n-- ${label}\n${result.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
}
await explain("portfolio, first page", portfolioQuery(ctx, { limit: 50 }));
await explain(
  "portfolio, band=watch tier=key",
  portfolioQuery(ctx, { limit: 50, band: "watch", tier: "key" }),
);
await explain(
  "gather: accounts with last touch and snapshots (workspace)",
  baseInputsQuery(ctx, {}, now()),
);
await explain("gather: one account", baseInputsQuery(ctx, { accountId: oneAccount }, now()));

fs.mkdirSync(path.join(import.meta.dirname, "results"), { recursive: true });
fs.writeFileSync(
  path.join(import.meta.dirname, "results", "health-recompute.json"),
  `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`,
);
await database.close();
fs.rmSync(dataDir, { recursive: true, force: true });
