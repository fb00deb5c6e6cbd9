import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/audit.schema";
import { members } from "../../platform/auth/auth.schema";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { buildAccount } from "./accounts.factory";
import { type AccountSort, accountSorts, type CreateAccountInput } from "./accounts.inputs";

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

async function create(actor: Actor, overrides: Partial<CreateAccountInput> = {}) {
  const res = await actor.client.api.v1.accounts.$post({ json: buildAccount(overrides) });
  return expectJson(res, 201);
}

function patch(actor: Actor, id: string, json: Record<string, unknown>, version?: number) {
  return actor.client.api.v1.accounts[":id"].$patch({
    param: { id },
    json,
    header: version === undefined ? {} : { "if-match": `"${version}"` },
  });
}

const archive = (actor: Actor, id: string) =>
  actor.client.api.v1.accounts[":id"].archive.$post({ param: { id }, header: {} });
const unarchive = (actor: Actor, id: string) =>
  actor.client.api.v1.accounts[":id"].unarchive.$post({ param: { id }, header: {} });

async function pathsOf(res: Response | { status: number; text(): Promise<string> }) {
  const problem = await expectProblem(res as Response, 400, "VALIDATION_FAILED");
  return problem.errors?.map((e) => e.path).sort();
}

async function auditOf(entityId: string) {
  const rows = await t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "account"), eq(auditEvents.entityId, entityId)))
    .orderBy(auditEvents.id);
  return rows.map((r) => r.action);
}

describe("creating and reading accounts", () => {
  it("creates a prospect owned by its creator, with a normalised domain and a dated status", async () => {
    const body = await create(firm.owner, {
      name: "Northwind",
      domain: "https://WWW.Northwind.Example/about",
      serviceLevel: { coverage: "managed", hours: "24x7" },
      milestones: [
        { on: "2025-06-01", title: "Renewal" },
        { on: "2024-01-10", title: "First project", detail: "Audit" },
      ],
      background: "Family-owned since 1952",
    });
    expect(body).toMatchObject({
      name: "Northwind",
      domain: "northwind.example",
      status: "prospect",
      ownerId: firm.owner.memberId,
      serviceLevel: { coverage: "managed", hours: "24x7" },
      version: 1,
      archivedAt: null,
      statusHistory: [{ status: "prospect", changedAt: t.clock().toISOString() }],
    });
    expect(body.milestones.map((m) => m.on)).toEqual(["2024-01-10", "2025-06-01"]);
    const got = await firm.owner.client.api.v1.accounts[":id"].$get({ param: { id: body.id } });
    expect(got.headers.get("etag")).toBe('"1"');
    expect(await expectJson(got, 200)).toEqual(body);
    expect(await auditOf(body.id)).toEqual(["account.created"]);
  });

  it("answers 409 with the existing id for a domain a live account already has", async () => {
    const first = await create(firm.owner, { domain: "dup.example" });
    const res = await firm.owner.client.api.v1.accounts.$post({
      json: buildAccount({ domain: "http://www.DUP.example/" }),
    });
    const problem = await expectProblem(res, 409, "ALREADY_EXISTS");
    expect((problem as unknown as { existingId: string }).existingId).toBe(first.id);
    const second = await create(firm.owner);
    await expectProblem(
      await patch(firm.owner, second.id, { domain: "dup.example" }, 1),
      409,
      "ALREADY_EXISTS",
    );
    // Another workspace may use the same domain.
    await create(other.owner, { domain: "dup.example" });
  });

  it("answers 404 for another workspace's account on every route", async () => {
    const theirs = await create(other.owner);
    const param = { id: theirs.id };
    const api = firm.owner.client.api.v1.accounts[":id"];
    await expectProblem(await api.$get({ param }), 404, "NOT_FOUND");
    await expectProblem(await patch(firm.owner, theirs.id, { name: "X" }, 1), 404, "NOT_FOUND");
    await expectProblem(await archive(firm.owner, theirs.id), 404, "NOT_FOUND");
    await expectProblem(await unarchive(firm.owner, theirs.id), 404, "NOT_FOUND");
    const list = await expectJson(
      await firm.owner.client.api.v1.accounts.$get({ query: { limit: "200" } }),
      200,
    );
    expect(list.data.some((a) => a.id === theirs.id)).toBe(false);
  });
});

