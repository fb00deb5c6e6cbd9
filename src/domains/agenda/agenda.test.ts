import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { type Actor, seeders } from "./agenda.testing";

let t: TestApp;
let seed: ReturnType<typeof seeders>;

beforeAll(async () => {
  t = await createTestApp();
  seed = seeders(t);
});
afterAll(async () => {
  await t.close();
});

const agenda = async (actor: Actor, date?: string) =>
  expectJson(await actor.client.api.v1.agenda.$get({ query: date ? { date } : {} }), 200);

/** A workspace with a member who owns one account, in the given time zone. */
async function setUp(timeZone = "Europe/Paris") {
  const ws = await t.createWorkspace();
  await seed.setTimeZone(ws, timeZone);
  const me = await ws.addMember("member");
  const account = await seed.account(ws.owner, { ownerId: me.memberId, name: "Acme Legal" });
  return { ws, me, account, wsId: ws.workspace.id };
}

describe("the day and the week", () => {
  it("defaults to today in the workspace time zone", async () => {
    t.clock.set("2026-01-15T23:30:00Z");
    const { me } = await setUp("Europe/Paris");
    const body = await agenda(me);
    expect(body).toMatchObject({ date: "2026-01-16", timeZone: "Europe/Paris" });
    t.clock.set("2026-01-15T09:00:00Z");
  });

  it("lists today's and the next 7 days' planned interactions the member takes part in or created", async () => {
    const { ws, me, account, wsId } = await setUp("Europe/Paris");
    const colleague = await ws.addMember("member");
    const ada = await seed.contact(wsId, account.id, { firstName: "Ada", lastName: "King" });
    const mine = await seed.interaction(wsId, {
      accountId: account.id,
      createdById: colleague.memberId,
      memberIds: [me.memberId],
      contactIds: [ada.id],
      scheduledAt: new Date("2026-01-15T15:00:00Z"),
      durationMinutes: 45,
    });
    const created = await seed.interaction(wsId, {
      accountId: account.id,
      createdById: me.memberId,
      kind: "call",
      scheduledAt: new Date("2026-01-22T22:30:00Z"), // 23:30 in Paris on the 22nd: day 7
    });
    const cases = [
      // Someone else's meeting on my account is not on my agenda.
      { createdById: colleague.memberId, scheduledAt: new Date("2026-01-15T10:00:00Z") },
      // 00:30 on the 23rd in Paris: the 8th day.
      { createdById: me.memberId, scheduledAt: new Date("2026-01-22T23:30:00Z") },
      // Yesterday in Paris (23:30 UTC on the 14th is 00:30 on the 15th, so use 22:30).
      { createdById: me.memberId, scheduledAt: new Date("2026-01-14T22:30:00Z") },
      {
        createdById: me.memberId,
        scheduledAt: new Date("2026-01-16T10:00:00Z"),
        state: "cancelled" as const,
      },
      {
        createdById: me.memberId,
        scheduledAt: new Date("2026-01-15T08:00:00Z"),
        occurredAt: new Date("2026-01-15T08:05:00Z"),
      },
    ];
    for (const values of cases) await seed.interaction(wsId, { accountId: account.id, ...values });
    const body = await agenda(me);
    expect(body.today.interactions).toEqual([
      {
        id: mine.id,
        kind: "meeting",
        scheduledAt: "2026-01-15T15:00:00.000Z",
        day: "2026-01-15",
        durationMinutes: 45,
        summary: null,
        reschedules: 0,
        account: { id: account.id, name: "Acme Legal" },
        contacts: [{ id: ada.id, name: "Ada King" }],
      },
    ]);
    expect(body.week.interactions.map((i) => [i.id, i.day])).toEqual([[created.id, "2026-01-22"]]);
    // Another workspace sees none of it.
    const other = await t.createWorkspace();
    expect((await agenda(other.owner)).today.interactions).toEqual([]);
  });

  it("cuts days at local midnight across a DST change", async () => {
    const { me, account, wsId } = await setUp("Europe/Paris");
    // Clocks go forward on 29 March 2026 at 02:00 (01:00 UTC): that day has 23 hours.
    const firstHour = await seed.interaction(wsId, {
      accountId: account.id,
      createdById: me.memberId,
      scheduledAt: new Date("2026-03-28T23:30:00Z"), // 00:30 CET on the 29th
    });
    const nextDay = await seed.interaction(wsId, {
      accountId: account.id,
      createdById: me.memberId,
      scheduledAt: new Date("2026-03-29T22:30:00Z"), // 00:30 CEST on the 30th
    });
    const body = await agenda(me, "2026-03-29");
    expect(body.today.interactions.map((i) => i.id)).toEqual([firstHour.id]);
    expect(body.week.interactions.map((i) => [i.id, i.day])).toEqual([[nextDay.id, "2026-03-30"]]);
  });

  it("answers 400 with the field for a bad date or an unknown parameter", async () => {
    const ws = await t.createWorkspace();
    for (const query of ["date=2026-13-01", "date=tomorrow", "when=today"]) {
      const problem = await expectProblem(
        await t.request(`/api/v1/agenda?${query}`, { headers: ws.owner.headers }),
        400,
        "VALIDATION_FAILED",
      );
      expect(problem.errors?.map((e) => e.path)).toEqual([query.startsWith("when") ? "" : "date"]);
    }
    await expectProblem(await t.request("/api/v1/agenda"), 401, "UNAUTHENTICATED");
  });
});

