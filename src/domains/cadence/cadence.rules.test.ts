import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/audit.schema";
import { workspaces } from "../../platform/auth/auth.schema";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { buildAccount } from "../accounts";
import type { CreateCadenceRuleInput } from "./cadence.inputs";
import { cadenceRules } from "./cadence.schema";
import { listCadenceStates } from "./cadence.states";
import { cadenceHelpers } from "./cadence.testing";

let t: TestApp;
let h: ReturnType<typeof cadenceHelpers>;
let firm: Awaited<ReturnType<TestApp["createWorkspace"]>>;
let other: Awaited<ReturnType<TestApp["createWorkspace"]>>;

beforeAll(async () => {
  t = await createTestApp();
  h = cadenceHelpers(t);
  firm = await t.createWorkspace("Firm");
  other = await t.createWorkspace("Other firm");
});
afterAll(async () => {
  await t.close();
});

type Actor = typeof firm.owner;
const rulesApi = (actor: Actor) => actor.client.api.v1["cadence-rules"];
const list = async (actor: Actor, query: Record<string, string> = {}) =>
  (await expectJson(await rulesApi(actor).$get({ query }), 200)).data;
const post = (actor: Actor, json: CreateCadenceRuleInput) => rulesApi(actor).$post({ json });
const patch = (actor: Actor, ruleId: string, json: Record<string, unknown>, version?: number) =>
  rulesApi(actor)[":ruleId"].$patch({
    param: { ruleId },
    json,
    header: version === undefined ? {} : { "if-match": `"${version}"` },
  });
const archive = (actor: Actor, ruleId: string) =>
  rulesApi(actor)[":ruleId"].archive.$post({ param: { ruleId }, header: {} });

describe("default rules", () => {
  it("seeds the defaults once on first use, dated with the workspace, even when two first reads race", async () => {
    const ws = await t.createWorkspace("Fresh");
    t.clock.advance(3_600_000);
    const [a, b] = await Promise.all([list(ws.owner), list(ws.owner)]);
    expect(a).toEqual(b);
    expect(a.map((r) => `${r.scope}:${r.tier ?? "-"}:${r.kind}:${r.everyDays}`)).toEqual([
      "tier:key:any:14",
      "tier:key:strategy_session:90",
      "tier:key:check_in:30",
      "tier:growth:any:30",
      "tier:growth:check_in:60",
      "tier:standard:any:60",
      "prospects:-:any:21",
    ]);
    expect(a.every((r) => r.createdAt === ws.workspace.createdAt.toISOString())).toBe(true);
    const seeded = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.workspaceId, ws.workspace.id),
          eq(auditEvents.action, "cadence_rule.seeded"),
        ),
      );
    expect(seeded).toHaveLength(7);
  });

  it("seeds only the default tiers the workspace kept, and never again once it has rules, archived or not", async () => {
    const ws = await t.createWorkspace("Custom tiers");
    await t.db
      .update(workspaces)
      .set({ tiers: ["key", "platinum"] })
      .where(eq(workspaces.id, ws.workspace.id));
    await listCadenceStates(h.systemCtx(ws.workspace.id)); // computing seeds too
    const rules = await list(ws.owner);
    expect(rules.map((r) => r.tier ?? r.scope)).toEqual(["key", "key", "key", "prospects"]);
    for (const rule of rules) await expectJson(await archive(ws.owner, rule.id), 200);
    expect(await list(ws.owner)).toEqual([]);
    expect(await list(ws.owner, { includeArchived: "true" })).toHaveLength(4);
  });
});

