import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaces } from "../../platform/auth/auth.schema";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { type AccountStatus, accounts, accountTeamMembers, buildAccount } from "../accounts";
import { cadenceRules } from "../cadence";
import { type Interaction, interactionMembers, interactions } from "../interactions";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type Workspace = Awaited<ReturnType<TestApp["createWorkspace"]>>;
type Actor = Workspace["owner"];

async function workspaceIn(timeZone: string) {
  const ws = await t.createWorkspace();
  await t.db.update(workspaces).set({ timeZone }).where(eq(workspaces.id, ws.workspace.id));
  return ws;
}

async function account(
  ws: Workspace,
  name: string,
  o: { status?: AccountStatus; ownerId?: string } = {},
) {
  const created = await expectJson(
    await ws.owner.client.api.v1.accounts.$post({ json: buildAccount({ name }) }),
    201,
  );
  await t.db
    .update(accounts)
    .set({ status: o.status ?? "active", ownerId: o.ownerId ?? ws.owner.memberId })
    .where(eq(accounts.id, created.id));
  return created.id;
}

async function touch(
  ws: Workspace,
  values: Partial<Interaction> & { accountId: string; occurredAt: Date; memberIds?: string[] },
) {
  const { memberIds = [], ...row } = values;
  const [i] = await t.db
    .insert(interactions)
    .values({
      workspaceId: ws.workspace.id,
      kind: "call",
      state: "completed",
      createdById: ws.owner.memberId,
      createdAt: t.clock(),
      updatedAt: t.clock(),
      ...row,
    })
    .returning();
  if (!i) throw new Error("insert failed");
  for (const memberId of memberIds) {
    await t.db
      .insert(interactionMembers)
      .values({ workspaceId: ws.workspace.id, interactionId: i.id, memberId });
  }
  return i;
}

const report = async (actor: Actor, query: Record<string, string>) =>
  expectJson(await actor.client.api.v1.reports.activity.$get({ query: query as never }), 200);

const row = (body: { data: { key: string }[] }, key: string) =>
  body.data.find((r) => r.key === key);

describe("counting touches", () => {
  it("counts completed touches by kind, meaningful ones without notes, in the workspace only", async () => {
    const ws = await workspaceIn("UTC");
    const a = await account(ws, "Acme");
    const at = new Date("2026-01-10T10:00:00Z");
    await touch(ws, { accountId: a, kind: "meeting", occurredAt: at });
    await touch(ws, { accountId: a, kind: "meeting", occurredAt: at });
    await touch(ws, { accountId: a, kind: "note", occurredAt: at });
    await touch(ws, { accountId: a, kind: "call", occurredAt: at, archivedAt: at });
    await touch(ws, { accountId: a, kind: "call", occurredAt: at, state: "cancelled" });
    const other = await workspaceIn("UTC");
    await touch(other, {
      accountId: await account(other, "Theirs"),
      kind: "meeting",
      occurredAt: at,
    });

    const body = await report(ws.owner, { groupBy: "kind" });
    expect(body).toMatchObject({
      from: "2025-12-17",
      to: "2026-01-15",
      groupBy: "kind",
      clientType: null,
    });
    expect(body.data.map((r) => r.key)).toEqual([
      "meeting",
      "call",
      "video_call",
      "email",
      "visit",
      "strategy_session",
      "check_in",
      "event",
      "note",
    ]);
    expect(row(body, "meeting")).toMatchObject({
      label: "Meeting",
      count: 2,
      meaningful: 2,
      accountsTouched: 1,
    });
    expect(row(body, "note")).toMatchObject({ count: 1, meaningful: 0 });
    expect(row(body, "call")).toMatchObject({ count: 0 });
    expect(body.totals).toMatchObject({
      count: 3,
      meaningful: 2,
      byKind: expect.objectContaining({ meeting: 2, note: 1, call: 0 }),
      accountsTouched: 1,
      meaningfulPerAccount: 2,
      untouchedAccounts: 0,
      untouched: [],
    });
  });

  it("credits each member taking part, or the creator when no member is listed", async () => {
    const ws = await workspaceIn("UTC");
    const ana = await ws.addMember("member");
    const ben = await ws.addMember("member");
    const a = await account(ws, "Acme", { ownerId: ana.memberId });
    const at = new Date("2026-01-12T10:00:00Z");
    await touch(ws, { accountId: a, occurredAt: at, memberIds: [ana.memberId, ben.memberId] });
    await touch(ws, { accountId: a, occurredAt: at, createdById: ben.memberId });
    const body = await report(ws.owner, { groupBy: "member" });
    expect(row(body, ana.memberId)).toMatchObject({
      label: expect.stringMatching(/^member/),
      count: 1,
    });
    expect(row(body, ben.memberId)).toMatchObject({ count: 2 });
    // The owner serves no account and touched nothing: no row.
    expect(row(body, ws.owner.memberId)).toBeUndefined();
    expect(body.totals.count).toBe(2);
  });
});

