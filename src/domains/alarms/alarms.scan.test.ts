import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectJson } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { CLEARED, scanAlarms } from "./alarms.scan";
import { alarmHelpers, DAY } from "./alarms.testing";

let t: TestApp;
let h: ReturnType<typeof alarmHelpers>;

beforeAll(async () => {
  t = await createTestApp();
  h = alarmHelpers(t);
});
afterAll(async () => {
  await t.close();
});

const at = (iso: string) => t.clock.set(iso);
const week = (n: number) => new Date(Date.UTC(2026, 0, 5) + n * 7 * DAY);

describe("the satisfaction trend alarm", () => {
  it("ignores one bad answer, raises one task for the lead on a real decline, and closes it on recovery", async () => {
    at("2026-01-05T09:00:00Z");
    const ws = await t.createWorkspace("Trend");
    const lead = await ws.addMember("member");
    const account = await h.newAccount(ws.owner, { name: "Acme Legal" });
    await expectJson(
      await ws.owner.client.api.v1.accounts[":id"].team[":memberId"].$put({
        param: { id: account.id, memberId: lead.memberId },
        json: { role: "lead" },
      }),
      200,
    );
    for (const [n, score] of [9, 9, 8, 9].entries()) {
      await h.inboundTouch(ws, account.id, week(n)); // heard from: no silence alarm
      await h.answer(ws, account.id, "nps", score, week(n));
    }
    await h.answer(ws, account.id, "nps", 3, week(4));
    at(week(4).toISOString());
    await h.enqueueScan(ws, { accountId: account.id });
    await h.runJobs();
    expect(await h.alarmTasks(ws.owner, { accountId: account.id, source: "trend" })).toEqual([]);

    await h.answer(ws, account.id, "nps", 4, week(5));
    at(week(5).toISOString());
    await h.enqueueScan(ws, { accountId: account.id });
    await h.enqueueScan(ws);
    await h.runJobs();
    const ctx = h.systemCtx(ws.workspace.id);
    await Promise.all([
      t.db.transaction((tx) => scanAlarms({ ...ctx, db: tx })),
      t.db.transaction((tx) => scanAlarms({ ...ctx, db: tx }, { accountId: account.id })),
    ]);
    const raised = await h.alarmTasks(ws.owner, { accountId: account.id, source: "trend" });
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      title: "Acme Legal: satisfaction is falling",
      assigneeId: lead.memberId,
      sourceRef: `trend:${account.id}`,
      status: "open",
      priority: "high",
      createdById: null,
    });
    expect(raised[0]?.detail).toMatch(
      /^Satisfaction has fallen over the last 2 answers: from 9\.0 to 3\.5 out of 10\./,
    );

    await h.answer(ws, account.id, "nps", 9, week(6));
    await h.answer(ws, account.id, "nps", 10, week(7));
    at(week(7).toISOString());
    await h.enqueueScan(ws, { accountId: account.id });
    await h.runJobs();
    const [closed] = await h.alarmTasks(ws.owner, { accountId: account.id, source: "trend" });
    expect(closed).toMatchObject({ id: raised[0]?.id, status: "done", closeReason: CLEARED.trend });
  });

  it("raises one task for a segment's decline, for the firm's manager", async () => {
    at("2026-01-05T09:00:00Z");
    const ws = await t.createWorkspace("Segments");
    const manager = await ws.addMember("manager");
    const a = await h.newAccount(ws.owner, { segment: "Dental" });
    const b = await h.newAccount(ws.owner, { segment: "Dental" });
    // Each account has too few answers to alarm alone; together the segment falls.
    for (const [n, [account, score]] of (
      [
        [a, 9],
        [b, 9],
        [a, 9],
        [b, 8],
        [a, 4],
        [b, 3],
      ] as const
    ).entries()) {
      await h.answer(ws, account.id, "nps", score, week(n));
    }
    at(week(5).toISOString());
    const ctx = h.systemCtx(ws.workspace.id);
    await t.db.transaction((tx) => scanAlarms({ ...ctx, db: tx }));
    await t.db.transaction((tx) => scanAlarms({ ...ctx, db: tx }, { accountId: a.id }));
    const all = await h.alarmTasks(ws.owner, { source: "trend" });
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      title: "Segment Dental: satisfaction is falling",
      accountId: null,
      assigneeId: manager.memberId,
      sourceRef: "trend:segment:Dental",
    });
  });

  it("does not raise again what a member dismissed until a new answer arrives", async () => {
    at("2026-01-05T09:00:00Z");
    const ws = await t.createWorkspace("Dismissed");
    const account = await h.newAccount(ws.owner);
    for (const [n, score] of [9, 9, 9, 3, 3].entries()) {
      await h.answer(ws, account.id, "nps", score, week(n));
    }
    at(week(4).toISOString());
    const ctx = h.systemCtx(ws.workspace.id);
    await t.db.transaction((tx) => scanAlarms({ ...ctx, db: tx }));
    const [task] = await h.alarmTasks(ws.owner, { accountId: account.id, source: "trend" });
    await expectJson(
      await ws.owner.client.api.v1.tasks[":taskId"].dismiss.$post({
        param: { taskId: task?.id ?? "" },
        header: {},
        json: { reason: "Known: their CFO left, we are on it" },
      }),
      200,
    );
    t.clock.advance(DAY);
    await t.db.transaction((tx) => scanAlarms({ ...ctx, db: tx }));
    expect(await h.alarmTasks(ws.owner, { accountId: account.id, status: "open" })).toEqual([]);
    await h.answer(ws, account.id, "nps", 2, t.clock());
    t.clock.advance(1000);
    await t.db.transaction((tx) => scanAlarms({ ...ctx, db: tx }));
    expect(await h.alarmTasks(ws.owner, { accountId: account.id, status: "open" })).toHaveLength(1);
  });
});