describe("changing accounts", () => {
  it("records each status change with its date and bumps the version", async () => {
    const account = await create(firm.owner);
    const created = t.clock().toISOString();
    t.clock.advance(3 * DAY);
    const res = await patch(firm.owner, account.id, { status: "onboarding", tier: "key" }, 1);
    expect(res.headers.get("etag")).toBe('"2"');
    const changed = await expectJson(res, 200);
    expect(changed.statusHistory).toEqual([
      { status: "prospect", changedAt: created },
      { status: "onboarding", changedAt: t.clock().toISOString() },
    ]);
    expect(changed).toMatchObject({ tier: "key", version: 2 });
    expect(changed.updatedAt).toBe(t.clock().toISOString());
    // Same status again: no new history entry.
    const same = await expectJson(
      await patch(firm.owner, account.id, { status: "onboarding" }, 2),
      200,
    );
    expect(same.statusHistory).toHaveLength(2);
    const cleared = await expectJson(
      await patch(firm.owner, account.id, { tier: null, domain: null, serviceLevel: null }, 3),
      200,
    );
    expect(cleared).toMatchObject({ tier: null, domain: null, serviceLevel: null });
    expect(await auditOf(account.id)).toEqual([
      "account.created",
      "account.updated",
      "account.updated",
      "account.updated",
    ]);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, account.id), eq(auditEvents.action, "account.updated")))
      .orderBy(auditEvents.id)
      .limit(1);
    expect(event).toMatchObject({
      actorMemberId: firm.owner.memberId,
      before: { status: "prospect", version: 1 },
      after: { status: "onboarding", tier: "key", version: 2 },
    });
  });

  it("refuses a stale If-Match with 412 and a missing one with 428", async () => {
    const account = await create(firm.owner);
    expect((await patch(firm.owner, account.id, { segment: "Legal" }, 1)).status).toBe(200);
    await expectProblem(
      await patch(firm.owner, account.id, { segment: "Retail" }, 1),
      412,
      "STALE_VERSION",
    );
    await expectProblem(
      await patch(firm.owner, account.id, { segment: "Retail" }),
      428,
      "PRECONDITION_REQUIRED",
    );
    const res = await firm.owner.client.api.v1.accounts[":id"].archive.$post({
      param: { id: account.id },
      header: { "if-match": '"1"' },
    });
    await expectProblem(res, 412, "STALE_VERSION");
  });

  it("archives and unarchives: hidden from the list, domain freed, audited, then refused edits", async () => {
    const account = await create(firm.owner, { domain: "gone.example" });
    const archived = await expectJson(await archive(firm.owner, account.id), 200);
    expect(archived.archivedAt).toBe(t.clock().toISOString());
    // Archiving twice is harmless and writes nothing.
    expect((await expectJson(await archive(firm.owner, account.id), 200)).version).toBe(2);
    const live = await expectJson(
      await firm.owner.client.api.v1.accounts.$get({ query: { q: "gone.example" } }),
      200,
    );
    expect(live.data).toHaveLength(0);
    const gone = await expectJson(
      await firm.owner.client.api.v1.accounts.$get({
        query: { q: "gone.example", archived: "true" },
      }),
      200,
    );
    expect(gone.data.map((a) => a.id)).toEqual([account.id]);
    await expectProblem(await patch(firm.owner, account.id, { name: "X" }, 2), 409, "CONFLICT");

    const successor = await create(firm.owner, { domain: "gone.example" });
    await expectProblem(await unarchive(firm.owner, account.id), 409, "ALREADY_EXISTS");
    await expectJson(await archive(firm.owner, successor.id), 200);
    const back = await expectJson(await unarchive(firm.owner, account.id), 200);
    expect(back).toMatchObject({ archivedAt: null, version: 3 });
    expect(await auditOf(account.id)).toEqual([
      "account.created",
      "account.archived",
      "account.unarchived",
    ]);
  });
});