describe("tasks", () => {
  it("lists open tasks assigned to the member: late ones, then those due today", async () => {
    const { ws, me, account, wsId } = await setUp("America/New_York");
    const other = await ws.addMember("member");
    const late = await seed.task(wsId, {
      assigneeId: me.memberId,
      title: "Send the renewal",
      accountId: account.id,
      dueAt: new Date("2026-01-15T04:00:00Z"), // 23:00 on the 14th in New York
      priority: "high",
    });
    const today = await seed.task(wsId, {
      assigneeId: me.memberId,
      title: "Call back",
      dueAt: new Date("2026-01-16T04:59:00Z"), // 23:59 on the 15th
    });
    await seed.task(wsId, {
      assigneeId: me.memberId,
      title: "Tomorrow",
      dueAt: new Date("2026-01-16T05:00:00Z"),
    });
    await seed.task(wsId, { assigneeId: me.memberId, title: "Undated" });
    await seed.task(wsId, {
      assigneeId: me.memberId,
      title: "Done",
      dueAt: new Date("2026-01-10T12:00:00Z"),
      status: "done",
    });
    await seed.task(wsId, {
      assigneeId: other.memberId,
      title: "Not mine",
      dueAt: new Date("2026-01-10T12:00:00Z"),
    });
    const body = await agenda(me);
    expect(body.tasks.late).toEqual([
      {
        id: late.id,
        title: "Send the renewal",
        priority: "high",
        source: "manual",
        dueAt: "2026-01-15T04:00:00.000Z",
        dueOn: "2026-01-14",
        version: 1,
        account: { id: account.id, name: "Acme Legal" },
      },
    ]);
    expect(body.tasks.today.map((task) => [task.id, task.dueOn, task.account])).toEqual([
      [today.id, "2026-01-15", null],
    ]);
    expect(body.tasks.alarms).toEqual([]);
  });

  it("shows alarm tasks due later this week at once, but not other tasks due then", async () => {
    const { me, account, wsId } = await setUp("UTC");
    const detractor = await seed.task(wsId, {
      assigneeId: me.memberId,
      title: "Call Ada Okafor: NPS 3",
      accountId: account.id,
      source: "survey",
      sourceRef: "survey_answer:x",
      dueAt: new Date("2026-01-17T00:00:00Z"),
    });
    await seed.task(wsId, {
      assigneeId: me.memberId,
      title: "Prepare the QBR",
      dueAt: new Date("2026-01-17T00:00:00Z"),
    });
    await seed.task(wsId, {
      assigneeId: me.memberId,
      title: "Silence, far off",
      source: "silence",
      sourceRef: "silence:y",
      dueAt: new Date("2026-02-20T00:00:00Z"),
    });
    const body = await agenda(me);
    expect(body.tasks.alarms.map((task) => [task.id, task.dueOn, task.source])).toEqual([
      [detractor.id, "2026-01-17", "survey"],
    ]);
    expect(body.tasks.today).toEqual([]);
  });
});

