import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/audit.schema";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { buildAccount } from "../accounts";
import { buildNeed } from "./needs.factory";
import type { CreateNeedInput } from "./needs.inputs";

let t: TestApp;
let firm: Awaited<ReturnType<TestApp["createWorkspace"]>>;
let other: Awaited<ReturnType<TestApp["createWorkspace"]>>;

beforeAll(async () => {
  t = await createTestApp();
  firm = await t.createWorkspace("Firm");
  other = await t.createWorkspace("Other firm");
});
afterAll(async () => {
  await t.close();
});

type Actor = typeof firm.owner;
const DAY = 86_400_000;

async function newAccount(actor: Actor) {
  return expectJson(await actor.client.api.v1.accounts.$post({ json: buildAccount() }), 201);
}

const post = (actor: Actor, accountId: string, overrides: Partial<CreateNeedInput> = {}) =>
  actor.client.api.v1.accounts[":id"].needs.$post({
    param: { id: accountId },
    json: buildNeed(overrides),
  });
const create = async (actor: Actor, accountId: string, o: Partial<CreateNeedInput> = {}) =>
  expectJson(await post(actor, accountId, o), 201);
const list = (actor: Actor, id: string, query: Record<string, string> = {}) =>
  actor.client.api.v1.accounts[":id"].needs.$get({ param: { id }, query });
const get = (actor: Actor, needId: string) =>
  actor.client.api.v1.needs[":needId"].$get({ param: { needId } });
const patch = (actor: Actor, needId: string, json: Record<string, unknown>, version?: number) =>
  actor.client.api.v1.needs[":needId"].$patch({
    param: { needId },
    json,
    header: version === undefined ? {} : { "if-match": `"${version}"` },
  });
const archive = (actor: Actor, needId: string, version?: number) =>
  actor.client.api.v1.needs[":needId"].archive.$post({
    param: { needId },
    header: version === undefined ? {} : { "if-match": `"${version}"` },
  });

async function auditOf(entityId: string) {
  const rows = await t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "need"), eq(auditEvents.entityId, entityId)))
    .orderBy(auditEvents.id);
  return rows;
}

async function pathsOf(res: Response | { status: number; text(): Promise<string> }) {
  const problem = await expectProblem(res as Response, 400, "VALIDATION_FAILED");
  return problem.errors?.map((e) => e.path).sort();
}

