/**
 * The alarms scan at scale on embedded PGlite (file-backed): a workspace of N accounts with
 * touches (some inbound), tone scores, survey answers (one account in ten declining), then
 * a full scan (raises the alarms), a second one (nothing changed), one account's scan (what
 * an event costs), and EXPLAIN ANALYZE of each evidence query.
 * Run: npx tsx bench/alarms-scan.ts [accounts]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { scanAlarms } from "../src/domains/alarms";
import {
  answerPointsQuery,
  lastHeardQuery,
  segmentAnswersQuery,
  tonePointsQuery,
} from "../src/domains/alarms/alarms.evidence";
import { cadenceStatesQuery } from "../src/domains/cadence/cadence.states";
import { createWorkspaceWithOwner } from "../src/platform/auth/members.queries";
import { openDatabase } from "../src/platform/db/client";
import { newId } from "../src/platform/db/columns";
import { migrateDatabase } from "../src/platform/db/migrate";
import {
  accounts,
  contacts,
  interactions,
  surveyAnswers,
  surveyRequests,
  toneScores,
} from "../src/platform/db/schema";
import type { Ctx } from "../src/platform/http/context";

const count = Number(process.argv[2] ?? 3_000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-bench-alarms-"));
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

// Per account: 8 touches (every third inbound) each with a tone score, one contact,
// 6 NPS answers; one account in ten falls from 9 to 3, one in seven turns negative in tone.
const accountRows = Array.from({ length: count }, (_, i) => ({
  workspaceId: ws,
  id: newId(),
  name: `Client ${i}`,
  status: "active" as const,
  tier: tiers[i % 3] ?? null,
  segment: `Segment ${i % 20}`,
  ownerId: member.id,
  createdAt: ago(400),
  updatedAt: ago(400),
}));
await insertChunks(accountRows, (c) => database.db.insert(accounts).values(c));
const ids = accountRows.map((a) => a.id);
const touchRows = ids.flatMap((accountId, i) =>
  Array.from({ length: 8 }, (_, k) => ({
    workspaceId: ws,
    id: newId(),
    accountId,
    kind: "call" as const,
    direction: k % 3 === 0 ? ("inbound" as const) : ("outbound" as const),
    state: "completed" as const,
    occurredAt: ago(((i * 7 + k * 13) % 150) + 1),
    createdById: member.id,
  })),
);
await insertChunks(touchRows, (c) => database.db.insert(interactions).values(c));
await insertChunks(
  touchRows.map((touch, n) => {
    const i = Math.floor(n / 8);
    const score = i % 7 === 0 && touch.occurredAt > ago(60) ? -0.4 : 0.1 + ((n % 5) - 2) / 20;
    return {
      workspaceId: ws,
      subjectType: "interaction" as const,
      subjectId: touch.id,
      accountId: touch.accountId,
      textHash: "bench",
      language: "en",
      score,
      label: score <= -0.1 ? "negative" : score >= 0.1 ? "positive" : ("neutral" as const),
      scorer: "bench",
      subjectAt: touch.occurredAt,
    } as typeof toneScores.$inferInsert;
  }),
  (c) => database.db.insert(toneScores).values(c),
);
const contactRows = ids.map((accountId, i) => ({
  workspaceId: ws,
  id: newId(),
  firstName: `Person ${i}`,
  accountId,
}));
await insertChunks(contactRows, (c) =>
  database.db.insert(contacts).values(c.map(({ accountId: _, ...row }) => row)),
);
const requestRows = contactRows.flatMap((row, i) =>
  Array.from({ length: 6 }, (_, k) => ({
    workspaceId: ws,
    id: newId(),
    kind: "nps" as const,
    contactId: row.id,
    accountId: row.accountId,
    tokenHash: `${row.id}-${k}`,
    expiresAt: now(),
    answeredAt: ago(200 - k * 30),
    score: i % 10 === 0 && k >= 4 ? 3 : 8 + (k % 2),
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
await database.db.execute(sql`analyze`);

async function timed<T>(label: string, fn: () => Promise<T>) {
  const started = performance.now();
  const result = await fn();
  const ms = Math.round(performance.now() - started);
  console.log(`${label}: ${ms} ms`, result ?? "");
  return ms;
}

const results: Record<string, number> = { accounts: count };
results.fullFirstMs = await timed("full scan, first (raises the alarms)", () =>
  database.db.transaction((tx) => scanAlarms({ ...ctx, db: tx })),
);
results.fullAgainMs = await timed("full scan, unchanged", () =>
  database.db.transaction((tx) => scanAlarms({ ...ctx, db: tx })),
);
results.oneAccountMs = await timed("one account and its segment (an event)", () =>
  database.db.transaction((tx) => scanAlarms({ ...ctx, db: tx }, { accountId: ids[42] })),
);

async function explain(label: string, query: ReturnType<typeof sql>) {
  const result = (await database.db.execute(
    sql`explain (analyze, buffers, costs off) ${query}`,
  )) as unknown as { rows: { "QUERY PLAN": string }[] };
  console.log(`\n-- ${label}\n${result.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
}
await explain("answers: latest 12 per account (workspace)", answerPointsQuery(ctx, 12));
await explain("answers: one account", answerPointsQuery(ctx, 12, ids[42]));
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
