import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { type Actor, contactCalls, pathsOf, type Workspace } from "./contacts.testing";

let t: TestApp;
let firm: Workspace;
let other: Workspace;
let call: ReturnType<typeof contactCalls>;
let account: { id: string; name: string };

beforeAll(async () => {
  t = await createTestApp();
  firm = await t.createWorkspace("Firm");
  other = await t.createWorkspace("Other firm");
  call = contactCalls(t);
  account = await call.newAccount(firm.owner);
});
afterAll(async () => {
  await t.close();
});

const DAY = 86_400_000;
const today = () => t.clock().toISOString().slice(0, 10);

async function affiliated(actor: Actor = firm.owner, accountId = account.id) {
  const contact = await call.create(actor);
  const res = await call.affiliate(actor, contact.id, accountId, {
    role: "champion",
    responsibility: "Runs IT",
    authority: "Signs up to €50k",
    accountability: "Uptime",
    startedOn: "2024-03-01",
  });
  expect(res.headers.get("etag")).toBe('"1"');
  return { contact, affiliation: await expectJson(res, 201) };
}

describe("affiliations over time", () => {
  it("adds an affiliation with the account's name and lists it with the contact", async () => {
    const { contact, affiliation } = await affiliated();
    expect(affiliation).toMatchObject({
      contactId: contact.id,
      accountId: account.id,
      accountName: account.name,
      role: "champion",
      responsibility: "Runs IT",
      authority: "Signs up to €50k",
      accountability: "Uptime",
      startedOn: "2024-03-01",
      endedOn: null,
      current: true,
      version: 1,
    });
    const list = await expectJson(await call.affiliations(firm.owner, contact.id), 200);
    expect(list).toEqual({ data: [affiliation], nextCursor: null });
    const got = await expectJson(await call.get(firm.owner, contact.id), 200);
    expect(got.currentAffiliations).toEqual([
      { id: affiliation.id, accountId: account.id, accountName: account.name, role: "champion" },
    ]);
    expect((await call.auditOf(contact.id)).map((e) => e.action)).toContain(
      "contact.affiliation_added",
    );
  });

  it("ends an affiliation today when a person moves on, keeping it as history", async () => {
    const { contact, affiliation } = await affiliated();
    const next = await call.newAccount(firm.owner);
    t.clock.advance(DAY);
    const res = await call.endAffiliation(firm.owner, contact.id, affiliation.id);
    expect(res.headers.get("etag")).toBe('"2"');
    const ended = await expectJson(res, 200);
    expect(ended).toMatchObject({ endedOn: today(), current: false, version: 2 });
    await expectProblem(
      await call.endAffiliation(firm.owner, contact.id, affiliation.id),
      409,
      "CONFLICT",
    );
    // They turn up at another client: the old row stays, the new one is current.
    await expectJson(
      await call.affiliate(firm.owner, contact.id, next.id, { startedOn: today() }),
      201,
    );
    const { data } = await expectJson(await call.affiliations(firm.owner, contact.id), 200);
    expect(data.map((a) => [a.accountId, a.current])).toEqual([
      [account.id, false],
      [next.id, true],
    ]);
    const got = await expectJson(await call.get(firm.owner, contact.id), 200);
    expect(got.currentAffiliations.map((a) => a.accountId)).toEqual([next.id]);
    const actions = (await call.auditOf(contact.id)).map((e) => e.action);
    expect(actions).toContain("contact.affiliation_ended");
    const event = (await call.auditOf(contact.id)).find(
      (e) => e.action === "contact.affiliation_ended",
    );
    expect(event).toMatchObject({ before: { endedOn: null }, after: { endedOn: today() } });
  });

  it("ends on a given date; a date still ahead keeps the person current until then", async () => {
    const { contact, affiliation } = await affiliated();
    const leaving = await expectJson(
      await call.endAffiliation(firm.owner, contact.id, affiliation.id, { endedOn: "2026-03-31" }),
      200,
    );
    expect(leaving).toMatchObject({ endedOn: "2026-03-31", current: true });
    // Plans change: ending again before that day moves the date.
    const earlier = await expectJson(
      await call.endAffiliation(
        firm.owner,
        contact.id,
        affiliation.id,
        { endedOn: "2025-12-31" },
        2,
      ),
      200,
    );
    expect(earlier).toMatchObject({ endedOn: "2025-12-31", current: false, version: 3 });
  });

  it("refuses an end before the start, also when only one date is changed", async () => {
    const { contact, affiliation } = await affiliated();
    expect(
      await pathsOf(
        await call.endAffiliation(firm.owner, contact.id, affiliation.id, {
          endedOn: "2024-02-01",
        }),
      ),
    ).toEqual(["endedOn"]);
    const change = (json: Record<string, unknown>, version = 1) =>
      call.changeAffiliation(firm.owner, contact.id, affiliation.id, json, version);
    expect(await pathsOf(await change({ endedOn: "2024-02-29" }))).toEqual(["endedOn"]);
    expect(await pathsOf(await change({ startedOn: "2024-05-01", endedOn: "2024-04-01" }))).toEqual(
      ["endedOn"],
    );
    const ended = await expectJson(await change({ endedOn: "2024-12-31" }), 200);
    expect(ended.current).toBe(false);
    expect(await pathsOf(await change({ startedOn: "2025-01-01" }, 2))).toEqual(["startedOn"]);
    expect(
      await pathsOf(
        await call.affiliate(firm.owner, contact.id, account.id, {
          startedOn: "2024-05-01",
          endedOn: "2024-04-01",
        }),
      ),
    ).toEqual(["endedOn"]);
  });

  it("changes an affiliation under If-Match: 428 without, 412 when stale, audited", async () => {
    const { contact, affiliation } = await affiliated();
    const res = await call.changeAffiliation(
      firm.owner,
      contact.id,
      affiliation.id,
      { role: "decision_maker", authority: null },
      1,
    );
    expect(res.headers.get("etag")).toBe('"2"');
    expect(await expectJson(res, 200)).toMatchObject({
      role: "decision_maker",
      authority: null,
      responsibility: "Runs IT",
      accountName: account.name,
      version: 2,
    });
    await expectProblem(
      await call.changeAffiliation(firm.owner, contact.id, affiliation.id, { role: "user" }, 1),
      412,
      "STALE_VERSION",
    );
    await expectProblem(
      await call.changeAffiliation(firm.owner, contact.id, affiliation.id, { role: "user" }),
      428,
      "PRECONDITION_REQUIRED",
    );
    await expectProblem(
      await call.endAffiliation(firm.owner, contact.id, affiliation.id, undefined, 1),
      412,
      "STALE_VERSION",
    );
    const event = (await call.auditOf(contact.id)).find(
      (e) => e.action === "contact.affiliation_changed",
    );
    expect(event).toMatchObject({
      before: { role: "champion", authority: "Signs up to €50k" },
      after: { role: "decision_maker", authority: null },
    });
  });

  it("accepts only live accounts of this workspace, as a 400 on accountId", async () => {
    const contact = await call.create(firm.owner);
    const archived = await call.newAccount(firm.owner);
    await expectJson(
      await firm.owner.client.api.v1.accounts[":id"].archive.$post({
        param: { id: archived.id },
        header: {},
      }),
      200,
    );
    const theirs = await call.newAccount(other.owner);
    for (const accountId of [archived.id, theirs.id, crypto.randomUUID()]) {
      expect(await pathsOf(await call.affiliate(firm.owner, contact.id, accountId))).toEqual([
        "accountId",
      ]);
    }
  });

  it("answers 404 for another workspace's contact or affiliation, and for a mismatched pair", async () => {
    const theirs = await affiliated(other.owner, (await call.newAccount(other.owner)).id);
    const mine = await affiliated();
    const { contact, affiliation } = theirs;
    await expectProblem(await call.affiliations(firm.owner, contact.id), 404, "NOT_FOUND");
    await expectProblem(await call.affiliate(firm.owner, contact.id, account.id), 404, "NOT_FOUND");
    for (const [contactId, affiliationId] of [
      [contact.id, affiliation.id],
      [mine.contact.id, affiliation.id],
      [(await call.create(firm.owner)).id, mine.affiliation.id],
    ] as const) {
      await expectProblem(
        await call.changeAffiliation(firm.owner, contactId, affiliationId, { role: "user" }, 1),
        404,
        "NOT_FOUND",
      );
      await expectProblem(
        await call.endAffiliation(firm.owner, contactId, affiliationId),
        404,
        "NOT_FOUND",
      );
    }
  });

  it("refuses changes to an archived contact's affiliations", async () => {
    const { contact, affiliation } = await affiliated();
    await expectJson(await call.archive(firm.owner, contact.id), 200);
    await expectProblem(await call.affiliate(firm.owner, contact.id, account.id), 409, "CONFLICT");
    await expectProblem(
      await call.changeAffiliation(firm.owner, contact.id, affiliation.id, { role: "user" }, 1),
      409,
      "CONFLICT",
    );
    await expectProblem(
      await call.endAffiliation(firm.owner, contact.id, affiliation.id),
      409,
      "CONFLICT",
    );
    // History stays readable.
    expect(
      (await expectJson(await call.affiliations(firm.owner, contact.id), 200)).data,
    ).toHaveLength(1);
  });
});

