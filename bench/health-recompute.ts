/**
 * Health at scale on embedded PGlite (file-backed, as `npm start` runs it): a workspace of
 * N accounts with touches, contacts, answers, tone scores and alarm tasks; then a full
 * recompute (first run writes every snapshot), a second one (nothing changed), one account's
 * recompute (what an event costs), the portfolio's first page, and EXPLAIN ANALYZE of the
 * portfolio page and of the gather's account query.
 * Run: npx tsx bench/health-recompute.ts [accounts]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { recomputeHealth } from "../src/domains/health";
import { baseInputsQuery } from "../src/domains/health/health.gather";
import { listPortfolio, portfolioQuery } from "../src/domains/health/health.portfolio";
import { createWorkspaceWithOwner } from "../src/platform/auth/members.queries";
import { openDatabase } from "../src/platform/db/client";
import { newId } from "../src/platform/db/columns";
import { migrateDatabase } from "../src/platform/db/migrate";
import {
  accounts,
  contactAffiliations,
  contacts,
  interactions,
  surveyAnswers,
  surveyRequests,
  tasks,
  toneScores,
} from "../src/platform/db/schema";
import type { Ctx } from "../src/platform/http/context";

const count = Number(process.argv[2] ?? 3_000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-bench-health-"));
const database = await openDatabase({ kind: "pglite", dataDir });
await migrateDatabase(database);
const now = () => new Date("2026-03-01T09:00:00Z");
const { workspace, member } = await createWorkspaceWithOwner(
  database.db,
  { workspaceName: "Bench", email: "bench@example.com", name: "Bench", password: "x".repeat(12) },
  now(),
);
const ctx: Ctx = {
  db: database.db,
  now,
  workspaceId: workspace.id,
  actor: { memberId: null, role: "system", via: "bench" },
};
const ws = workspace.id;
const DAY = 86_400_000;
const ago = (days: number) => new Date(now().getTime() - days * DAY);
const tiers = ["key", "growth", "standard"];

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
}

// Seed: per account 6 touches, 3 contacts (one ended), 4 answers, 6 tone scores, 1 alarm in 5.
const accountRows = Array.from({ length: count }, (_, i) => ({
  workspaceId: ws,
  id: newId(),
  name: `Client ${i}`,
  status: "active" as const,
  tier: tiers[i % 3] ?? null,
  segment: i % 2 ? "Banking" : "Retail",
  ownerId: member.id,
  createdAt: ago(400),
  updatedAt: ago(400),
}));
await insertChunks(accountRows, (c) => database.db.insert(accounts).values(c));
const ids = accountRows.map((a) => a.id);
await insertChunks(
  ids.flatMap((accountId, i) =>
    Array.from({ length: 6 }, (_, k) => ({
      workspaceId: ws,
      accountId,
      kind: "call" as const,
      state: "completed" as const,
      occurredAt: ago(((i * 7 + k * 13) % 120) + 1),
      createdById: member.id,
    })),
  ),
  (c) => database.db.insert(interactions).values(c),
);
const contactRows = ids.flatMap((accountId, i) =>
  Array.from({ length: 3 }, (_, k) => ({
    workspaceId: ws,
    id: newId(),
    firstName: `Person ${i}-${k}`,
    level: (["executive", "management", "operational"] as const)[k],
    accountId,
  })),
);
await insertChunks(contactRows, (c) =>
  database.db.insert(contacts).values(c.map(({ accountId: _, ...row }) => row)),
);
await insertChunks(contactRows, (c) =>
  database.db.insert(contactAffiliations).values(
    c.map((row, k) => ({
      workspaceId: ws,
      contactId: row.id,
      accountId: row.accountId,
      role: k % 3 === 0 ? ("decision_maker" as const) : null,
      endedOn: k % 3 === 2 ? "2026-01-01" : null,
    })),
  ),
);
const requestRows = contactRows
  .filter((_, k) => k % 3 === 0)
  .flatMap((row, i) =>
    Array.from({ length: 4 }, (_, k) => ({
      workspaceId: ws,
      id: newId(),
      kind: "nps" as const,
      contactId: row.id,
      accountId: row.accountId,
      tokenHash: `${row.id}-${k}`,
      expiresAt: now(),
      answeredAt: ago(20 + k * 30),
      score: (i + k) % 11,
    })),
  );
await insertChunks(requestRows, (c) =>
  database.db.insert(surveyRequests).values(c.map(({ score: _, ...row }) => row)),
);
await insertChunks(requestRows, (c) =>
  database.db.insert(surveyAnswers).values(
    c.map((r) => ({
      workspaceId: ws,
      requestId: r.id,
      kind: r.kind,
      contactId: r.contactId,
      accountId: r.accountId,
      score: r.score,
      answeredAt: r.answeredAt,
      editableUntil: r.answeredAt,
    })),
  ),
);
await insertChunks(
  ids.flatMap((accountId, i) =>
    Array.from({ length: 6 }, (_, k) => {
      const score = (((i + k) % 9) - 4) / 10;
      return {
        workspaceId: ws,
        subjectType: "interaction" as const,
        subjectId: newId(),
        accountId,
        textHash: "bench",
        language: "en",
        score,
        label: score <= -0.1 ? "negative" : score >= 0.1 ? "positive" : ("neutral" as const),
        scorer: "bench",
        subjectAt: ago(k * 15 + 1),
      } as typeof toneScores.$inferInsert;
    }),
  ),
  (c) => database.db.insert(toneScores).values(c),
);
await insertChunks(
  ids
    .filter((_, i) => i % 5 === 0)
    .map((accountId) => ({
      workspaceId: ws,
      accountId,
      title: "No reply in 30 days",
      assigneeId: member.id,
      source: "silence" as const,
      sourceRef: `silence:${accountId}`,
    })),
  (c) => database.db.insert(tasks).values(c),
);
await database.db.execute(sql`analyze`);

async function timed<T>(label: string, fn: () => Promise<T>) {
  const started = performance.now();
  const result = await fn();
  const ms = Math.round(performance.now() - started);
  console.log(`${label}: ${ms} ms`, result ?? "");
  return ms;
}

const results: Record<string, number> = { accounts: count };
results.fullFirstMs = await timed("full recompute, first (writes every snapshot)", () =>
  database.db.transaction((tx) => recomputeHealth({ ...ctx, db: tx })),
);
results.fullAgainMs = await timed("full recompute, unchanged", () =>
  database.db.transaction((tx) => recomputeHealth({ ...ctx, db: tx })),
);
results.oneAccountMs = await timed("one account (an event)", () =>
  database.db.transaction((tx) => recomputeHealth({ ...ctx, db: tx }, { accountId: ids[42] })),
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
await explain("gather: one account", baseInputsQuery(ctx, { accountId: ids[42] }, now()));

fs.mkdirSync(path.join(import.meta.dirname, "results"), { recursive: true });
fs.writeFileSync(
  path.join(import.meta.dirname, "results", "health-recompute.json"),
  `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`,
);
await database.close();
fs.rmSync(dataDir, { recursive: true, force: true });
