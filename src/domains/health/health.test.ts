import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
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

type Workspace = Awaited<ReturnType<TestApp["createWorkspace"]>>;
type Actor = Workspace["owner"];
const portfolio = async (actor: Actor, query: Record<string, string> = {}) =>
  expectJson(await actor.client.api.v1.health.portfolio.$get({ query }), 200);
const NIL = "00000000-0000-4000-8000-000000000000";

/*
 * Scores of new accounts without contacts (multi-threading 20), by open alarms:
 * none 80, one 73, four or more 63 (alarms 0: (2000 + 1500 + 300) / 60).
 */
describe("the portfolio", () => {
  let ws: Workspace;
  let manager: Actor;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t.clock.set("2026-01-15T09:00:00Z");
    ws = await t.createWorkspace("Portfolio");
    manager = await ws.addMember("manager");
    const make = async (name: string, over: Record<string, unknown>, alarms: number) => {
      const account = await h.newAccount(ws.owner, { name, ...over });
      await h.raiseAlarms(ws, account.id, alarms);
      ids[name] = account.id;
    };
    await make("Key Bank", { tier: "key", segment: "Banking" }, 4); // 63
    await make("Growth Shop", { tier: "growth", segment: "Retail", ownerId: manager.memberId }, 0);
    await make("Growth Two", { tier: "growth", segment: "Retail" }, 0); // 80
    await make("Standard Co", { tier: "standard" }, 1); // 73
    await make("Gone Ltd", { tier: "standard", status: "former" }, 0);
    const archived = await h.newAccount(ws.owner, { name: "Archived Inc" });
    await expectJson(
      await ws.owner.client.api.v1.accounts[":id"].archive.$post({
        param: { id: archived.id },
        header: {},
      }),
      200,
    );
  });

  it("ranks live accounts by risk, lowest score first, each scored by the job its creation asked for", async () => {
    // The portfolio reads stored scores only: until the recompute runs, a new account waits.
    expect((await portfolio(ws.owner)).data).toEqual([]);
    await h.runJobs();
    const page = await portfolio(ws.owner);
    const eighty = [ids["Growth Shop"], ids["Growth Two"]].sort();
    expect(page.data.map((r) => r.accountId)).toEqual([
      ids["Key Bank"],
      ids["Standard Co"],
      ...eighty,
    ]);
    expect(page.nextCursor).toBeNull();
    expect(page.data[0]).toEqual({
      accountId: ids["Key Bank"],
      name: "Key Bank",
      score: 63,
      band: "watch",
      trend: "flat",
      // Lost points × weight: multi-threading 80 × 15 beats alarms 100 × 10.
      topConcern: expect.stringMatching(/^Single-threaded, no executive sponsor/),
      ownerId: ws.owner.memberId,
      ownerName: expect.any(String),
      tier: "key",
      segment: "Banking",
      lastTouchAt: null,
      change7d: null,
    });
  });

  it("pages with a keyset cursor on (score, account), ties broken by account id", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await portfolio(ws.owner, { limit: "1", ...(cursor ? { cursor } : {}) });
      expect(page.data).toHaveLength(1);
      seen.push(page.data[0]?.accountId ?? "");
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual((await portfolio(ws.owner)).data.map((r) => r.accountId));
  });

  it("filters by owner, tier, segment, band and a fall over 7 days", async () => {
    const names = async (query: Record<string, string>) =>
      (await portfolio(ws.owner, query)).data.map((r) => r.name);
    expect(await names({ ownerId: manager.memberId })).toEqual(["Growth Shop"]);
    expect(await names({ tier: "key" })).toEqual(["Key Bank"]);
    expect((await names({ segment: "Retail" })).sort()).toEqual(["Growth Shop", "Growth Two"]);
    expect(await names({ band: "watch" })).toEqual(["Key Bank"]);
    expect(await names({ band: "at_risk" })).toEqual([]);
    expect(await names({ declined: "7d" })).toEqual([]);

    t.clock.set("2026-01-23T09:00:00Z");
    await h.raiseAlarms(ws, ids["Growth Two"] ?? "", 2); // 80 → 70 (recency still 100)
    await h.enqueueRecompute(ws);
    await h.runJobs();
    const declined = await portfolio(ws.owner, { declined: "7d" });
    expect(declined.data.map((r) => [r.name, r.score, r.trend, r.change7d])).toEqual([
      ["Growth Two", 70, "down", -10],
    ]);
  });

  it("counts accounts by band for each tier, in the workspace's tier order", async () => {
    const summary = await expectJson(
      await ws.owner.client.api.v1.health.portfolio.summary.$get({ query: {} }),
      200,
    );
    expect(summary).toEqual({
      tiers: [
        { tier: "key", healthy: 0, watch: 1, at_risk: 0, total: 1 },
        { tier: "growth", healthy: 2, watch: 0, at_risk: 0, total: 2 },
        { tier: "standard", healthy: 1, watch: 0, at_risk: 0, total: 1 },
      ],
      total: { healthy: 3, watch: 1, at_risk: 0, total: 4 },
    });
    const mine = await expectJson(
      await manager.client.api.v1.health.portfolio.summary.$get({
        query: { ownerId: manager.memberId },
      }),
      200,
    );
    expect(mine.total).toEqual({ healthy: 1, watch: 0, at_risk: 0, total: 1 });
  });

  it("shows another workspace nothing of it, and answers 404 for its accounts", async () => {
    const other = await t.createWorkspace("Elsewhere");
    expect((await portfolio(other.owner)).data).toEqual([]);
    await expectProblem(
      await other.owner.client.api.v1.accounts[":id"].health.$get({
        param: { id: ids["Key Bank"] ?? "" },
      }),
      404,
      "NOT_FOUND",
    );
  });
});

