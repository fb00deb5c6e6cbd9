import { and, count, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../platform/auth/tokens.queries";
import {
  accountHealth,
  accounts,
  contacts,
  interactions,
  surveyAnswers,
  workspaces,
} from "../../platform/db/schema";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { generateFirm } from "./index";

let t: TestApp;
const NOW = "2026-03-04T10:30:00Z";

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
});
afterAll(async () => {
  await t.close();
});

const post = (body?: string) =>
  t.request("/api/v1/onboarding/demo", {
    method: "POST",
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body }),
  });

function sessionOf(res: Response): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [name, ...rest] = (line.split(";")[0] ?? "").split("=");
    if (name) jar[name.trim()] = rest.join("=");
  }
  return { cookie: `rapport_session=${jar.rapport_session}` };
}

/** A bearer client acting as a member of a generated workspace. */
async function clientAs(workspaceId: string, memberId: string) {
  const ctx = {
    db: t.db,
    now: t.clock,
    workspaceId,
    actor: { memberId, role: "owner" as const, via: "test" },
  };
  const { token } = await createApiToken(ctx, { label: "test", memberId });
  return t.clientFor({ authorization: `Bearer ${token}` });
}

type Agenda = {
  today: { interactions: unknown[] };
  week: { interactions: unknown[] };
  touches: { overdue: unknown[]; dueSoon: unknown[] };
  tasks: { late: unknown[]; today: unknown[]; alarms: unknown[] };
  importantDates: unknown[];
  quietAccounts: unknown[];
};
const sectionsWithItems = (a: Agenda) =>
  [
    a.today.interactions,
    a.week.interactions,
    a.touches.overdue,
    a.touches.dueSoon,
    a.tasks.late,
    a.tasks.today,
    a.tasks.alarms,
    a.importantDates,
    a.quietAccounts,
  ].filter((list) => list.length > 0).length;

describe("POST /onboarding/demo", () => {
  let demo: {
    member: { id: string };
    workspace: { id: string };
    demoLogin: { email: string; password: string };
  };
  let session: Record<string, string>;

  it("takes an empty body or {} and refuses anything else", async () => {
    await expectProblem(await post('{"accounts": 5000}'), 400, "VALIDATION_FAILED");
    await expectProblem(await post("[1, 2]"), 400, "VALIDATION_FAILED");
    await expectProblem(await post(`{"x": "${"a".repeat(1_100_000)}"}`), 413, "PAYLOAD_TOO_LARGE");
    expect(await t.db.select({ n: count() }).from(workspaces)).toEqual([{ n: 0 }]);
  });

  it("creates one demo firm for two clicks at once, signs in its owner and shows the login once", async () => {
    const [first, second] = await Promise.all([post("{}"), post()]);
    const created = first.status === 201 ? first : second;
    const refused = first.status === 201 ? second : first;
    await expectProblem(refused, 409, "CONFLICT");
    demo = JSON.parse(await created.text());
    expect(created.status).toBe(201);
    session = sessionOf(created);
    expect(demo).toMatchObject({
      member: { role: "owner", email: "demo@rapport.example" },
      workspace: { name: expect.stringMatching(/\(demo\)$/) },
      via: "session",
      demoLogin: { email: "demo@rapport.example", password: expect.stringMatching(/^.{10,}$/) },
    });
    expect(await t.db.select({ n: count() }).from(workspaces)).toEqual([{ n: 1 }]);
    const me = await expectJson(await t.clientFor(session).api.v1.me.$get(), 200);
    expect(me.member.id).toBe(demo.member.id);
    const login = await t.client.api.v1.auth.login.$post({ json: demo.demoLogin });
    expect(login.status).toBe(200);
  });

  it("answers 409 to every later call, and rate limits a caller who keeps trying", async () => {
    await expectProblem(await post(), 409, "CONFLICT");
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await post()).status);
    expect(statuses).toContain(429);
  });

  it("fills Today for the owner and the busy member, in several sections", async () => {
    const ownerDay = (await expectJson(
      await t.clientFor(session).api.v1.agenda.$get({ query: {} }),
      200,
    )) as Agenda;
    expect(sectionsWithItems(ownerDay)).toBeGreaterThanOrEqual(4);
    const [busiest] = await t.db
      .select({ ownerId: accounts.ownerId, n: count() })
      .from(accounts)
      .where(eq(accounts.workspaceId, demo.workspace.id))
      .groupBy(accounts.ownerId)
      .orderBy(desc(count()));
    expect(busiest?.ownerId).not.toBe(demo.member.id);
    const busy = await clientAs(demo.workspace.id, busiest?.ownerId as string);
    const busyDay = (await expectJson(await busy.api.v1.agenda.$get({ query: {} }), 200)) as Agenda;
    expect(sectionsWithItems(busyDay)).toBeGreaterThanOrEqual(4);
    expect(busyDay.today.interactions.length + busyDay.week.interactions.length).toBeGreaterThan(0);
    expect(busyDay.importantDates.length).toBeGreaterThan(0);
  });

  it("ranks a portfolio with several bands, at-risk accounts that say why, and recent declines", async () => {
    const client = t.clientFor(session);
    const page = await expectJson(
      await client.api.v1.health.portfolio.$get({ query: { limit: "200" } }),
      200,
    );
    const bands = new Set(page.data.map((row) => row.band));
    expect(bands.size).toBeGreaterThan(1);
    expect(bands).toContain("at_risk");
    const declined = await expectJson(
      await client.api.v1.health.portfolio.$get({ query: { declined: "7d" } }),
      200,
    );
    expect(declined.data.length).toBeGreaterThan(0);
    const atRisk = page.data.find((row) => row.band === "at_risk");
    const health = await expectJson(
      await client.api.v1.accounts[":id"].health.$get({
        param: { id: atRisk?.accountId as string },
      }),
      200,
    );
    const hurting = health.components.filter((c) => c.score !== null && c.score < 50);
    expect(hurting.map((c) => c.reason).join(" ")).toMatch(/satisfaction|tone|touch/i);
    expect(health.history.length).toBeGreaterThan(1);
  });

  it("reports the firm's activity of the last 30 days", async () => {
    const report = await expectJson(
      await t.clientFor(session).api.v1.reports.activity.$get({ query: {} }),
      200,
    );
    expect(report.totals.count).toBeGreaterThan(0);
    expect(report.totals.meaningful).toBeGreaterThan(0);
    expect(report.data.filter((row) => row.count > 0).length).toBeGreaterThan(1);
  });
});