describe("who may change accounts", () => {
  it("lets viewers read but not create, change or archive", async () => {
    const viewer = await firm.addMember("viewer");
    const account = await create(firm.owner);
    await expectJson(
      await viewer.client.api.v1.accounts[":id"].$get({ param: { id: account.id } }),
      200,
    );
    await expectProblem(
      await viewer.client.api.v1.accounts.$post({ json: buildAccount() }),
      403,
      "FORBIDDEN",
    );
    await expectProblem(await patch(viewer, account.id, { name: "X" }, 1), 403, "FORBIDDEN");
    await expectProblem(await archive(viewer, account.id), 403, "FORBIDDEN");
    await expectProblem(await unarchive(viewer, account.id), 403, "FORBIDDEN");
  });

  it("lets members change the accounts they own but not others'; managers change any", async () => {
    const member = await firm.addMember("member");
    const colleague = await firm.addMember("member");
    const manager = await firm.addMember("manager");
    const own = await create(member);
    expect(own.ownerId).toBe(member.memberId);
    await expectJson(await patch(member, own.id, { aspirations: "Go global" }, 1), 200);
    const forColleague = await create(member, { ownerId: colleague.memberId });
    expect(forColleague.ownerId).toBe(colleague.memberId);
    await expectProblem(await patch(member, forColleague.id, { name: "X" }, 1), 403, "FORBIDDEN");
    await expectProblem(await archive(member, forColleague.id), 403, "FORBIDDEN");
    const ownersAccount = await create(firm.owner);
    await expectProblem(await patch(member, ownersAccount.id, { name: "X" }, 1), 403, "FORBIDDEN");
    await expectJson(await patch(manager, forColleague.id, { name: "Handled" }, 1), 200);
    // Handing an account over: the member no longer owns it afterwards.
    await expectJson(await patch(member, own.id, { ownerId: colleague.memberId }, 2), 200);
    await expectProblem(await patch(member, own.id, { name: "Mine?" }, 3), 403, "FORBIDDEN");
  });

  it("accepts only an active member of the same workspace as owner", async () => {
    const leaver = await firm.addMember("member");
    await t.db
      .update(members)
      .set({ status: "deactivated" })
      .where(eq(members.id, leaver.memberId));
    const account = await create(firm.owner);
    for (const ownerId of [other.owner.memberId, leaver.memberId]) {
      const json = buildAccount({ ownerId });
      expect(await pathsOf(await firm.owner.client.api.v1.accounts.$post({ json }))).toEqual([
        "ownerId",
      ]);
      expect(await pathsOf(await patch(firm.owner, account.id, { ownerId }, 1))).toEqual([
        "ownerId",
      ]);
    }
  });
});