describe("recording and reading needs", () => {
  it("records a need learned today by default, open, medium priority, with an ETag, audited", async () => {
    const account = await newAccount(firm.owner);
    const res = await post(firm.owner, account.id, { kind: "goal", title: "Open a Lyon office" });
    expect(res.headers.get("etag")).toBe('"1"');
    const need = await expectJson(res, 201);
    expect(need).toMatchObject({
      accountId: account.id,
      kind: "goal",
      title: "Open a Lyon office",
      priority: "medium",
      status: "open",
      learnedOn: "2026-01-15",
      statusChangedAt: null,
      version: 1,
      archivedAt: null,
    });
    const got = await get(firm.owner, need.id);
    expect(got.headers.get("etag")).toBe('"1"');
    expect(await expectJson(got, 200)).toEqual(need);
    const events = await auditOf(need.id);
    expect(events).toEqual([
      expect.objectContaining({ action: "need.created", actorMemberId: firm.owner.memberId }),
    ]);
  });

  it("returns the first result when a create is retried with the same Idempotency-Key", async () => {
    const account = await newAccount(firm.owner);
    const send = () =>
      t.request(`/api/v1/accounts/${account.id}/needs`, {
        method: "POST",
        headers: {
          ...firm.owner.headers,
          "content-type": "application/json",
          "idempotency-key": `need-${account.id}`,
        },
        body: JSON.stringify({ kind: "need", title: "Faster onboarding" }),
      });
    const first: { id: string } = await expectJson(await send(), 201);
    expect(await expectJson(await send(), 201)).toEqual(first);
    const { data } = await expectJson(await list(firm.owner, account.id), 200);
    expect(data.map((n) => n.id)).toEqual([first.id]);
  });

  it("accepts a past learnedOn and dates a need recorded as already addressed", async () => {
    const account = await newAccount(firm.owner);
    const need = await create(firm.owner, account.id, {
      learnedOn: "2025-03-02",
      status: "addressed",
      priority: "high",
    });
    expect(need).toMatchObject({
      learnedOn: "2025-03-02",
      status: "addressed",
      statusChangedAt: t.clock().toISOString(),
    });
  });

  it("refuses a learnedOn in the future on create and change", async () => {
    const account = await newAccount(firm.owner);
    expect(await pathsOf(await post(firm.owner, account.id, { learnedOn: "2026-01-17" }))).toEqual([
      "learnedOn",
    ]);
    const need = await create(firm.owner, account.id);
    expect(await pathsOf(await patch(firm.owner, need.id, { learnedOn: "2027-01-01" }, 1))).toEqual(
      ["learnedOn"],
    );
    // At 09:00 UTC it is 23:00 in the earliest time zone (UTC+14): tomorrow is still ahead.
    expect(await pathsOf(await post(firm.owner, account.id, { learnedOn: "2026-01-16" }))).toEqual([
      "learnedOn",
    ]);
    // From 10:00 UTC tomorrow has begun there, so a client there may have told us today.
    t.clock.set("2026-01-15T12:00:00Z");
    await create(firm.owner, account.id, { learnedOn: "2026-01-16" });
  });

  it("lists open needs first, then by priority, then learned newest, with filters and pages", async () => {
    const account = await newAccount(firm.owner);
    const seeds: [string, Partial<CreateNeedInput>][] = [
      [
        "dropped-high",
        { status: "dropped", priority: "high", learnedOn: "2025-12-01", kind: "need" },
      ],
      ["open-low", { priority: "low", learnedOn: "2026-01-10", kind: "goal" }],
      ["open-high-old", { priority: "high", learnedOn: "2025-01-01", kind: "challenge" }],
      [
        "addressed-low",
        { status: "addressed", priority: "low", learnedOn: "2026-01-01", kind: "need" },
      ],
      ["open-high-new", { priority: "high", learnedOn: "2025-06-01", kind: "need" }],
      ["open-medium", { priority: "medium", learnedOn: "2024-01-01", kind: "goal" }],
    ];
    for (const [title, o] of seeds) await create(firm.owner, account.id, { ...o, title });
    const archived = await create(firm.owner, account.id, { title: "archived", priority: "high" });
    await expectJson(await archive(firm.owner, archived.id), 200);

    const full = await expectJson(await list(firm.owner, account.id), 200);
    expect(full.data.map((n) => n.title)).toEqual([
      "open-high-new",
      "open-high-old",
      "open-medium",
      "open-low",
      "dropped-high",
      "addressed-low",
    ]);
    expect(full.nextCursor).toBeNull();
    const titles = async (query: Record<string, string>) =>
      (await expectJson(await list(firm.owner, account.id, query), 200)).data.map((n) => n.title);
    expect(await titles({ status: "open", kind: "goal" })).toEqual(["open-medium", "open-low"]);
    expect(await titles({ status: "addressed" })).toEqual(["addressed-low"]);
    expect(await titles({ kind: "challenge" })).toEqual(["open-high-old"]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { title: string }[]; nextCursor: string | null } = await expectJson(
        await list(firm.owner, account.id, { limit: "4", ...(cursor ? { cursor } : {}) }),
        200,
      );
      seen.push(...page.data.map((n) => n.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(full.data.map((n) => n.title));
  });
});

describe("changing and archiving needs", () => {
  it("dates each status change, bumps the version and audits before and after", async () => {
    const account = await newAccount(firm.owner);
    const need = await create(firm.owner, account.id);
    t.clock.advance(2 * DAY);
    const res = await patch(firm.owner, need.id, { status: "addressed", detail: null }, 1);
    expect(res.headers.get("etag")).toBe('"2"');
    const changed = await expectJson(res, 200);
    expect(changed).toMatchObject({
      status: "addressed",
      detail: null,
      statusChangedAt: t.clock().toISOString(),
      version: 2,
    });
    t.clock.advance(DAY);
    const retitled = await expectJson(await patch(firm.owner, need.id, { title: "New" }, 2), 200);
    expect(retitled.statusChangedAt).toBe(changed.statusChangedAt);
    const same = await expectJson(
      await patch(firm.owner, need.id, { status: "addressed" }, 3),
      200,
    );
    expect(same.statusChangedAt).toBe(changed.statusChangedAt);
    const events = await auditOf(need.id);
    expect(events.map((e) => e.action)).toEqual([
      "need.created",
      "need.updated",
      "need.updated",
      "need.updated",
    ]);
    expect(events[1]).toMatchObject({
      before: { status: "open", version: 1 },
      after: { status: "addressed", version: 2 },
    });
  });

  it("refuses a stale If-Match with 412 and a missing one with 428", async () => {
    const account = await newAccount(firm.owner);
    const need = await create(firm.owner, account.id);
    await expectJson(await patch(firm.owner, need.id, { priority: "high" }, 1), 200);
    await expectProblem(
      await patch(firm.owner, need.id, { priority: "low" }, 1),
      412,
      "STALE_VERSION",
    );
    await expectProblem(
      await patch(firm.owner, need.id, { priority: "low" }),
      428,
      "PRECONDITION_REQUIRED",
    );
    await expectProblem(await archive(firm.owner, need.id, 1), 412, "STALE_VERSION");
  });

  it("archives: hidden from the list, still readable, harmless twice, then frozen", async () => {
    const account = await newAccount(firm.owner);
    const need = await create(firm.owner, account.id);
    const res = await archive(firm.owner, need.id, 1);
    expect(res.headers.get("etag")).toBe('"2"');
    expect((await expectJson(res, 200)).archivedAt).toBe(t.clock().toISOString());
    expect((await expectJson(await archive(firm.owner, need.id), 200)).version).toBe(2);
    expect((await expectJson(await list(firm.owner, account.id), 200)).data).toEqual([]);
    expect((await expectJson(await get(firm.owner, need.id), 200)).archivedAt).not.toBeNull();
    const problem = await expectProblem(
      await patch(firm.owner, need.id, { title: "X" }, 2),
      409,
      "CONFLICT",
    );
    expect(problem.detail).toContain("archived");
    expect((await auditOf(need.id)).map((e) => e.action)).toEqual([
      "need.created",
      "need.archived",
    ]);
  });

  it("freezes the needs of an archived account with a clear 409, still readable", async () => {
    const account = await newAccount(firm.owner);
    const need = await create(firm.owner, account.id);
    await expectJson(
      await firm.owner.client.api.v1.accounts[":id"].archive.$post({
        param: { id: account.id },
        header: {},
      }),
      200,
    );
    for (const res of [
      await post(firm.owner, account.id),
      await patch(firm.owner, need.id, { status: "dropped" }, 1),
      await archive(firm.owner, need.id),
    ]) {
      const problem = await expectProblem(res, 409, "CONFLICT");
      expect(problem.detail).toBe(
        `${account.name} is archived: unarchive the account to change its needs.`,
      );
    }
    expect((await expectJson(await list(firm.owner, account.id), 200)).data).toHaveLength(1);
    await expectJson(await get(firm.owner, need.id), 200);
  });
});

describe("who may change needs", () => {
  it("lets viewers read only; members write on accounts they own or serve; managers on any", async () => {
    const viewer = await firm.addMember("viewer");
    const outsider = await firm.addMember("member");
    const onTeam = await firm.addMember("member");
    const manager = await firm.addMember("manager");
    const owning = await firm.addMember("member");
    const account = await newAccount(firm.owner);
    await expectJson(
      await firm.owner.client.api.v1.accounts[":id"].team[":memberId"].$put({
        param: { id: account.id, memberId: onTeam.memberId },
        json: { role: "delivery" },
      }),
      200,
    );
    const need = await create(firm.owner, account.id);

    for (const reader of [viewer, outsider]) {
      await expectJson(await list(reader, account.id), 200);
      await expectJson(await get(reader, need.id), 200);
      for (const res of [
        await post(reader, account.id),
        await patch(reader, need.id, { priority: "high" }, 1),
        await archive(reader, need.id),
      ]) {
        await expectProblem(res, 403, "FORBIDDEN");
      }
    }
    const denied = await expectProblem(await post(viewer, account.id), 403, "FORBIDDEN");
    expect(denied.detail).toContain("Viewers");

    await create(onTeam, account.id);
    await expectJson(await patch(onTeam, need.id, { priority: "high" }, 1), 200);
    await create(manager, account.id);
    await expectJson(await patch(manager, need.id, { priority: "low" }, 2), 200);
    const own = await newAccount(owning);
    const ownNeed = await create(owning, own.id);
    await expectJson(await archive(owning, ownNeed.id), 200);
    await expectJson(await archive(manager, need.id), 200);
  });

  it("answers 404 for another workspace's account or need on every route", async () => {
    const theirs = await newAccount(other.owner);
    const theirNeed = await create(other.owner, theirs.id);
    await expectProblem(await list(firm.owner, theirs.id), 404, "NOT_FOUND");
    await expectProblem(await post(firm.owner, theirs.id), 404, "NOT_FOUND");
    await expectProblem(await get(firm.owner, theirNeed.id), 404, "NOT_FOUND");
    await expectProblem(await patch(firm.owner, theirNeed.id, { title: "X" }, 1), 404, "NOT_FOUND");
    await expectProblem(await archive(firm.owner, theirNeed.id), 404, "NOT_FOUND");
    const unknown = "0190a0a0-0000-7000-8000-000000000000";
    await expectProblem(await get(firm.owner, unknown), 404, "NOT_FOUND");
    await expectProblem(await list(firm.owner, unknown), 404, "NOT_FOUND");
  });
});

describe("bad input", () => {
  let accountId: string;
  let needId: string;
  beforeAll(async () => {
    accountId = (await newAccount(firm.owner)).id;
    needId = (await create(firm.owner, accountId)).id;
  });
  const send = (method: string, path: string, body?: unknown, headers = {}) =>
    t.request(path, {
      method,
      headers: { "content-type": "application/json", ...firm.owner.headers, ...headers },
      ...(body === undefined
        ? {}
        : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
  const createRaw = (body: unknown) => send("POST", `/api/v1/accounts/${accountId}/needs`, body);
  const changeRaw = (body: unknown) =>
    send("PATCH", `/api/v1/needs/${needId}`, body, { "if-match": '"1"' });

  const cases: [string, unknown, string[]][] = [
    ["missing fields", { detail: "x" }, ["kind", "title"]],
    [
      "wrong types",
      { kind: "goal", title: 7, detail: 3, priority: 1 },
      ["detail", "priority", "title"],
    ],
    [
      "unknown enums",
      { kind: "wish", title: "A", status: "done", priority: "urgent" },
      ["kind", "priority", "status"],
    ],
    ["a malformed date", { kind: "goal", title: "A", learnedOn: "2025-02-30" }, ["learnedOn"]],
    ["a blank title", { kind: "goal", title: "   " }, ["title"]],
    ["a too-long title", { kind: "goal", title: "x".repeat(301) }, ["title"]],
  ];
  for (const [label, body, paths] of cases) {
    it(`answers 400 with the field path on create and change: ${label}`, async () => {
      expect(await pathsOf(await createRaw(body))).toEqual(paths);
      if (label === "missing fields") return;
      expect(await pathsOf(await changeRaw(body))).toEqual(paths);
    });
  }

  it("rejects unknown fields, an empty change, malformed JSON, bad ids, filters and cursors", async () => {
    const unknown = await expectProblem(
      await createRaw({ kind: "goal", title: "A", urgent: true }),
      400,
      "VALIDATION_FAILED",
    );
    expect(unknown.detail).toContain("urgent");
    await expectProblem(await changeRaw({}), 400, "VALIDATION_FAILED");
    await expectProblem(await createRaw("{nope"), 400, "MALFORMED_JSON");
    await expectProblem(await changeRaw("{nope"), 400, "MALFORMED_JSON");
    for (const [method, path] of [
      ["GET", "/api/v1/accounts/nope/needs"],
      ["POST", "/api/v1/accounts/nope/needs"],
      ["GET", "/api/v1/needs/nope"],
      ["PATCH", "/api/v1/needs/nope"],
      ["POST", "/api/v1/needs/nope/archive"],
    ] as const) {
      const body = method === "GET" ? undefined : { kind: "goal", title: "A" };
      await expectProblem(
        await send(method, path, body, { "if-match": '"1"' }),
        400,
        "VALIDATION_FAILED",
      );
    }
    const base = `/api/v1/accounts/${accountId}/needs`;
    const forged = Buffer.from(JSON.stringify([1, 9, "x", "y"])).toString("base64url");
    for (const query of [
      "status=done",
      "kind=wish",
      "limit=0",
      "limit=abc",
      "cursor=garbage",
      `cursor=${forged}`,
    ]) {
      expect(await pathsOf(await send("GET", `${base}?${query}`))).toEqual([query.split("=")[0]]);
    }
  });

  it("answers 413 for a body over 1 MB and 401 without credentials", async () => {
    const huge = { kind: "goal", title: "A", detail: "x".repeat(1_100_000) };
    await expectProblem(await createRaw(huge), 413, "PAYLOAD_TOO_LARGE");
    await expectProblem(await changeRaw(huge), 413, "PAYLOAD_TOO_LARGE");
    await expectProblem(
      await createRaw({ ...huge, detail: "x".repeat(20_001) }),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(await t.request(`/api/v1/needs/${needId}`), 401, "UNAUTHENTICATED");
  });
});