describe("who may change affiliations", () => {
  it("lets viewers list affiliations but not add, change or end them", async () => {
    const viewer = await firm.addMember("viewer");
    const { contact, affiliation } = await affiliated();
    await expectJson(await call.affiliations(viewer, contact.id), 200);
    await expectProblem(await call.affiliate(viewer, contact.id, account.id), 403, "FORBIDDEN");
    await expectProblem(
      await call.changeAffiliation(viewer, contact.id, affiliation.id, { role: "user" }, 1),
      403,
      "FORBIDDEN",
    );
    await expectProblem(
      await call.endAffiliation(viewer, contact.id, affiliation.id),
      403,
      "FORBIDDEN",
    );
  });

  it("lets a member link people only to accounts they own or serve; managers to any", async () => {
    const member = await firm.addMember("member");
    const manager = await firm.addMember("manager");
    const own = await call.newAccount(member);
    const served = await call.newAccount(firm.owner);
    await call.putOnTeam(firm.owner, served.id, member.memberId);
    const contact = await call.create(member);
    // The contact is at no account, so the member may change it; the account decides.
    await expectProblem(await call.affiliate(member, contact.id, account.id), 403, "FORBIDDEN");
    await expectJson(await call.affiliate(member, contact.id, own.id), 201);
    const onTeam = await expectJson(await call.affiliate(member, contact.id, served.id), 201);
    await expectJson(await call.endAffiliation(member, contact.id, onTeam.id), 200);
    await expectJson(await call.affiliate(manager, contact.id, account.id), 201);

    // At someone else's account only: neither the contact nor its affiliation is theirs.
    const { contact: theirs, affiliation } = await affiliated();
    await expectProblem(await call.affiliate(member, theirs.id, own.id), 403, "FORBIDDEN");
    await expectProblem(
      await call.changeAffiliation(member, theirs.id, affiliation.id, { role: "user" }, 1),
      403,
      "FORBIDDEN",
    );
    await expectProblem(
      await call.endAffiliation(member, theirs.id, affiliation.id),
      403,
      "FORBIDDEN",
    );
    await expectJson(await call.endAffiliation(manager, theirs.id, affiliation.id), 200);
  });
});