describe("touches", () => {
  it("lists overdue and due-soon touches on the accounts the member owns or is on the team of", async () => {
    const { ws, me, account, wsId } = await setUp("UTC");
    const onTeam = await seed.account(ws.owner, { name: "Beta Health" });
    await seed.team(wsId, onTeam.id, me.memberId, "support");
    const notMine = await seed.account(ws.owner, { name: "Gamma" });
    const overdueRule = await seed.cadenceRule(wsId, { accountId: account.id, everyDays: 10 });
    await seed.cadenceRule(wsId, { accountId: onTeam.id, everyDays: 30 });
    await seed.cadenceRule(wsId, { accountId: notMine.id, everyDays: 10 });
    await seed.interaction(wsId, {
      accountId: onTeam.id,
      createdById: me.memberId,
      kind: "call",
      occurredAt: new Date("2026-01-15T08:00:00Z"),
    });
    // 12 days later: Acme (never touched, due on the 25th) is 2 days overdue; Beta is ok.
    t.clock.set("2026-01-27T09:00:00Z");
    let body = await agenda(me);
    expect(body.touches.overdue).toEqual([
      {
        accountId: account.id,
        accountName: "Acme Legal",
        ruleId: overdueRule.id,
        kind: "any",
        lastTouchAt: null,
        dueOn: "2026-01-25",
        daysOverdue: 2,
      },
    ]);
    expect(body.touches.dueSoon).toEqual([]);
    // Beta's touch was on the 15th, so it is due on 14 February; 6 days before is due soon.
    t.clock.set("2026-02-09T09:00:00Z");
    body = await agenda(me);
    expect(body.touches.dueSoon.map((s) => [s.accountName, s.dueOn])).toEqual([
      ["Beta Health", "2026-02-14"],
    ]);
    t.clock.set("2026-01-15T09:00:00Z");
  });
});

describe("quiet accounts", () => {
  it("shows the 5 accounts the member leads with the longest silence, never-touched first", async () => {
    const { ws, me, account, wsId } = await setUp("UTC");
    const led = await seed.account(ws.owner, {
      name: "Led as team lead",
      createdAt: "2025-01-01T00:00:00Z",
    });
    await seed.team(wsId, led.id, me.memberId, "lead");
    const supported = await seed.account(ws.owner, { name: "Only support" });
    await seed.team(wsId, supported.id, me.memberId, "support");
    const ended = await seed.account(ws.owner, { name: "Lead no more" });
    await seed.team(wsId, ended.id, me.memberId, "lead", new Date("2026-01-01T00:00:00Z"));
    await seed.account(ws.owner, { ownerId: me.memberId, name: "Former", status: "former" });
    await seed.account(ws.owner, { ownerId: me.memberId, name: "Archived", archived: true });
    const touched: Record<string, string> = {};
    for (const [name, at] of [
      ["Touched long ago", "2025-06-01T10:00:00Z"],
      ["Touched last month", "2025-12-15T10:00:00Z"],
      ["Touched yesterday", "2026-01-14T10:00:00Z"],
      ["Touched last week", "2026-01-08T10:00:00Z"],
    ] as const) {
      const a = await seed.account(ws.owner, { ownerId: me.memberId, name });
      touched[name] = a.id;
      await seed.interaction(wsId, {
        accountId: a.id,
        createdById: me.memberId,
        kind: "call",
        occurredAt: new Date(at),
      });
    }
    // A note is not a touch: Acme stays never-touched.
    await seed.interaction(wsId, {
      accountId: account.id,
      createdById: me.memberId,
      kind: "note",
      occurredAt: new Date("2026-01-14T10:00:00Z"),
    });
    const body = await agenda(me);
    expect(body.quietAccounts).toEqual([
      {
        accountId: led.id,
        accountName: "Led as team lead",
        status: "prospect",
        lastTouchAt: null,
        daysSinceTouch: null,
      },
      {
        accountId: account.id,
        accountName: "Acme Legal",
        status: "prospect",
        lastTouchAt: null,
        daysSinceTouch: null,
      },
      expect.objectContaining({
        accountName: "Touched long ago",
        lastTouchAt: "2025-06-01T10:00:00.000Z",
        daysSinceTouch: 228,
      }),
      expect.objectContaining({ accountName: "Touched last month", daysSinceTouch: 31 }),
      expect.objectContaining({ accountName: "Touched last week", daysSinceTouch: 7 }),
    ]);
  });
});
