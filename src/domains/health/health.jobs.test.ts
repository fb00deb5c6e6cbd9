import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "../../platform/jobs";
import { expectJson } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { buildInteraction } from "../interactions";
import { tasks } from "../tasks";
import { healthRecomputeJobName } from "./health.inputs";
import { recomputeHealth } from "./health.queries";
import { accountHealth, healthSnapshots } from "./health.schema";
import { healthHelpers } from "./health.testing";

let t: TestApp;
let h: ReturnType<typeof healthHelpers>;

beforeAll(async () => {
  t = await createTestApp();
  h = healthHelpers(t);
});
afterAll(async () => {
  await t.close();
});

const at = (iso: string) => t.clock.set(iso);
const snapshotsOf = (accountId: string) =>
  t.db.select().from(healthSnapshots).where(eq(healthSnapshots.accountId, accountId));

/*
 * A new standard account (a touch every 60 days) with no contacts: cadence 100, recency 100,
 * multi-threading 100 − 40 (single-threaded) − 25 (no decision maker) − 15 (no sponsor) = 20,
 * alarms 100; no answers or tone, so those weights go to the others:
 * (100×20 + 100×15 + 20×15 + 100×10) / 60 = 80.
 */
describe("recomputing health", () => {
  it("computes on first read, stores the score with its inputs and a first snapshot", async () => {
    at("2026-01-15T09:00:00Z");
    const ws = await t.createWorkspace("First read");
    const account = await h.newAccount(ws.owner);
    const health = await h.health(ws.owner, account.id);
    expect(health).toMatchObject({
      accountId: account.id,
      score: 80,
      band: "healthy",
      trend: "flat",
      change7d: null,
      computedAt: "2026-01-15T09:00:00.000Z",
      history: [{ at: "2026-01-15T09:00:00.000Z", score: 80 }],
    });
    expect(health.components.map((c) => [c.key, c.score, c.weight])).toEqual([
      ["cadence", 100, 33],
      ["recency", 100, 25],
      ["satisfaction", null, 0],
      ["satisfaction_trend", null, 0],
      ["tone_trend", null, 0],
      ["multi_threading", 20, 25],
      ["alarms", 100, 17],
    ]);
    expect(health.topConcern).toMatch(
      /^Single-threaded, no executive sponsor, no decision maker\./,
    );
    const [row] = await t.db
      .select()
      .from(accountHealth)
      .where(eq(accountHealth.accountId, account.id));
    expect(row?.inputs).toMatchObject({
      asOf: "2026-01-15T09:00:00.000Z",
      cadence: [{ kind: "any", everyDays: 60, daysOverdue: 0 }],
      weights: { cadence: 20, recency: 15 },
      trendBase: null,
    });
  });

  it("recomputes within a job run of a logged touch (POST /interactions enqueues health.recompute)", async () => {
    at("2026-01-15T09:00:00Z");
    const ws = await t.createWorkspace("Touch");
    const account = await h.newAccount(ws.owner);
    await h.health(ws.owner, account.id); // 80 on Jan 15
    at("2026-04-01T09:00:00Z");
    await h.enqueueRecompute(ws); // the nightly run: 76 days without a touch
    await h.runJobs();
    const quiet = await h.health(ws.owner, account.id);
    // Due Mar 16, 16 days overdue: 50 × (1 − 16/60) = 36.7 → 37; recency 100 × (1 − 16/60) = 73.
    // (37×20 + 73×15 + 20×15 + 100×10) / 60 = 52.25 → 52, 28 below the snapshot of Jan 15.
    expect(quiet).toMatchObject({ score: 52, band: "watch", trend: "down", change7d: -28 });
    expect(quiet.components.find((c) => c.key === "recency")?.reason).toBe(
      "No meaningful touch in the 76 days since the account was added; expected at least every 60 days, 16 days late",
    );

    t.clock.advance(60_000);
    await expectJson(
      await ws.owner.client.api.v1.interactions.$post({
        json: buildInteraction({ accountId: account.id, kind: "call" }, t.clock()),
      }),
      201,
    );
    const queued = await t.db
      .select({ payload: jobs.payload, status: jobs.status })
      .from(jobs)
      .where(and(eq(jobs.name, healthRecomputeJobName), eq(jobs.workspaceId, ws.workspace.id)));
    expect(queued).toContainEqual({ payload: { accountId: account.id }, status: "queued" });
    await h.runJobs();
    const touched = await h.health(ws.owner, account.id);
    expect(touched).toMatchObject({
      score: 80,
      band: "healthy",
      computedAt: t.clock().toISOString(),
    });
    expect(touched.components.find((c) => c.key === "recency")?.reason).toBe(
      "Last meaningful touch 0 days ago; expected at least every 60 days",
    );
    expect(touched.history.map((p) => p.score)).toEqual([80, 52, 80]);
  });

  it("recomputes when a member closes an alarm task", async () => {
    at("2026-01-15T09:00:00Z");
    const ws = await t.createWorkspace("Alarm closed");
    const account = await h.newAccount(ws.owner);
    await h.raiseAlarms(ws, account.id, 1);
    expect((await h.health(ws.owner, account.id)).score).toBe(73);
    const [task] = await t.db.select().from(tasks).where(eq(tasks.accountId, account.id));
    await expectJson(
      await ws.owner.client.api.v1.tasks[":taskId"].dismiss.$post({
        param: { taskId: task?.id ?? "" },
        json: { reason: "They replied by phone" },
        header: {},
      }),
      200,
    );
    await h.runJobs();
    expect((await h.health(ws.owner, account.id)).score).toBe(80);
  });

  it("snapshots when the score changes and at least daily, not on every recompute", async () => {
    at("2026-02-01T09:00:00Z");
    const ws = await t.createWorkspace("Snapshots");
    const account = await h.newAccount(ws.owner);
    const recompute = () =>
      t.db.transaction((tx) =>
        recomputeHealth({ ...h.systemCtx(ws), db: tx }, { accountId: account.id }),
      );
    expect(await recompute()).toEqual({ accounts: 1, snapshots: 1 });
    t.clock.advance(3_600_000);
    expect(await recompute()).toEqual({ accounts: 1, snapshots: 0 }); // same score, an hour on
    at("2026-02-02T09:00:00Z");
    expect(await recompute()).toEqual({ accounts: 1, snapshots: 1 }); // same score, a day on
    await h.raiseAlarms(ws, account.id, 1);
    expect(await recompute()).toEqual({ accounts: 1, snapshots: 1 }); // alarms 60: 73
    const scores = (await snapshotsOf(account.id)).map((s) => s.score).sort();
    expect(scores).toEqual([73, 80, 80]);
  });

  it("turns the arrow up or down against the snapshot at least 7 days old, by 5 points or more", async () => {
    at("2026-03-01T09:00:00Z");
    const ws = await t.createWorkspace("Trend");
    const account = await h.newAccount(ws.owner);
    await h.raiseAlarms(ws, account.id, 3); // alarms 80 − 60 = 20: (2000 + 1500 + 300 + 200) / 60 = 67
    await h.enqueueRecompute(ws, { accountId: account.id });
    await h.runJobs();
    expect(await h.health(ws.owner, account.id)).toMatchObject({ score: 67, trend: "flat" });

    at("2026-03-09T09:00:00Z");
    await h.closeAlarms(ws, account.id);
    await h.enqueueRecompute(ws, { accountId: account.id });
    await h.runJobs();
    expect(await h.health(ws.owner, account.id)).toMatchObject({
      score: 80,
      trend: "up",
      change7d: 13,
    });

    at("2026-03-12T09:00:00Z"); // the base is still Mar 1's 67: 70 is within 5 of it
    await h.raiseAlarms(ws, account.id, 2); // alarms 40: (2000 + 1500 + 300 + 400) / 60 = 70
    await h.enqueueRecompute(ws, { accountId: account.id });
    await h.runJobs();
    expect(await h.health(ws.owner, account.id)).toMatchObject({
      score: 70,
      trend: "flat",
      change7d: 3,
    });

    at("2026-03-17T09:00:00Z"); // base now Mar 9's 80
    await h.enqueueRecompute(ws, { accountId: account.id });
    await h.runJobs();
    expect(await h.health(ws.owner, account.id)).toMatchObject({
      score: 70,
      trend: "down",
      change7d: -10,
    });
  });

  it("is deterministic: recomputing at the same instant gives the same score, components and inputs", async () => {
    at("2026-03-01T09:00:00Z");
    const ws = await t.createWorkspace("Determinism");
    const account = await h.newAccount(ws.owner);
    await h.answer(ws, account.id, "nps", 9, "2026-02-01T09:00:00Z");
    await h.raiseAlarms(ws, account.id, 1);
    const read = async () => {
      await t.db.transaction((tx) =>
        recomputeHealth({ ...h.systemCtx(ws), db: tx }, { accountId: account.id }),
      );
      const [row] = await t.db
        .select()
        .from(accountHealth)
        .where(eq(accountHealth.accountId, account.id));
      return { score: row?.score, components: row?.components, inputs: row?.inputs };
    };
    const first = await read();
    expect(await read()).toEqual(first);
  });

  it("reads satisfaction from answers and the tone trend from corrected labels", async () => {
    at("2026-03-01T09:00:00Z");
    const ws = await t.createWorkspace("Listening");
    const account = await h.newAccount(ws.owner);
    for (const [score, day] of [
      [9, "01"],
      [9, "05"],
      [4, "10"],
      [3, "15"],
    ] as const) {
      await h.answer(ws, account.id, "nps", score, `2026-02-${day}T09:00:00Z`);
    }
    // Four touches that read as negative, one corrected to neutral by a member.
    await h.tone(ws, account.id, 0.4, "2026-02-01T09:00:00Z");
    await h.tone(ws, account.id, 0.3, "2026-02-08T09:00:00Z");
    await h.tone(ws, account.id, -0.5, "2026-02-15T09:00:00Z", "neutral");
    await h.tone(ws, account.id, 0.35, "2026-02-22T09:00:00Z");
    const health = await h.health(ws.owner, account.id);
    const byKey = Object.fromEntries(health.components.map((c) => [c.key, c]));
    // (90 + 90 + 40 + 30) / 4 = 62.5 → 63
    expect(byKey.satisfaction).toMatchObject({ score: 63 });
    expect(byKey.satisfaction_trend).toMatchObject({ score: 10 });
    expect(byKey.satisfaction_trend?.reason).toMatch(/^falling \(alarm\): Satisfaction has fallen/);
    // With the correction the third touch counts as 0, not −0.5: the tone holds steady.
    expect(byKey.tone_trend).toMatchObject({ score: 80 });
    expect(byKey.tone_trend?.reason).toMatch(/^steady: Tone is steady/);
  });
});