describe("bad input", () => {
  let contactId: string;
  let affiliationId: string;
  beforeAll(async () => {
    const { contact, affiliation } = await affiliated();
    contactId = contact.id;
    affiliationId = affiliation.id;
  });
  const base = () => `/api/v1/contacts/${contactId}/affiliations`;
  const add = (body: unknown) => call.send(firm.owner, "POST", base(), body);
  const change = (body: unknown) =>
    call.send(firm.owner, "PATCH", `${base()}/${affiliationId}`, body, { "if-match": '"1"' });
  const end = (body: unknown) =>
    call.send(firm.owner, "POST", `${base()}/${affiliationId}/end`, body);

  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      "wrong types",
      { role: 7, responsibility: ["a"], startedOn: 20240101 },
      ["responsibility", "role", "startedOn"],
    ],
    ["unknown role", { role: "sponsor" }, ["role"]],
    [
      "impossible dates",
      { startedOn: "2024-02-30", endedOn: "yesterday" },
      ["endedOn", "startedOn"],
    ],
    ["text too long", { authority: "x".repeat(501) }, ["authority"]],
  ];
  for (const [label, body, paths] of cases) {
    it(`answers 400 with the field path on add and change: ${label}`, async () => {
      expect(await pathsOf(await add({ accountId: account.id, ...body }))).toEqual(paths);
      expect(await pathsOf(await change(body))).toEqual(paths);
    });
  }

  it("rejects a missing or malformed account id, unknown fields and an empty change", async () => {
    expect(await pathsOf(await add({ role: "user" }))).toEqual(["accountId"]);
    expect(await pathsOf(await add({ accountId: "northwind" }))).toEqual(["accountId"]);
    await expectProblem(
      await add({ accountId: account.id, isKey: true }),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(await change({ accountId: account.id }), 400, "VALIDATION_FAILED");
    await expectProblem(await change({}), 400, "VALIDATION_FAILED");
    await expectProblem(await add("{nope"), 400, "MALFORMED_JSON");
  });

  it("rejects a bad end date or unknown fields when ending", async () => {
    expect(await pathsOf(await end({ endedOn: "31/12/2025" }))).toEqual(["endedOn"]);
    await expectProblem(await end({ reason: "left" }), 400, "VALIDATION_FAILED");
    await expectProblem(await end("{nope"), 400, "MALFORMED_JSON");
  });

  it("rejects malformed ids and oversized bodies on every affiliation route", async () => {
    const bad = "not-a-uuid";
    for (const [method, path, body, field] of [
      ["GET", `/api/v1/contacts/${bad}/affiliations`, undefined, "id"],
      ["POST", `/api/v1/contacts/${bad}/affiliations`, { accountId: account.id }, "id"],
      ["PATCH", `${base()}/${bad}`, { role: "user" }, "affiliationId"],
      ["POST", `${base()}/${bad}/end`, {}, "affiliationId"],
    ] as const) {
      const res = await call.send(firm.owner, method, path, body, { "if-match": '"1"' });
      expect(await pathsOf(res)).toEqual([field]);
    }
    const huge = { accountId: account.id, responsibility: "x".repeat(1_100_000) };
    await expectProblem(await add(huge), 413, "PAYLOAD_TOO_LARGE");
    await expectProblem(await change(huge), 413, "PAYLOAD_TOO_LARGE");
    await expectProblem(await end(huge), 413, "PAYLOAD_TOO_LARGE");
  });
});