describe("days in the workspace time zone", () => {
  it("puts a touch on the firm's day at month ends and across a DST change", async () => {
    const ws = await workspaceIn("Europe/Paris");
    const a = await account(ws, "Acme");
    // 00:30 on 1 February in Paris.
    await touch(ws, { accountId: a, occurredAt: new Date("2026-01-31T23:30:00Z") });
    // 23:30 on 31 January in Paris.
    await touch(ws, { accountId: a, occurredAt: new Date("2026-01-31T22:30:00Z") });
    // 00:30 CEST on 30 March (the 29th had 23 hours), and 23:30 CEST on the 29th.
    await touch(ws, { accountId: a, occurredAt: new Date("2026-03-29T22:30:00Z") });
    await touch(ws, { accountId: a, occurredAt: new Date("2026-03-29T21:30:00Z") });
    t.clock.set("2026-04-15T09:00:00Z");
    const months = await report(ws.owner, {
      groupBy: "month",
      from: "2026-01-01",
      to: "2026-03-29",
    });
    t.clock.set("2026-01-15T09:00:00Z");
    expect(months.data.map((r) => [r.key, r.label, r.count])).toEqual([
      ["2026-01", "January 2026", 1],
      ["2026-02", "February 2026", 1],
      ["2026-03", "March 2026", 1],
    ]);
    const march29 = await report(ws.owner, {
      groupBy: "kind",
      from: "2026-03-29",
      to: "2026-03-29",
    });
    expect(march29.totals.count).toBe(1);
    const feb = await report(ws.owner, { groupBy: "kind", from: "2026-02-01", to: "2026-02-28" });
    expect(feb.totals.count).toBe(1);
  });
});

describe("rhythm, punctuality and attention", () => {
  it("gives the median days since each touch's previous one, looking back past the period", async () => {
    const ws = await workspaceIn("UTC");
    const a = await account(ws, "Acme");
    for (const day of ["2025-11-20", "2025-12-20", "2025-12-30", "2026-01-13"]) {
      await touch(ws, { accountId: a, occurredAt: new Date(`${day}T10:00:00Z`) });
    }
    // A note in between is no touch: it does not shorten the gap.
    await touch(ws, { accountId: a, kind: "note", occurredAt: new Date("2026-01-05T10:00:00Z") });
    const body = await report(ws.owner, {
      groupBy: "account",
      from: "2025-12-17",
      to: "2026-01-15",
    });
    // Gaps of 30 (from before the period), 10 and 14 days.
    expect(row(body, a)).toMatchObject({ meaningful: 3, medianDaysBetweenTouches: 14 });
  });

  it("measures how often and how late meetings start", async () => {
    const ws = await workspaceIn("UTC");
    const a = await account(ws, "Acme");
    const meeting = (scheduled: string, startedLateMin: number) =>
      touch(ws, {
        accountId: a,
        kind: "meeting",
        scheduledAt: new Date(scheduled),
        startedAt: new Date(new Date(scheduled).getTime() + startedLateMin * 60_000),
        occurredAt: new Date(scheduled),
      });
    await meeting("2026-01-05T10:00:00Z", 0);
    await meeting("2026-01-06T10:00:00Z", 5); // exactly 5 minutes is not late
    await meeting("2026-01-07T10:00:00Z", 12);
    await meeting("2026-01-08T10:00:00Z", -2);
    await touch(ws, { accountId: a, kind: "email", occurredAt: new Date("2026-01-08T10:00:00Z") });
    const body = await report(ws.owner, { groupBy: "kind" });
    expect(body.totals).toMatchObject({
      meetingsMeasured: 4,
      meetingsLate: 1,
      lateShare: 0.25,
      medianLatenessMinutes: 2.5,
    });
  });

  it("splits attention between existing clients and prospects, and filters by client type", async () => {
    const ws = await workspaceIn("UTC");
    const client = await account(ws, "Client", { status: "active" });
    const prospect = await account(ws, "Prospect", { status: "prospect" });
    const silent = await account(ws, "Silent prospect", { status: "prospect" });
    await account(ws, "Former", { status: "former" });
    const at = new Date("2026-01-10T10:00:00Z");
    await touch(ws, { accountId: client, occurredAt: at });
    await touch(ws, { accountId: client, occurredAt: at });
    await touch(ws, { accountId: prospect, occurredAt: at });
    const all = await report(ws.owner, { groupBy: "kind" });
    expect(all.totals).toMatchObject({
      existing: 2,
      prospect: 1,
      prospectShare: 0.3333,
      untouchedAccounts: 1,
    });
    expect(all.totals.untouched).toEqual([
      { accountId: silent, accountName: "Silent prospect", status: "prospect", lastTouchAt: null },
    ]);
    const prospects = await report(ws.owner, { groupBy: "account", clientType: "prospect" });
    expect(prospects.data.map((r) => [r.label, r.count, r.untouchedAccounts])).toEqual([
      ["Prospect", 1, 0],
      ["Silent prospect", 0, 1],
    ]);
    const existing = await report(ws.owner, { groupBy: "kind", clientType: "existing" });
    expect(existing.totals).toMatchObject({ count: 2, prospect: 0 });
  });

  it("gives each member's cadence compliance as of the period's end", async () => {
    const ws = await workspaceIn("UTC");
    const ana = await ws.addMember("member");
    const kept = await account(ws, "Kept", { ownerId: ana.memberId });
    const late = await account(ws, "Late", { ownerId: ana.memberId });
    const rule = (accountId: string) =>
      t.db.insert(cadenceRules).values({
        workspaceId: ws.workspace.id,
        scope: "account",
        accountId,
        kind: "any",
        everyDays: 10,
        createdAt: new Date("2025-12-01T00:00:00Z"),
        updatedAt: new Date("2025-12-01T00:00:00Z"),
      });
    await rule(kept);
    await rule(late);
    await t.db
      .update(accounts)
      .set({ createdAt: new Date("2025-12-01T00:00:00Z") })
      .where(eq(accounts.workspaceId, ws.workspace.id));
    await touch(ws, {
      accountId: kept,
      occurredAt: new Date("2026-01-10T10:00:00Z"),
      memberIds: [ana.memberId],
    });
    await t.db.insert(accountTeamMembers).values({
      workspaceId: ws.workspace.id,
      accountId: late,
      memberId: ws.owner.memberId,
      role: "support",
    });
    const body = await report(ws.owner, { groupBy: "member" });
    expect(row(body, ana.memberId)).toMatchObject({
      cadenceRules: 2,
      cadenceCompliance: 0.5,
      untouchedAccounts: 1,
    });
    expect(row(body, ws.owner.memberId)).toMatchObject({
      cadenceRules: 1,
      cadenceCompliance: 0,
      count: 0,
    });
    // As of an earlier end, before either was due (due 11 December), both comply.
    const early = await report(ws.owner, {
      groupBy: "member",
      from: "2025-12-01",
      to: "2025-12-05",
    });
    expect(row(early, ana.memberId)).toMatchObject({ cadenceCompliance: 1 });
  });
});