describe("listing accounts", () => {
  let shop: Awaited<ReturnType<TestApp["createWorkspace"]>>;
  let member: Actor;
  const names = ["delta", "Alpha", "charlie", "beta", "Beta", "echo", "foxtrot"];

  beforeAll(async () => {
    shop = await t.createWorkspace("Lists");
    member = await shop.addMember("member");
    for (const [i, name] of names.entries()) {
      if (i % 3 !== 0) t.clock.advance(60_000); // some share a createdAt: id breaks the tie
      await create(i < 4 ? shop.owner : member, {
        name,
        domain: `${name.toLowerCase()}${i}.example`,
        status: i % 2 === 0 ? "active" : "prospect",
        tier: i < 3 ? "key" : "standard",
        segment: i < 2 ? "Legal" : "Health",
        tags: i === 5 ? ["cloud", "priority"] : ["security"],
      });
    }
    const all = await expectJson(
      await shop.owner.client.api.v1.accounts.$get({ query: { sort: "createdAt" } }),
      200,
    );
    // Touch two early accounts so updatedAt order differs from createdAt order.
    for (const a of all.data.slice(0, 2)) {
      t.clock.advance(60_000);
      await expectJson(await patch(shop.owner, a.id, { size: 42 }, 1), 200);
    }
  });

  const list = (query: Record<string, string>) =>
    shop.owner.client.api.v1.accounts.$get({ query }).then((r) => expectJson(r, 200));
  const namesOf = (page: { data: { name: string }[] }) => page.data.map((a) => a.name).sort();

  it("filters by status, tier, segment, owner, tag and text", async () => {
    expect(namesOf(await list({ status: "active" }))).toEqual([
      "Beta",
      "charlie",
      "delta",
      "foxtrot",
    ]);
    expect(namesOf(await list({ tier: "key" }))).toEqual(["Alpha", "charlie", "delta"]);
    expect(namesOf(await list({ segment: "Legal" }))).toEqual(["Alpha", "delta"]);
    expect(namesOf(await list({ ownerId: member.memberId }))).toEqual(["Beta", "echo", "foxtrot"]);
    expect(namesOf(await list({ tag: "cloud" }))).toEqual(["echo"]);
    expect(namesOf(await list({ q: "BET" }))).toEqual(["Beta", "beta"]);
    expect(namesOf(await list({ q: "foxtrot6.EX" }))).toEqual(["foxtrot"]);
    expect(namesOf(await list({ q: "%" }))).toEqual([]);
    expect(namesOf(await list({ status: "active", tier: "standard" }))).toEqual([
      "Beta",
      "foxtrot",
    ]);
  });

  for (const sort of accountSorts) {
    it(`pages through sort=${sort} with no duplicates and no gaps`, async () => {
      const full = await list({ sort, limit: "200" });
      expect(full.data).toHaveLength(names.length);
      expectSorted(full.data, sort);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list({ sort, limit: "2", ...(cursor ? { cursor } : {}) });
        seen.push(...page.data.map((a) => a.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(full.data.map((a) => a.id));
    });
  }

  it("rejects a bad limit, cursor, enum, id or a cursor from another sort", async () => {
    const h = { headers: shop.owner.headers };
    const bad = "limit=0 cursor=garbage status=lost ownerId=7 sort=size archived=maybe q=a%00";
    for (const query of bad.split(" ")) {
      expect(await pathsOf(await t.request(`/api/v1/accounts?${query}`, h))).toEqual([
        query.split("=")[0],
      ]);
    }
    const page = await list({ sort: "name", limit: "1" });
    const other = `/api/v1/accounts?sort=-updatedAt&cursor=${page.nextCursor}`;
    expect(await pathsOf(await t.request(other, h))).toEqual(["cursor"]);
    const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString("base64url");
    for (const values of [
      ["createdAt", "yesterday", page.data[0]?.id],
      ["name", "a", "not-a-uuid"],
    ]) {
      const url = `/api/v1/accounts?sort=${values[0]}&cursor=${forged(values)}`;
      expect(await pathsOf(await t.request(url, h))).toEqual(["cursor"]);
    }
  });
});

type Listed = { id: string; name: string; createdAt: string; updatedAt: string };

function expectSorted(rows: Listed[], sort: AccountSort) {
  const field = sort.replace("-", "") as "name" | "createdAt" | "updatedAt";
  const sign = sort.startsWith("-") ? -1 : 1;
  const keyOf = (a: Listed) => (field === "name" ? a.name.toLowerCase() : a[field]);
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1] as Listed, rows[i] as Listed];
    const order = keyOf(a) === keyOf(b) ? (a.id < b.id ? -1 : 1) : keyOf(a) < keyOf(b) ? -1 : 1;
    expect(order * sign, `${a.name} before ${b.name}`).toBe(-1);
  }
}

