import { and, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/audit.schema";
import { members } from "../../platform/auth/auth.schema";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { interactions } from "../interactions";
import { calendarFeeds } from "./agenda.schema";
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

const feeds = (actor: Actor) => actor.client.api.v1["calendar-feeds"];
const createFeed = async (actor: Actor, label?: string) =>
  expectJson(await feeds(actor).$post({ json: label ? { label } : {} }), 201);
const pathOf = (url: string) => new URL(url).pathname;

/** Fetches the feed as a calendar app would: no session, no Authorization header. */
async function readFeed(url: string) {
  const res = await t.request(pathOf(url));
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  const calendar = new ICAL.Component(ICAL.parse(await res.text()));
  const events = new Map(
    calendar.getAllSubcomponents("vevent").map((v) => [String(v.getFirstPropertyValue("uid")), v]),
  );
  return { calendar, events };
}

describe("calendar feed tokens", () => {
  it("shows the token once, stores only its hash, lists feeds without it, and audits", async () => {
    const ws = await t.createWorkspace();
    const created = await createFeed(ws.owner, "Phone");
    expect(created).toEqual({
      id: expect.any(String),
      label: "Phone",
      url: expect.stringMatching(
        /^http:\/\/rapport\.test\/api\/v1\/calendar\/cal_[A-Za-z0-9_-]{43}\.ics$/,
      ),
      lastUsedAt: null,
      revokedAt: null,
      createdAt: t.clock().toISOString(),
    });
    const token = pathOf(created.url).replace(/^.*\/|\.ics$/g, "");
    const [row] = await t.db.select().from(calendarFeeds).where(eq(calendarFeeds.id, created.id));
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
    const list = await expectJson(await feeds(ws.owner).$get({ query: {} }), 200);
    expect(list).toEqual({
      data: [
        {
          id: created.id,
          label: "Phone",
          lastUsedAt: null,
          revokedAt: null,
          createdAt: created.createdAt,
        },
      ],
      nextCursor: null,
    });
    // Another member sees only their own.
    const colleague = await ws.addMember("viewer");
    expect((await expectJson(await feeds(colleague).$get({ query: {} }), 200)).data).toEqual([]);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityType, "calendar_feed"), eq(auditEvents.entityId, created.id)),
      );
    expect(events.map((e) => e.action)).toEqual(["calendar_feed.created"]);
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it("revokes a feed: the URL answers 404, the revocation is audited, a retry is harmless", async () => {
    const ws = await t.createWorkspace();
    const feed = await createFeed(ws.owner);
    await readFeed(feed.url);
    const revoked = await expectJson(
      await feeds(ws.owner)[":id"].$delete({ param: { id: feed.id } }),
      200,
    );
    expect(revoked.revokedAt).toBe(t.clock().toISOString());
    await expectProblem(await t.request(pathOf(feed.url)), 404, "NOT_FOUND");
    await expectJson(await feeds(ws.owner)[":id"].$delete({ param: { id: feed.id } }), 200);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "calendar_feed"), eq(auditEvents.entityId, feed.id)));
    expect(events.map((e) => e.action)).toEqual(["calendar_feed.created", "calendar_feed.revoked"]);
  });

  it("hides other members' and other workspaces' feeds (404), but lets an admin revoke a leaked one", async () => {
    const ws = await t.createWorkspace();
    const member = await ws.addMember("member");
    const feed = await createFeed(member);
    const other = await t.createWorkspace();
    const manager = await ws.addMember("manager");
    await expectProblem(
      await feeds(other.owner)[":id"].$delete({ param: { id: feed.id } }),
      404,
      "NOT_FOUND",
    );
    await expectProblem(
      await feeds(manager)[":id"].$delete({ param: { id: feed.id } }),
      404,
      "NOT_FOUND",
    );
    const admin = await ws.addMember("admin");
    await expectJson(await feeds(admin)[":id"].$delete({ param: { id: feed.id } }), 200);
    await expectProblem(await t.request(pathOf(feed.url)), 404, "NOT_FOUND");
  });

  it("answers 404 for an unknown or malformed token and for a deactivated member's feed", async () => {
    const ws = await t.createWorkspace();
    const member = await ws.addMember("member");
    const feed = await createFeed(member);
    await expectProblem(
      await t.request(`/api/v1/calendar/cal_${"x".repeat(43)}.ics`),
      404,
      "NOT_FOUND",
    );
    await expectProblem(await t.request("/api/v1/calendar/nonsense.ics"), 404, "NOT_FOUND");
    await t.db
      .update(members)
      .set({ status: "deactivated" })
      .where(eq(members.id, member.memberId));
    await expectProblem(await t.request(pathOf(feed.url)), 404, "NOT_FOUND");
  });

  it("rate limits feed reads per address like other public endpoints", async () => {
    const app = await createTestApp();
    try {
      const ws = await app.createWorkspace();
      const feed = await expectJson(
        await ws.owner.client.api.v1["calendar-feeds"].$post({ json: {} }),
        201,
      );
      for (let i = 0; i < 60; i += 1)
        expect((await app.request(pathOf(feed.url))).status).toBe(200);
      const limited = await app.request(pathOf(feed.url));
      await expectProblem(limited, 429, "RATE_LIMITED");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it("answers 400 with the field for bad input", async () => {
    const ws = await t.createWorkspace();
    const post = (body: unknown) =>
      t.request("/api/v1/calendar-feeds", {
        method: "POST",
        headers: { ...ws.owner.headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    for (const [body, path] of [
      [{ label: "x".repeat(101) }, "label"],
      [{ label: "   " }, "label"],
      [{ token: "mine" }, ""],
    ] as const) {
      const problem = await expectProblem(await post(body), 400, "VALIDATION_FAILED");
      expect(problem.errors?.map((e) => e.path)).toEqual([path]);
    }
    const bad = await expectProblem(
      await t.request("/api/v1/calendar-feeds/not-a-uuid", {
        method: "DELETE",
        headers: ws.owner.headers,
      }),
      400,
      "VALIDATION_FAILED",
    );
    expect(bad.errors?.map((e) => e.path)).toEqual(["id"]);
    await expectProblem(await t.request("/api/v1/calendar-feeds"), 401, "UNAUTHENTICATED");
  });
});

describe("the calendar behind a feed", () => {
  it("parses as iCalendar with meetings, tasks, touches and yearly dates", async () => {
    const ws = await t.createWorkspace();
    const wsId = ws.workspace.id;
    await seed.setTimeZone(ws, "Europe/Paris");
    const me = await ws.addMember("member");
    const account = await seed.account(ws.owner, { ownerId: me.memberId, name: "Acme Legal" });
    const grace = await seed.contact(wsId, account.id, {
      firstName: "Grace",
      lastName: "Hopper",
      importantDates: [
        { kind: "birthday", month: 2, day: 29, year: 1996, remind: true },
        { kind: "custom", label: "Board seat", month: 6, day: 1, remind: true },
        { kind: "partnership_anniversary", month: 9, day: 9, remind: false },
      ],
    });
    const meeting = await seed.interaction(wsId, {
      accountId: account.id,
      createdById: me.memberId,
      contactIds: [grace.id],
      scheduledAt: new Date("2026-01-20T14:00:00Z"),
      durationMinutes: 60,
    });
    const tooOld = await seed.interaction(wsId, {
      accountId: account.id,
      createdById: me.memberId,
      scheduledAt: new Date("2025-12-01T14:00:00Z"),
    });
    const task = await seed.task(wsId, {
      assigneeId: me.memberId,
      title: "Prepare the QBR",
      accountId: account.id,
      dueAt: new Date("2026-01-20T23:30:00Z"), // 00:30 on the 21st in Paris
    });
    const rule = await seed.cadenceRule(wsId, { accountId: account.id, everyDays: 1 });
    t.clock.set("2026-01-17T09:00:00Z");
    const feed = await createFeed(me, "Work");
    const { calendar, events } = await readFeed(feed.url);
    t.clock.set("2026-01-15T09:00:00Z");

    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Rapport: Work");
    expect([...events.keys()].sort()).toEqual(
      [
        `interaction-${meeting.id}@rapport`,
        `task-${task.id}@rapport`,
        `cadence-${account.id}-${rule.id}@rapport`,
        `date-${grace.id}-birthday-0229@rapport`,
        `date-${grace.id}-custom-0601@rapport`,
      ].sort(),
    );
    expect(events.has(`interaction-${tooOld.id}@rapport`)).toBe(false);

    const m = new ICAL.Event(events.get(`interaction-${meeting.id}@rapport`));
    expect(m.summary).toBe("Meeting: Acme Legal");
    expect(m.description).toBe("With Grace Hopper");
    expect(m.startDate.toJSDate().toISOString()).toBe("2026-01-20T14:00:00.000Z");
    expect(m.endDate.toJSDate().toISOString()).toBe("2026-01-20T15:00:00.000Z");
    expect(m.sequence).toBe(0);
    expect(m.component.getFirstPropertyValue("dtstamp")).toBeTruthy();
    expect(m.component.getFirstPropertyValue("last-modified")).toBeTruthy();

    const due = new ICAL.Event(events.get(`task-${task.id}@rapport`));
    expect(due.startDate.isDate).toBe(true);
    expect(due.startDate.toString()).toBe("2026-01-21");

    const touch = new ICAL.Event(events.get(`cadence-${account.id}-${rule.id}@rapport`));
    expect(touch.summary).toBe("Overdue touch: Acme Legal");
    expect(touch.startDate.toString()).toBe("2026-01-16");

    // 29 February recurs every year, on the 28th when there is no 29th.
    const birthday = new ICAL.Event(events.get(`date-${grace.id}-birthday-0229@rapport`));
    expect(birthday.summary).toBe("Grace Hopper: birthday");
    expect(birthday.isRecurring()).toBe(true);
    const next = birthday.iterator(ICAL.Time.fromDateString("2026-01-01"));
    const days: string[] = [];
    for (let d = next.next(); d && days.length < 3; d = next.next()) {
      if (d.year >= 2026) days.push(d.toString());
    }
    expect(days).toEqual(["2026-02-28", "2027-02-28", "2028-02-29"]);
    const custom = new ICAL.Event(events.get(`date-${grace.id}-custom-0601@rapport`));
    expect(custom.summary).toBe("Grace Hopper: Board seat");
    expect(String(custom.component.getFirstPropertyValue("rrule"))).toBe("FREQ=YEARLY");

    // Handing personal dates to another calendar is audited: one event per fetch, naming them.
    const reads = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.workspaceId, wsId), eq(auditEvents.action, "calendar_feed.memory_read")),
      );
    expect(reads).toHaveLength(1);
    expect(reads[0]?.after).toEqual({ contactIds: [grace.id] });
    expect(reads[0]?.actorMemberId).toBe(me.memberId);
  });

  it("updates an event in place after a reschedule: same UID, new DTSTART, higher SEQUENCE", async () => {
    const ws = await t.createWorkspace();
    const wsId = ws.workspace.id;
    const account = await seed.account(ws.owner, { name: "Moving Co" });
    const meeting = await seed.interaction(wsId, {
      accountId: account.id,
      createdById: ws.owner.memberId,
      scheduledAt: new Date("2026-01-20T14:00:00Z"),
    });
    const feed = await createFeed(ws.owner);
    const uid = `interaction-${meeting.id}@rapport`;
    const before = new ICAL.Event((await readFeed(feed.url)).events.get(uid));

    t.clock.advance(3_600_000);
    await t.db
      .update(interactions)
      .set({
        scheduledAt: new Date("2026-01-22T10:00:00Z"),
        rescheduleHistory: [
          {
            from: "2026-01-20T14:00:00.000Z",
            to: "2026-01-22T10:00:00.000Z",
            at: t.clock().toISOString(),
            byMemberId: ws.owner.memberId,
          },
        ],
        updatedAt: t.clock(),
        version: 2,
      })
      .where(eq(interactions.id, meeting.id));
    const { events } = await readFeed(feed.url);
    t.clock.set("2026-01-15T09:00:00Z");
    const after = new ICAL.Event(events.get(uid));
    expect(events.size).toBe(1);
    expect(after.uid).toBe(before.uid);
    expect(after.startDate.toJSDate().toISOString()).toBe("2026-01-22T10:00:00.000Z");
    expect(after.sequence).toBe(1);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    const modified = (e: ICAL.Event) =>
      (e.component.getFirstPropertyValue("last-modified") as ICAL.Time).toJSDate().getTime();
    expect(modified(after)).toBeGreaterThan(modified(before));
  });
});
