import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "../../platform/jobs";
import { expectJson } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { tasks } from "../tasks";
import { cadenceSyncJobName } from "./cadence.inputs";
import { syncCadenceTasks, TOUCH_LOGGED } from "./cadence.jobs";
import { cadenceHelpers } from "./cadence.testing";

let t: TestApp;
let h: ReturnType<typeof cadenceHelpers>;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  h = cadenceHelpers(t);
});
afterAll(async () => {
  await t.close();
});

const at = (iso: string) => t.clock.set(iso);

describe("an account's state under a rule", () => {
  it("goes from ok to due soon (the last round(N/5) days) to overdue, counted from the last touch's day", async () => {
    at("2026-01-15T09:00:00Z");
    const ws = await t.createWorkspace("States");
    const account = await h.newAccount(ws.owner); // standard: any touch every 60 days
    await h.touch(ws, account.id, "2026-01-15T08:00:00Z", "call");
    await h.touch(ws, account.id, "2026-01-14T08:00:00Z", "note"); // not meaningful
    const check = async (now: string) => {
      at(now);
      const [state] = await h.status(ws.owner, account.id);
      return state;
    };
    expect(await check("2026-03-04T12:00:00Z")).toMatchObject({
      kind: "any",
      everyDays: 60,
      lastTouchAt: "2026-01-15T08:00:00.000Z",
      dueOn: "2026-03-16",
      daysUntilDue: 12,
      state: "ok",
      daysOverdue: 0,
    });
    expect(await check("2026-03-05T00:00:00Z")).toMatchObject({
      state: "due_soon",
      daysUntilDue: 11,
    });
    expect(await check("2026-03-16T23:59:59Z")).toMatchObject({
      state: "due_soon",
      daysUntilDue: 0,
    });
    expect(await check("2026-03-17T00:00:00Z")).toMatchObject({ state: "overdue", daysOverdue: 1 });
    const overdue = await expectJson(
      await ws.owner.client.api.v1.cadence.overdue.$get({ query: {} }),
      200,
    );
    expect(overdue.data).toEqual([
      expect.objectContaining({
        accountId: account.id,
        kind: "any",
        dueOn: "2026-03-16",
        daysOverdue: 1,
      }),
    ]);
  });

  it("counts only completed, live, past touches of the rule's kind", async () => {
    at("2026-01-15T09:00:00Z");
    const ws = await t.createWorkspace("Kinds");
    const account = await h.newAccount(ws.owner, { tier: "key" });
    await h.touch(ws, account.id, "2026-01-20T09:00:00Z", "strategy_session", "planned");
    await h.touch(ws, account.id, "2026-01-16T09:00:00Z", "check_in", "cancelled");
    await h.touch(ws, account.id, "2026-02-20T09:00:00Z", "call"); // in the future at Feb 1
    await h.touch(ws, account.id, "2026-01-10T09:00:00Z", "email");
    at("2026-02-01T09:00:00Z");
    const byKind = Object.fromEntries(
      (await h.status(ws.owner, account.id)).map((s) => [s.kind, s]),
    );
    expect(Object.keys(byKind).sort()).toEqual(["any", "check_in", "strategy_session"]);
    expect(byKind.any).toMatchObject({ dueOn: "2026-01-24", state: "overdue", daysOverdue: 8 });
    // Never a check-in: counted from the later of the account's and the rule's creation day.
    expect(byKind.check_in).toMatchObject({ lastTouchAt: null, dueOn: "2026-02-14" });
    expect(byKind.strategy_session).toMatchObject({ lastTouchAt: null, dueOn: "2026-04-15" });
  });

  it("exempts former and archived accounts, gives prospects the prospects rules, lets an account rule replace its tier's of the same kind", async () => {
    at("2026-01-15T09:00:00Z");
    const ws = await t.createWorkspace("Applies");
    const key = await h.newAccount(ws.owner, { tier: "key" });
    const former = await h.newAccount(ws.owner, { tier: "key", status: "former" });
    const prospect = await h.newAccount(ws.owner, { tier: "key", status: "prospect" });
    const untiered = await h.newAccount(ws.owner, { tier: null });
    const archived = await h.newAccount(ws.owner, { tier: "key" });
    await expectJson(
      await ws.owner.client.api.v1.accounts[":id"].archive.$post({
        param: { id: archived.id },
        header: {},
      }),
      200,
    );
    await expectJson(
      await ws.owner.client.api.v1["cadence-rules"].$post({
        json: { accountId: key.id, kind: "any", everyDays: 7 },
      }),
      201,
    );
    const rules = async (id: string) =>
      (await h.status(ws.owner, id)).map((s) => `${s.scope}:${s.kind}:${s.everyDays}`).sort();
    expect(await rules(key.id)).toEqual([
      "account:any:7",
      "tier:check_in:30",
      "tier:strategy_session:90",
    ]);
    expect(await rules(former.id)).toEqual([]);
    expect(await rules(archived.id)).toEqual([]);
    expect(await rules(prospect.id)).toEqual(["prospects:any:21"]);
    expect(await rules(untiered.id)).toEqual([]);
  });

  it("computes due days in the workspace's zone across a DST change and a month end", async () => {
    at("2026-03-01T09:00:00Z");
    const ws = await t.createWorkspace("Paris");
    await h.setTimeZone(ws, "Europe/Paris");
    const account = await h.newAccount(ws.owner);
    await expectJson(
      await ws.owner.client.api.v1["cadence-rules"].$post({
        json: { accountId: account.id, kind: "any", everyDays: 3 },
      }),
      201,
    );
    // 00:30 on Sunday 29 March in Paris (still the 28th in UTC); clocks go forward at 02:00.
    await h.touch(ws, account.id, "2026-03-28T23:30:00Z");
    at("2026-04-01T21:59:59Z"); // 23:59:59 on 1 April in Paris (CEST, UTC+2)
    const [lastDay] = await h.status(ws.owner, account.id);
    expect(lastDay).toMatchObject({ dueOn: "2026-04-01", state: "due_soon", daysUntilDue: 0 });
    at("2026-04-01T22:00:00Z"); // midnight in Paris: 2 April
    const [nextDay] = await h.status(ws.owner, account.id);
    expect(nextDay).toMatchObject({ dueOn: "2026-04-01", state: "overdue", daysOverdue: 1 });
    await syncCadenceTasks(h.systemCtx(ws.workspace.id), { accountId: account.id });
    const [task] = await h.cadenceTasks(ws.owner, account.id, "open");
    expect(task?.dueAt).toBe("2026-04-01T22:00:00.000Z"); // the start of 2 April in Paris
  });
});