describe("bad input", () => {
  const send = (
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.request(path, {
      method,
      headers: { "content-type": "application/json", ...firm.owner.headers, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const change = (body: unknown) =>
    send("PATCH", `/api/v1/accounts/${id}`, body, { "if-match": '"1"' });
  let id: string;
  beforeAll(async () => {
    id = (await create(firm.owner)).id;
  });

  const cases: [string, unknown, string[]][] = [
    ["missing name", { domain: "x.example" }, ["name"]],
    ["wrong types", { name: 7, tags: "a", size: "big" }, ["name", "size", "tags"]],
    ["unknown enum", { name: "A", status: "lost" }, ["status"]],
    // Tiers are the workspace's own list, checked once the shape is valid.
    ["tier not in the workspace's list", { name: "A", tier: "gold" }, ["tier"]],
    ["bad domain", { name: "A", domain: "not a domain" }, ["domain"]],
    [
      "bad service level",
      { name: "A", serviceLevel: { coverage: "managed" } },
      ["serviceLevel.hours"],
    ],
    [
      "bad milestone date",
      { name: "A", milestones: [{ on: "2024-13-40", title: "X" }] },
      ["milestones.0.on"],
    ],
    ["malformed owner id", { name: "A", ownerId: "bob" }, ["ownerId"]],
    ["NUL characters", { name: "A\u0000", tags: ["x\u0000"] }, ["name", "tags.0"]],
  ];
  for (const [label, body, paths] of cases) {
    it(`answers 400 with the field path on create and change: ${label}`, async () => {
      expect(await pathsOf(await send("POST", "/api/v1/accounts", body))).toEqual(paths);
      if (label === "missing name") return;
      expect(await pathsOf(await change(body))).toEqual(paths);
    });
  }

  it("rejects unknown fields, an empty change, malformed JSON, malformed ids and oversized bodies", async () => {
    const unknown = await expectProblem(
      await send("POST", "/api/v1/accounts", { name: "A", isVip: true }),
      400,
      "VALIDATION_FAILED",
    );
    expect(unknown.detail).toContain("isVip");
    await expectProblem(await change({}), 400, "VALIDATION_FAILED");
    await expectProblem(await send("POST", "/api/v1/accounts", "{nope"), 400, "MALFORMED_JSON");
    await expectProblem(await change("{nope"), 400, "MALFORMED_JSON");
    for (const [method, path] of [
      ["GET", "/api/v1/accounts/not-a-uuid"],
      ["PATCH", "/api/v1/accounts/not-a-uuid"],
      ["POST", "/api/v1/accounts/not-a-uuid/archive"],
      ["POST", "/api/v1/accounts/not-a-uuid/unarchive"],
    ] as const) {
      const res = await t.request(path, {
        method,
        headers: { "content-type": "application/json", "if-match": '"1"', ...firm.owner.headers },
        ...(method === "GET" ? {} : { body: JSON.stringify({ name: "A" }) }),
      });
      await expectProblem(res, 400, "VALIDATION_FAILED");
    }
    const huge = { name: "A", background: "x".repeat(2_000_000) };
    await expectProblem(await send("POST", "/api/v1/accounts", huge), 413, "PAYLOAD_TOO_LARGE");
    await expectProblem(await change(huge), 413, "PAYLOAD_TOO_LARGE");
    await expectProblem(
      await send("POST", "/api/v1/accounts", { name: "A", background: "x".repeat(20_001) }),
      400,
      "VALIDATION_FAILED",
    );
  });

  it("answers 401 without credentials", async () => {
    await expectProblem(await t.client.api.v1.accounts.$get({ query: {} }), 401, "UNAUTHENTICATED");
  });
});