describe("the tone alarm", () => {
  it("raises one task when the tone of the last touches turns negative, and clears when a correction says otherwise", async () => {
    at("2026-01-05T09:00:00Z");
    const ws = await t.createWorkspace("Tone");
    const account = await h.newAccount(ws.owner, { name: "Beta Dental" });
    await h.inboundTouch(ws, account.id, week(0));
    for (const [n, score] of [0.3, 0.25, 0.4, -0.9, 0.3].entries()) {
      await h.scoredTouch(ws, account.id, score, week(n));
    }
    at(week(5).toISOString());
    const ctx = h.systemCtx(ws.workspace.id);
    await t.db.transaction((tx) => scanAlarms({ ...ctx, db: tx }));
    expect(await h.alarmTasks(ws.owner, { source: "tone" })).toEqual([]); // one angry call

    const bad = [];
    for (const [n, score] of [-0.3, -0.4].entries()) {
      bad.push(await h.scoredTouch(ws, account.id, score, week(5 + n)));
    }
    at(week(6).toISOString());
    await t.db.transaction((tx) => scanAlarms({ ...ctx, db: tx }));
    await t.db.transaction((tx) => scanAlarms({ ...ctx, db: tx }, { accountId: account.id }));
    const raised = await h.alarmTasks(ws.owner, { source: "tone" });
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      title: "Beta Dental: the tone is turning negative",
      assigneeId: ws.owner.memberId,
      sourceRef: `tone:${account.id}`,
    });
    expect(raised[0]?.detail).toMatch(
      /^Tone has turned negative over the last 4 touches: from \+0\.30 to −0\.35/,
    );

    for (const touch of bad) {
      await expectJson(
        await ws.owner.client.api.v1.tone[":subjectType"][":subjectId"].$put({
          param: { subjectType: "interaction", subjectId: touch?.id ?? "" },
          header: {},
          json: { label: "neutral", note: "Dry humour, not anger" },
        }),
        200,
      );
    }
    await t.db.transaction((tx) => scanAlarms({ ...ctx, db: tx }, { accountId: account.id }));
    const [closed] = await h.alarmTasks(ws.owner, { source: "tone" });
    expect(closed).toMatchObject({ status: "done", closeReason: CLEARED.tone });
  });
});