describe("changing rules", () => {
  it("creates tier, account and prospects rules, changes them with If-Match, archives them (audited)", async () => {
    const account = await expectJson(
      await firm.owner.client.api.v1.accounts.$post({ json: buildAccount() }),
      201,
    );
    const res = await post(firm.owner, { accountId: account.id, kind: "check_in", everyDays: 10 });
    expect(res.headers.get("etag")).toBe('"1"');
    const rule = await expectJson(res, 201);
    expect(rule).toMatchObject({
      scope: "account",
      accountId: account.id,
      tier: null,
      kind: "check_in",
      everyDays: 10,
    });
    expect(await list(firm.owner, { accountId: account.id })).toEqual([rule]);
    await expectJson(await post(firm.owner, { tier: "growth", kind: "visit", everyDays: 45 }), 201);
    await expectJson(await post(firm.owner, { prospects: true, kind: "email", everyDays: 7 }), 201);

    await expectProblem(
      await patch(firm.owner, rule.id, { everyDays: 12 }),
      428,
      "PRECONDITION_REQUIRED",
    );
    await expectProblem(
      await patch(firm.owner, rule.id, { everyDays: 12 }, 9),
      412,
      "STALE_VERSION",
    );
    const changed = await expectJson(
      await patch(firm.owner, rule.id, { everyDays: 12, kind: "call" }, 1),
      200,
    );
    expect(changed).toMatchObject({ everyDays: 12, kind: "call", version: 2 });
    const archived = await expectJson(await archive(firm.owner, rule.id), 200);
    expect(archived.archivedAt).toBe(t.clock().toISOString());
    expect((await expectJson(await archive(firm.owner, rule.id), 200)).version).toBe(
      archived.version,
    );
    await expectProblem(
      await patch(firm.owner, rule.id, { everyDays: 5 }, archived.version),
      409,
      "CONFLICT",
    );
    const got = await rulesApi(firm.owner)[":ruleId"].$get({ param: { ruleId: rule.id } });
    expect(got.headers.get("etag")).toBe(`"${archived.version}"`);
    const audit = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, rule.id))
      .orderBy(auditEvents.id);
    expect(audit.map((e) => e.action)).toEqual([
      "cadence_rule.created",
      "cadence_rule.updated",
      "cadence_rule.archived",
    ]);
  });

  it("refuses a second live rule for the same accounts and kind (409)", async () => {
    await expectJson(
      await post(firm.owner, { tier: "standard", kind: "visit", everyDays: 90 }),
      201,
    );
    await expectProblem(
      await post(firm.owner, { tier: "standard", kind: "visit", everyDays: 30 }),
      409,
      "ALREADY_EXISTS",
    );
    const [anyRule] = await list(firm.owner, { tier: "standard" });
    await expectProblem(
      await patch(firm.owner, anyRule?.id ?? "", { kind: "visit" }, anyRule?.version),
      409,
      "ALREADY_EXISTS",
    );
  });

  it("lets managers and above change rules; members and viewers only read them", async () => {
    const member = await firm.addMember("member");
    const viewer = await firm.addMember("viewer");
    const manager = await firm.addMember("manager");
    const [rule] = await list(member);
    for (const actor of [member, viewer]) {
      await expectJson(
        await rulesApi(actor)[":ruleId"].$get({ param: { ruleId: rule?.id ?? "" } }),
        200,
      );
      await expectProblem(
        await post(actor, { tier: "key", kind: "event", everyDays: 180 }),
        403,
        "FORBIDDEN",
      );
      await expectProblem(
        await patch(actor, rule?.id ?? "", { everyDays: 5 }, rule?.version),
        403,
        "FORBIDDEN",
      );
      await expectProblem(await archive(actor, rule?.id ?? ""), 403, "FORBIDDEN");
    }
    await expectJson(await post(manager, { tier: "key", kind: "event", everyDays: 180 }), 201);
  });

  it("answers 404 for another workspace's rule", async () => {
    const [rule] = await list(firm.owner);
    const ruleId = rule?.id ?? "";
    await expectProblem(
      await rulesApi(other.owner)[":ruleId"].$get({ param: { ruleId } }),
      404,
      "NOT_FOUND",
    );
    await expectProblem(await patch(other.owner, ruleId, { everyDays: 3 }, 1), 404, "NOT_FOUND");
    await expectProblem(await archive(other.owner, ruleId), 404, "NOT_FOUND");
    expect((await list(other.owner)).map((r) => r.id)).not.toContain(ruleId);
  });
});

