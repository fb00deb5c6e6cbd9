import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/audit.schema";
import { expectJson } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { occurrenceIn, occurrencesBetween } from "./agenda.dates";
import { type Actor, seeders, type Workspace } from "./agenda.testing";

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

describe("placing a yearly date", () => {
  it("keeps 29 February in leap years and moves it to the 28th in others", () => {
    expect(occurrenceIn({ month: 2, day: 29 }, 2027)).toBe("2027-02-28");
    expect(occurrenceIn({ month: 2, day: 29 }, 2100)).toBe("2100-02-28");
    expect(occurrenceIn({ month: 2, day: 29 }, 2000)).toBe("2000-02-29");
  });

  it("finds a date in a window across New Year, never before the year it happened", () => {
    expect(occurrencesBetween({ month: 1, day: 2 }, "2026-12-28", "2027-01-04")).toEqual([
      "2027-01-02",
    ]);
    expect(
      occurrencesBetween({ month: 12, day: 30, year: 2027 }, "2026-12-28", "2027-01-04"),
    ).toEqual([]);
  });
});

describe("important dates", () => {
  async function withDates(ws: Workspace, me: Actor, accountId: string) {
    const wsId = ws.workspace.id;
    return {
      birthday: await seed.contact(wsId, accountId, {
        firstName: "Grace",
        lastName: "Hopper",
        importantDates: [
          { kind: "birthday", month: 1, day: 18, year: 1980, remind: true },
          { kind: "custom", label: "Joined the board", month: 1, day: 20, remind: false },
        ],
      }),
      undated: await seed.contact(wsId, accountId, {
        firstName: "Alan",
        lastName: "Turing",
        preferredChannel: "phone",
        importantDates: [{ kind: "birthday", month: 1, day: 22, remind: true }],
      }),
      tooFar: await seed.contact(wsId, accountId, {
        importantDates: [{ kind: "birthday", month: 1, day: 23, remind: true }],
      }),
      left: await seed.contact(wsId, accountId, {
        importantDates: [{ kind: "birthday", month: 1, day: 16, remind: true }],
        endedOn: "2026-01-10",
      }),
      me,
    };
  }

  it("shows the reminded dates of people at the member's accounts from 7 days before, with a gesture", async () => {
    const { ws, me, account, wsId } = await setUp("UTC");
    const people = await withDates(ws, me, account.id);
    // People at an account the member does not serve stay off their agenda.
    const elsewhere = await seed.account(ws.owner, { name: "Elsewhere" });
    await seed.contact(wsId, elsewhere.id, {
      importantDates: [{ kind: "birthday", month: 1, day: 17, remind: true }],
    });
    const body = await agenda(me);
    expect(body.importantDates).toEqual([
      {
        on: "2026-01-18",
        daysUntil: 3,
        kind: "birthday",
        source: "contact",
        title: "Grace Hopper turns 46",
        label: null,
        years: 46,
        suggestion: "Send a personal birthday message.",
        contact: { id: people.birthday.id, name: "Grace Hopper" },
        account: { id: account.id, name: "Acme Legal" },
      },
      expect.objectContaining({
        on: "2026-01-22",
        daysUntil: 7,
        title: "Alan Turing's birthday",
        years: null,
        suggestion: "Call to wish them a happy birthday.",
      }),
    ]);
    // Showing a person's dates is a read of their personal memory: one audit event each.
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, wsId), eq(auditEvents.action, "contact.memory_read")));
    expect(events.map((e) => e.entityId).sort()).toEqual(
      [people.birthday.id, people.undated.id].sort(),
    );
    expect(events.every((e) => e.actorMemberId === me.memberId)).toBe(true);
  });

  it("marks 29 February on 28 February in other years, and looks across New Year", async () => {
    const { me, account, wsId } = await setUp("UTC");
    const leapling = await seed.contact(wsId, account.id, {
      firstName: "Leap",
      importantDates: [{ kind: "birthday", month: 2, day: 29, year: 1996, remind: true }],
    });
    const newYear = await seed.contact(wsId, account.id, {
      firstName: "Janus",
      importantDates: [
        { kind: "partnership_anniversary", month: 1, day: 2, year: 2010, remind: true },
      ],
    });
    const feb = await agenda(me, "2026-02-22");
    expect(feb.importantDates.map((d) => [d.contact?.id, d.on, d.years])).toEqual([
      [leapling.id, "2026-02-28", 30],
    ]);
    const leapYear = await agenda(me, "2028-02-28");
    expect(leapYear.importantDates.map((d) => d.on)).toEqual(["2028-02-29"]);
    const december = await agenda(me, "2026-12-28");
    expect(december.importantDates).toEqual([
      expect.objectContaining({
        contact: { id: newYear.id, name: "Janus Lovelace" },
        on: "2027-01-02",
        daysUntil: 5,
        title: "Janus Lovelace's 17th anniversary",
      }),
    ]);
  });

  it("shows each account's partnership anniversary, counted from its first active day", async () => {
    const { ws, me } = await setUp("Pacific/Auckland");
    const client = await seed.account(ws.owner, {
      ownerId: me.memberId,
      name: "Delta Partners",
      status: "paused",
      statusHistory: [
        { status: "prospect", changedAt: "2019-05-01T10:00:00Z" },
        // 16 January 2021, 01:00 in Auckland: the firm's day is the 16th, not UTC's 15th.
        { status: "active", changedAt: "2021-01-15T12:00:00Z" },
        { status: "paused", changedAt: "2024-03-01T10:00:00Z" },
        { status: "active", changedAt: "2024-04-01T10:00:00Z" },
      ],
    });
    await seed.account(ws.owner, {
      ownerId: me.memberId,
      name: "Left us",
      status: "former",
      statusHistory: [{ status: "active", changedAt: "2020-01-17T00:00:00Z" }],
    });
    const body = await agenda(me, "2026-01-15");
    expect(body.importantDates).toEqual([
      {
        on: "2026-01-16",
        daysUntil: 1,
        kind: "partnership_anniversary",
        source: "account",
        title: "5 years of partnership with Delta Partners",
        label: null,
        years: 5,
        suggestion:
          "Mark 5 years of partnership: a note from the lead and a small gift for the team.",
        contact: null,
        account: { id: client.id, name: "Delta Partners" },
      },
    ]);
  });
});