describe("the silence alarm", () => {
  it("raises once the daily scan finds no word for longer than the cadence allows, and clears when they write", async () => {
    at("2026-01-15T09:00:00Z");
    await h.runJobs(); // first sight of the daily cron: it counts from now
    const ws = await t.createWorkspace("Silence");
    const standard = await h.newAccount(ws.owner, { name: "Quiet Co" }); // any touch every 60 days
    const untiered = await h.newAccount(ws.owner, { tier: null }); // no rule: 90 days
    const former = await h.newAccount(ws.owner, { status: "former" });
    await h.inboundTouch(ws, standard.id, "2026-01-15T08:00:00Z");
    await h.inboundTouch(ws, former.id, "2026-01-15T08:00:00Z");

    at("2026-03-16T06:00:00Z"); // 60 days: allowed
    await h.runJobs();
    expect(await h.alarmTasks(ws.owner, { source: "silence" })).toEqual([]);

    at("2026-03-17T06:00:00Z"); // 61 days; the 05:20 scan ran while we were "down"
    await h.runJobs();
    await h.runJobs();
    const raised = await h.alarmTasks(ws.owner, { source: "silence" });
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      title: "Quiet Co: no word from the client in 61 days",
      accountId: standard.id,
      sourceRef: `silence:${standard.id}`,
      priority: "medium",
    });
    expect(raised[0]?.detail).toContain("since 2026-01-15 (61 days; the cadence allows 60)");

    at("2026-04-15T06:00:00Z"); // the untiered account: 90 days since it was added
    await h.runJobs();
    expect(await h.alarmTasks(ws.owner, { accountId: untiered.id, source: "silence" })).toEqual([]);
    at("2026-04-16T06:00:00Z");
    await h.runJobs();
    const [quiet] = await h.alarmTasks(ws.owner, { accountId: untiered.id, source: "silence" });
    expect(quiet?.detail).toMatch(/^Never heard from since the account was added on 2026-01-15/);

    await h.answer(ws, standard.id, "csat", 5, "2026-04-16T07:00:00Z");
    at("2026-04-16T08:00:00Z");
    await h.enqueueScan(ws, { accountId: standard.id });
    await h.runJobs();
    const [cleared] = await h.alarmTasks(ws.owner, { accountId: standard.id, source: "silence" });
    expect(cleared).toMatchObject({ status: "done", closeReason: CLEARED.silence });
    expect(await h.alarmTasks(ws.owner, { accountId: former.id })).toEqual([]);
  });

  it("dismisses an account's alarms when it is archived", async () => {
    at("2026-01-15T09:00:00Z");
    const ws = await t.createWorkspace("Archived");
    const account = await h.newAccount(ws.owner, { tier: null });
    at("2026-05-01T09:00:00Z");
    const ctx = h.systemCtx(ws.workspace.id);
    await t.db.transaction((tx) => scanAlarms({ ...ctx, db: tx }));
    expect(await h.alarmTasks(ws.owner, { accountId: account.id, status: "open" })).toHaveLength(1);
    await expectJson(
      await ws.owner.client.api.v1.accounts[":id"].archive.$post({
        param: { id: account.id },
        header: {},
      }),
      200,
    );
    await t.db.transaction((tx) => scanAlarms({ ...ctx, db: tx }, { accountId: account.id }));
    const [task] = await h.alarmTasks(ws.owner, { accountId: account.id });
    expect(task).toMatchObject({
      status: "dismissed",
      closeReason: "the account was archived or is former",
    });
  });
});