describe("POST /onboarding/demo on an installation that has a workspace", () => {
  it("answers 409 as onboarding does", async () => {
    const other = await createTestApp();
    try {
      await other.createWorkspace("Already here");
      const res = await other.request("/api/v1/onboarding/demo", { method: "POST" });
      await expectProblem(res, 409, "CONFLICT");
    } finally {
      await other.close();
    }
  });
});

describe("generateFirm", () => {
  const now = new Date(NOW);
  /** Names, counts and scores: what must not change for the same seed. */
  async function fingerprint(workspaceId: string) {
    return t.db
      .select({ name: accounts.name, score: accountHealth.score, band: accountHealth.band })
      .from(accounts)
      .leftJoin(
        accountHealth,
        and(
          eq(accountHealth.workspaceId, accounts.workspaceId),
          eq(accountHealth.accountId, accounts.id),
        ),
      )
      .where(eq(accounts.workspaceId, workspaceId))
      .orderBy(accounts.name);
  }

  it("makes the same firm from the same seed and another from another seed", async () => {
    const options = { profile: "demo" as const, accounts: 12, seed: 7, now };
    const a = await generateFirm(t.db, options);
    const b = await generateFirm(t.db, options);
    const c = await generateFirm(t.db, { ...options, seed: 8 });
    expect(b.counts).toEqual(a.counts);
    expect(b.workspaceId).not.toBe(a.workspaceId);
    expect(await fingerprint(b.workspaceId)).toEqual(await fingerprint(a.workspaceId));
    const names = async (id: string) => (await fingerprint(id)).map((row) => row.name);
    expect(await names(c.workspaceId)).not.toEqual(await names(a.workspaceId));
  });

  it("writes the tiny profile's exact counts, and the app reads it", async () => {
    const firm = await generateFirm(t.db, { profile: "tiny", seed: 3, now });
    expect(firm.counts).toMatchObject({
      accounts: 20,
      contacts: 100,
      interactions: 1_000,
      answers: 100,
    });
    const ws = firm.workspaceId;
    const countOf = async (
      table: typeof accounts | typeof contacts | typeof interactions | typeof surveyAnswers,
    ) => (await t.db.select({ n: count() }).from(table).where(eq(table.workspaceId, ws)))[0]?.n;
    expect([
      await countOf(accounts),
      await countOf(contacts),
      await countOf(interactions),
      await countOf(surveyAnswers),
    ]).toEqual([20, 100, 1_000, 100]);
    expect(firm.sample.accountIds.length).toBe(20);
    expect(firm.sample.atRiskAccountIds.length).toBeGreaterThan(0);

    const client = await clientAs(ws, firm.owner.memberId);
    const portfolio = await expectJson(
      await client.api.v1.health.portfolio.$get({ query: {} }),
      200,
    );
    expect(portfolio.data.length).toBeGreaterThan(10);
    const busy = await clientAs(ws, firm.busyMember.memberId);
    const day = (await expectJson(await busy.api.v1.agenda.$get({ query: {} }), 200)) as Agenda;
    expect(sectionsWithItems(day)).toBeGreaterThanOrEqual(3);
    const timeline = await expectJson(
      await client.api.v1.accounts[":id"].timeline.$get({
        param: { id: firm.sample.atRiskAccountIds[0] as string },
        query: {},
      }),
      200,
    );
    expect(timeline.data.length).toBeGreaterThan(5);
    for (const prefix of firm.sample.searchPrefixes) {
      const found = await expectJson(
        await client.api.v1.search.$get({ query: { q: prefix } }),
        200,
      );
      expect(found.data.length, prefix).toBeGreaterThan(0);
    }
    // Every touch that needs a summary has one, and its participants work at its account.
    const [stray] = (
      (await t.db.execute(sql`
      select count(*)::int as n from interactions i
      where i.workspace_id = ${ws} and (
        (i.state = 'completed' and i.kind in ('meeting', 'call', 'visit', 'strategy_session') and coalesce(trim(i.summary), '') = '')
        or exists (select 1 from interaction_contacts ic where ic.workspace_id = i.workspace_id and ic.interaction_id = i.id
          and not exists (select 1 from contact_affiliations ca where ca.workspace_id = i.workspace_id and ca.contact_id = ic.contact_id and ca.account_id = i.account_id))
        or i.occurred_at > ${now.toISOString()}::timestamptz)`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows;
    expect(stray?.n).toBe(0);
  });

  it("refuses a demo size outside 5 to 2,000 accounts", async () => {
    await expect(generateFirm(t.db, { profile: "demo", accounts: 4 })).rejects.toThrow(/accounts/);
    await expect(generateFirm(t.db, { profile: "demo", accounts: 2_001 })).rejects.toThrow(
      /accounts/,
    );
  });
});