describe("the report as CSV and who may read it", () => {
  it("gives the same rows as CSV with Accept: text/csv or ?format=csv, to viewers too", async () => {
    const ws = await workspaceIn("UTC");
    const a = await account(ws, "Acme, Inc.");
    await touch(ws, { accountId: a, kind: "visit", occurredAt: new Date("2026-01-10T10:00:00Z") });
    const viewer = await ws.addMember("viewer");
    const json = await report(viewer, { groupBy: "account" });
    for (const res of [
      await t.request("/api/v1/reports/activity?groupBy=account", {
        headers: { ...viewer.headers, accept: "text/csv" },
      }),
      await t.request("/api/v1/reports/activity?groupBy=account&format=csv", {
        headers: viewer.headers,
      }),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toContain(
        "activity-account-2025-12-17-2026-01-15.csv",
      );
      const rows = parse((await res.text()).replace(/^\uFEFF/, ""), { columns: true }) as Record<
        string,
        string
      >[];
      expect(rows).toHaveLength(json.data.length);
      expect(rows[0]).toMatchObject({
        key: a,
        label: "Acme, Inc.",
        count: "1",
        meaningful: "1",
        "byKind.visit": "1",
        lateShare: "",
      });
    }
  });

  it("answers 400 with the field for a reversed or too long period, an unknown grouping or bad dates", async () => {
    const ws = await workspaceIn("UTC");
    for (const [query, path] of [
      ["from=2026-01-10&to=2026-01-09", "from"],
      ["from=2024-01-01&to=2026-01-01", "to"],
      ["groupBy=team", "groupBy"],
      ["clientType=vip", "clientType"],
      ["from=2026-02-30", "from"],
      ["format=xml", "format"],
      ["limit=3", ""],
    ] as const) {
      const problem = await expectProblem(
        await t.request(`/api/v1/reports/activity?${query}`, { headers: ws.owner.headers }),
        400,
        "VALIDATION_FAILED",
      );
      expect(
        problem.errors?.map((e) => e.path),
        query,
      ).toEqual([path]);
    }
    // Exactly two years less a day is allowed.
    await report(ws.owner, { from: "2024-01-01", to: "2025-12-31" });
    await expectProblem(await t.request("/api/v1/reports/activity"), 401, "UNAUTHENTICATED");
  });
});