describe("the cadence.sync job", () => {
  it("raises one task per overdue pair for the team lead, however often or concurrently it runs, and a logged call closes it", async () => {
    at("2026-01-15T09:00:00Z");
    const ws = await t.createWorkspace("Sync");
    const lead = await ws.addMember("member");
    const account = await h.newAccount(ws.owner, { name: "Acme Legal" });
    await expectJson(
      await ws.owner.client.api.v1.accounts[":id"].team[":memberId"].$put({
        param: { id: account.id, memberId: lead.memberId },
        json: { role: "lead" },
      }),
      200,
    );
    await h.touch(ws, account.id, "2026-01-15T08:00:00Z");
    at("2026-03-20T10:00:00Z"); // due 16 March: 4 days overdue
    await h.enqueueSync(ws, { accountId: account.id });
    await h.enqueueSync(ws);
    await h.runJobs();
    const ctx = h.systemCtx(ws.workspace.id);
    await Promise.all([
      t.db.transaction((tx) => syncCadenceTasks({ ...ctx, db: tx })),
      t.db.transaction((tx) => syncCadenceTasks({ ...ctx, db: tx }, { accountId: account.id })),
    ]);
    const open = await h.cadenceTasks(ws.owner, account.id);
    expect(open).toHaveLength(1);
    const ruleId = (await h.status(ws.owner, account.id))[0]?.ruleId;
    expect(open[0]).toMatchObject({
      title: "Acme Legal: touch overdue by 4 days",
      assigneeId: lead.memberId,
      source: "cadence",
      sourceRef: `cadence:${account.id}:${ruleId}`,
      status: "open",
      dueAt: "2026-03-20T00:00:00.000Z",
      createdById: null,
    });

    t.clock.advance(DAY);
    await h.touch(ws, account.id, t.clock());
    await h.enqueueSync(ws, { accountId: account.id });
    await h.runJobs();
    const [closed] = await h.cadenceTasks(ws.owner, account.id);
    expect(closed).toMatchObject({ id: open[0]?.id, status: "done", closeReason: TOUCH_LOGGED });
    await h.runJobs();
    expect(await h.cadenceTasks(ws.owner, account.id)).toHaveLength(1);
  });

  it("gives the task to the owner without a lead, and dismisses it when the rule is archived or the account becomes former", async () => {
    at("2026-01-15T09:00:00Z");
    const ws = await t.createWorkspace("Dismiss");
    const a = await h.newAccount(ws.owner, { tier: "growth" });
    const b = await h.newAccount(ws.owner, { tier: "growth" });
    at("2026-03-01T09:00:00Z"); // no touch: any/30 due 14 February
    await syncCadenceTasks(h.systemCtx(ws.workspace.id));
    const [taskA] = await h.cadenceTasks(ws.owner, a.id, "open");
    expect(taskA).toMatchObject({
      assigneeId: ws.owner.memberId,
      title: expect.stringContaining("touch overdue by 15 days"),
    });
    expect(await h.cadenceTasks(ws.owner, b.id, "open")).toHaveLength(1);

    const ruleId = taskA?.sourceRef?.split(":")[2] ?? "";
    await expectJson(
      await ws.owner.client.api.v1["cadence-rules"][":ruleId"].archive.$post({
        param: { ruleId },
        header: {},
      }),
      200,
    );
    await h.runJobs(); // the archive enqueued a workspace-wide sync
    for (const id of [a.id, b.id]) {
      const [dismissed] = await h.cadenceTasks(ws.owner, id);
      expect(dismissed).toMatchObject({
        status: "dismissed",
        closeReason: "the cadence rule was archived",
      });
    }

    await expectJson(
      await ws.owner.client.api.v1["cadence-rules"].$post({
        json: { tier: "growth", kind: "any", everyDays: 10 },
      }),
      201,
    );
    t.clock.advance(12 * DAY); // a new rule counts from its own creation day: due 11 March
    await h.runJobs();
    const [again] = await h.cadenceTasks(ws.owner, b.id, "open");
    expect(again?.title).toContain("touch overdue by 2 days");
    const current = await expectJson(
      await ws.owner.client.api.v1.accounts[":id"].$get({ param: { id: b.id } }),
      200,
    );
    await expectJson(
      await ws.owner.client.api.v1.accounts[":id"].$patch({
        param: { id: b.id },
        json: { status: "former" },
        header: { "if-match": `"${current.version}"` },
      }),
      200,
    );
    await h.enqueueSync(ws, { accountId: b.id });
    await h.runJobs();
    expect(await h.cadenceTasks(ws.owner, b.id, "open")).toHaveLength(0);
    expect(
      (await h.cadenceTasks(ws.owner, b.id, "dismissed")).map((task) => task.closeReason),
    ).toContain("the account is former");
  });

  it("does not raise again a task a member dismissed in the same overdue spell, but does in the next", async () => {
    at("2026-01-15T09:00:00Z");
    const ws = await t.createWorkspace("Dismissed");
    const account = await h.newAccount(ws.owner);
    at("2026-03-20T09:00:00Z");
    await h.enqueueSync(ws, { accountId: account.id });
    await h.runJobs();
    const [task] = await h.cadenceTasks(ws.owner, account.id, "open");
    await expectJson(
      await ws.owner.client.api.v1.tasks[":taskId"].dismiss.$post({
        param: { taskId: task?.id ?? "" },
        header: {},
        json: { reason: "They asked for a quiet quarter" },
      }),
      200,
    );
    t.clock.advance(DAY);
    await h.enqueueSync(ws);
    await h.runJobs();
    expect(await h.cadenceTasks(ws.owner, account.id, "open")).toHaveLength(0);
    await h.touch(ws, account.id, t.clock()); // a new spell: due in 60 days
    t.clock.advance(61 * DAY);
    await h.enqueueSync(ws);
    await h.runJobs();
    expect(await h.cadenceTasks(ws.owner, account.id, "open")).toHaveLength(1);
  });

  it("neither duplicates nor loses the task across a crash: a rolled-back run, a reclaimed lease, a re-run", async () => {
    at("2026-01-15T09:00:00Z");
    const ws = await t.createWorkspace("Crash");
    const account = await h.newAccount(ws.owner);
    at("2026-04-01T09:00:00Z");
    const ctx = h.systemCtx(ws.workspace.id);
    // Crash mid-way: the task was written, then the process died before commit.
    await expect(
      t.db.transaction(async (tx) => {
        await syncCadenceTasks({ ...ctx, db: tx }, { accountId: account.id });
        throw new Error("killed");
      }),
    ).rejects.toThrow("killed");
    expect(await h.cadenceTasks(ws.owner, account.id)).toHaveLength(0);

    // A job claimed by an instance that died: the lease expires and a fresh runner takes it.
    const jobId = await h.enqueueSync(ws, { accountId: account.id });
    await t.db
      .update(jobs)
      .set({
        status: "running",
        attempts: 1,
        lockedBy: "dead",
        lockedUntil: new Date(t.clock().getTime() - 1),
      })
      .where(eq(jobs.id, jobId ?? ""));
    await h.runJobs("after-restart");
    const [job] = await t.db
      .select()
      .from(jobs)
      .where(eq(jobs.id, jobId ?? ""));
    expect(job?.status).toBe("done");
    expect(await h.cadenceTasks(ws.owner, account.id, "open")).toHaveLength(1);

    // Committed, then died before the job was marked done: the re-run changes nothing.
    await h.enqueueSync(ws, { accountId: account.id });
    await h.runJobs("again");
    const rows = await t.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.workspaceId, ws.workspace.id), eq(tasks.source, "cadence")));
    expect(rows).toHaveLength(1);
  });

  it("catches up hourly after downtime: the cron enqueues one workspace-wide sync per workspace", async () => {
    at("2026-05-01T09:00:00Z");
    await h.runJobs(); // first sight of the cron: it starts counting from now
    const ws = await t.createWorkspace("Cron");
    const account = await h.newAccount(ws.owner);
    t.clock.advance(90 * DAY + 5 * 3_600_000); // the app was down for three months
    await h.runJobs();
    const syncs = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.name, cadenceSyncJobName), eq(jobs.workspaceId, ws.workspace.id)));
    expect(syncs.map((job) => job.status)).toEqual(["done"]);
    expect(await h.cadenceTasks(ws.owner, account.id, "open")).toHaveLength(1);
  });
});