describe("bad input", () => {
  const raw = (method: string, path: string, body?: unknown, headers = {}) =>
    t.request(path, {
      method,
      headers: { ...firm.owner.headers, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  const pathsOf = async (res: Response) =>
    (await expectProblem(res, 400, "VALIDATION_FAILED")).errors?.map((e) => e.path).sort();

  it("refuses bad intervals, kinds, tiers, scopes, foreign accounts and unknown fields on create", async () => {
    const foreign = await expectJson(
      await other.owner.client.api.v1.accounts.$post({ json: buildAccount() }),
      201,
    );
    const ok = { tier: "key", kind: "call", everyDays: 10 };
    const cases: [unknown, string[]][] = [
      [{ ...ok, everyDays: 0 }, ["everyDays"]],
      [{ ...ok, everyDays: 1.5 }, ["everyDays"]],
      [{ ...ok, everyDays: "7" }, ["everyDays"]],
      [{ ...ok, everyDays: 100_000 }, ["everyDays"]],
      [{ tier: "key", kind: "call" }, ["everyDays"]],
      [{ ...ok, kind: "telepathy" }, ["kind"]],
      [{ tier: "key", everyDays: 3 }, ["kind"]],
      [{ ...ok, tier: "gold" }, ["tier"]],
      [{ ...ok, tier: "x".repeat(41) }, ["tier"]],
      [{ kind: "call", everyDays: 3 }, ["scope"]],
      [{ ...ok, prospects: true }, ["scope"]],
      [{ ...ok, prospects: false }, ["prospects"]],
      [{ kind: "call", everyDays: 3, accountId: "nope" }, ["accountId"]],
      [{ kind: "call", everyDays: 3, accountId: foreign.id }, ["accountId"]],
      [{ ...ok, colour: "red" }, [""]],
    ];
    for (const [body, paths] of cases) {
      const got = await pathsOf(await raw("POST", "/api/v1/cadence-rules", body));
      expect(got, JSON.stringify(body)).toEqual(expect.arrayContaining(paths));
      expect(got?.length, JSON.stringify(body)).toBe(paths.length);
    }
    await expectProblem(await raw("POST", "/api/v1/cadence-rules", "{"), 400, "MALFORMED_JSON");
  });

  it("refuses bad changes, ids, filters and cursors, and state reads for bad or foreign accounts", async () => {
    const [rule] = await list(firm.owner);
    const at = `/api/v1/cadence-rules/${rule?.id}`;
    const ifMatch = { "if-match": `"${rule?.version}"` };
    expect(await pathsOf(await raw("PATCH", at, {}, ifMatch))).toEqual(["(root)"]);
    expect(await pathsOf(await raw("PATCH", at, { everyDays: -1 }, ifMatch))).toEqual([
      "everyDays",
    ]);
    expect(await pathsOf(await raw("PATCH", at, { tier: "growth" }, ifMatch))).toContain("");
    expect(await pathsOf(await raw("GET", "/api/v1/cadence-rules/123"))).toEqual(["ruleId"]);
    expect(await pathsOf(await raw("POST", "/api/v1/cadence-rules/123/archive"))).toEqual([
      "ruleId",
    ]);
    for (const query of [
      "scope=planet",
      "accountId=1",
      "includeArchived=yes",
      "cursor=zzz",
      "limit=500",
    ]) {
      expect(await pathsOf(await raw("GET", `/api/v1/cadence-rules?${query}`)), query).toHaveLength(
        1,
      );
    }
    expect(await pathsOf(await raw("GET", "/api/v1/cadence/status"))).toEqual(["accountId"]);
    expect(await pathsOf(await raw("GET", "/api/v1/cadence/status?accountId=x"))).toEqual([
      "accountId",
    ]);
    expect(await pathsOf(await raw("GET", "/api/v1/cadence/overdue?ownerId=x"))).toEqual([
      "ownerId",
    ]);
    expect(await pathsOf(await raw("GET", "/api/v1/cadence/overdue?memberId=x"))).toEqual([
      "memberId",
    ]);
    const foreign = await expectJson(
      await other.owner.client.api.v1.accounts.$post({ json: buildAccount() }),
      201,
    );
    await expectProblem(
      await raw("GET", `/api/v1/cadence/status?accountId=${foreign.id}`),
      404,
      "NOT_FOUND",
    );
  });
});

describe("listCadenceStates filters", () => {
  it("narrows to an owner's accounts, or a member's (owned or on the team)", async () => {
    const ws = await t.createWorkspace("Filters");
    const mate = await ws.addMember("member");
    const mine = await h.newAccount(ws.owner);
    const theirs = await h.newAccount(mate);
    const shared = await h.newAccount(ws.owner);
    await expectJson(
      await ws.owner.client.api.v1.accounts[":id"].team[":memberId"].$put({
        param: { id: shared.id, memberId: mate.memberId },
        json: { role: "delivery" },
      }),
      200,
    );
    const ctx = h.systemCtx(ws.workspace.id);
    const ids = async (f: Parameters<typeof listCadenceStates>[1]) =>
      [...new Set((await listCadenceStates(ctx, f)).map((s) => s.accountId))].sort();
    expect(await ids({ ownerId: mate.memberId })).toEqual([theirs.id]);
    expect(await ids({ memberId: mate.memberId })).toEqual([theirs.id, shared.id].sort());
    expect(await ids({})).toEqual([mine.id, theirs.id, shared.id].sort());
    expect(
      await t.db.select().from(cadenceRules).where(eq(cadenceRules.workspaceId, ws.workspace.id)),
    ).toHaveLength(7);
  });
});