describe("health weights", () => {
  it("start at the defaults, readable by every role", async () => {
    const ws = await t.createWorkspace("Weights");
    const viewer = await ws.addMember("viewer");
    const res = await viewer.client.api.v1.health.settings.$get();
    expect(res.headers.get("etag")).toBe('"1"');
    expect(await expectJson(res, 200)).toMatchObject({
      weights: {
        cadence: 20,
        recency: 15,
        satisfaction: 20,
        satisfaction_trend: 10,
        tone_trend: 10,
        multi_threading: 15,
        alarms: 10,
      },
      version: 1,
    });
  });

  it("are changed by managers and above under If-Match, and scores follow", async () => {
    t.clock.set("2026-01-15T09:00:00Z");
    const ws = await t.createWorkspace("Reweigh");
    const manager = await ws.addMember("manager");
    const account = await h.newAccount(ws.owner);
    expect((await h.health(ws.owner, account.id)).score).toBe(80);
    const patch = (actor: Actor, weights: Record<string, number>, ifMatch?: string) =>
      actor.client.api.v1.health.settings.$patch({
        json: { weights },
        header: ifMatch ? { "if-match": ifMatch } : {},
      });
    for (const role of ["member", "viewer"] as const) {
      const actor = await ws.addMember(role);
      await expectProblem(await patch(actor, { alarms: 0 }, '"1"'), 403, "FORBIDDEN");
    }
    await expectProblem(await patch(manager, { alarms: 0 }), 428, "PRECONDITION_REQUIRED");
    await expectProblem(await patch(manager, { alarms: 0 }, '"7"'), 412, "STALE_VERSION");
    const res = await patch(manager, { multi_threading: 0 }, '"1"');
    expect(res.headers.get("etag")).toBe('"2"');
    expect(await expectJson(res, 200)).toMatchObject({
      weights: { multi_threading: 0, cadence: 20 },
      defaults: { multi_threading: 15 },
      version: 2,
    });
    await h.runJobs(); // the change enqueued a workspace recompute: every counted part is 100
    const health = await h.health(ws.owner, account.id);
    expect(health.score).toBe(100);
    expect(health.components.find((c) => c.key === "multi_threading")).toMatchObject({
      score: 20,
      weight: 0,
    });
  });

  it("refuses weights that are not whole numbers from 0 to 100, unknown keys, and all zeros", async () => {
    const ws = await t.createWorkspace("Bad weights");
    const send = (body: unknown) =>
      t.request("/api/v1/health/settings", {
        method: "PATCH",
        headers: { ...ws.owner.headers, "content-type": "application/json", "if-match": '"1"' },
        body: JSON.stringify(body),
      });
    for (const body of [
      { weights: { cadence: 101 } },
      { weights: { cadence: -1 } },
      { weights: { cadence: 1.5 } },
      { weights: { cadence: "20" } },
      { weights: { loyalty: 10 } },
      { weights: {} },
      {},
      { weights: { cadence: 10 }, extra: true },
    ]) {
      await expectProblem(await send(body), 400, "VALIDATION_FAILED");
    }
    const zeros = { cadence: 0, recency: 0, satisfaction: 0, satisfaction_trend: 0 };
    const problem = await expectProblem(
      await send({ weights: { ...zeros, tone_trend: 0, multi_threading: 0, alarms: 0 } }),
      400,
      "VALIDATION_FAILED",
    );
    expect(problem.errors).toEqual([
      { path: "weights", message: "At least one weight must be above 0" },
    ]);
  });
});

describe("bad input and access", () => {
  it("answers 400 for a bad account id, filter, limit or cursor", async () => {
    const ws = await t.createWorkspace("Bad input");
    const get = (path: string) => t.request(path, { headers: ws.owner.headers });
    await expectProblem(await get("/api/v1/accounts/not-a-uuid/health"), 400, "VALIDATION_FAILED");
    for (const query of [
      "band=great",
      "declined=30d",
      "limit=0",
      "limit=201",
      "ownerId=me",
      "cursor=nonsense",
      `cursor=${Buffer.from(JSON.stringify(["x", NIL])).toString("base64url")}`,
      `cursor=${Buffer.from(JSON.stringify([50, "not-a-uuid"])).toString("base64url")}`,
      "tier=",
    ]) {
      await expectProblem(await get(`/api/v1/health/portfolio?${query}`), 400, "VALIDATION_FAILED");
    }
    await expectProblem(
      await get("/api/v1/health/portfolio/summary?ownerId=me"),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(await get(`/api/v1/accounts/${NIL}/health`), 404, "NOT_FOUND");
  });

  it("answers 401 without credentials at every route", async () => {
    for (const path of [
      `/api/v1/accounts/${NIL}/health`,
      "/api/v1/health/portfolio",
      "/api/v1/health/portfolio/summary",
      "/api/v1/health/settings",
    ]) {
      await expectProblem(await t.request(path), 401, "UNAUTHENTICATED");
    }
  });

  it("lets every role read an account's health and the portfolio", async () => {
    t.clock.set("2026-01-15T09:00:00Z");
    const ws = await t.createWorkspace("Readers");
    const account = await h.newAccount(ws.owner);
    for (const role of ["viewer", "member", "manager"] as const) {
      const actor = await ws.addMember(role);
      expect((await h.health(actor, account.id)).score).toBe(80);
      expect((await portfolio(actor)).data).toHaveLength(1);
    }
  });
});
