import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../platform/http/errors";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { syncEmailRows } from "./contacts.emails";
import { buildContact } from "./contacts.factory";
import { contactEmails } from "./contacts.schema";
import { contactCalls, existingIdOf, pathsOf, type Workspace } from "./contacts.testing";

let t: TestApp;
let firm: Workspace;
let other: Workspace;
let call: ReturnType<typeof contactCalls>;

beforeAll(async () => {
  t = await createTestApp();
  firm = await t.createWorkspace("Firm");
  other = await t.createWorkspace("Other firm");
  call = contactCalls(t);
});
afterAll(async () => {
  await t.close();
});

const DAY = 86_400_000;

async function emailRowsOf(workspaceId: string, contactId: string) {
  const rows = await t.db
    .select({ email: contactEmails.email })
    .from(contactEmails)
    .where(and(eq(contactEmails.workspaceId, workspaceId), eq(contactEmails.contactId, contactId)));
  return rows.map((r) => r.email).sort();
}

describe("creating and reading contacts", () => {
  it("creates a contact with tidy emails, phones and memory, and reads it back with its ETag", async () => {
    const body = await call.create(firm.owner, {
      firstName: "Ada",
      lastName: "Okafor",
      emails: [" Ada@Northwind.Example ", "ada@northwind.example", "ada.o@home.example"],
      phones: ["+44 20 7946 0000", "+44 20 7946 0000"],
      level: "executive",
      preferredChannel: "video",
      timeZone: "Europe/London",
      interests: ["Sailing", "Jazz", "Sailing"],
      family: [{ name: "Tomi", relation: "daughter", notes: "Starts university in 2026" }],
      howWeMet: "Panel at LegalTech 2023",
      importantDates: [{ kind: "birthday", month: 2, day: 29 }],
    });
    expect(body).toMatchObject({
      firstName: "Ada",
      lastName: "Okafor",
      emails: ["ada@northwind.example", "ada.o@home.example"],
      primaryEmail: "ada@northwind.example",
      phones: ["+44 20 7946 0000"],
      level: "executive",
      interests: ["Sailing", "Jazz"],
      importantDates: [{ kind: "birthday", month: 2, day: 29, remind: true }],
      currentAffiliations: [],
      memoryRedacted: false,
      mergedIntoId: null,
      version: 1,
      archivedAt: null,
      createdAt: t.clock().toISOString(),
    });
    const got = await call.get(firm.owner, body.id);
    expect(got.headers.get("etag")).toBe('"1"');
    expect(await expectJson(got, 200)).toEqual(body);
    expect(await emailRowsOf(firm.workspace.id, body.id)).toEqual([
      "ada.o@home.example",
      "ada@northwind.example",
    ]);
    const events = await call.auditOf(body.id);
    expect(events.map((e) => e.action)).toEqual(["contact.created", "contact.memory_read"]);
    expect(events[0]?.after).toMatchObject({
      firstName: "Ada",
      howWeMet: "Panel at LegalTech 2023",
    });
  });

  it("answers 409 with the existing id when a live contact already has one of the emails", async () => {
    const first = await call.create(firm.owner, { emails: ["dup@client.example"] });
    const res = await call.api(firm.owner).$post({
      json: buildContact({ emails: ["new@client.example", "DUP@client.example"] }),
    });
    expect(await existingIdOf(res)).toBe(first.id);
    // Nothing of the refused contact was kept.
    const taken = await call.api(firm.owner).$post({
      json: buildContact({ emails: ["new@client.example"] }),
    });
    expect(taken.status).toBe(201);
    const second = await call.create(firm.owner);
    expect(
      await existingIdOf(
        await call.patch(firm.owner, second.id, { emails: ["dup@client.example"] }, 1),
      ),
    ).toBe(first.id);
    // Another workspace keeps its own people.
    await call.create(other.owner, { emails: ["dup@client.example"] });
  });

  it("answers 409 with the existing id even when a concurrent writer got past the pre-check", async () => {
    const first = await call.create(firm.owner, { emails: ["race@client.example"] });
    const second = await call.create(firm.owner);
    const ctx = {
      db: t.db,
      now: t.clock,
      workspaceId: firm.workspace.id,
      actor: { memberId: firm.owner.memberId, role: "owner" as const, via: "test" },
    };
    // syncEmailRows is what runs after the pre-check; here the unique index alone decides.
    const error = await t.db
      .transaction(async (tx) => {
        await syncEmailRows({ ...ctx, db: tx }, second.id, ["race@client.example"]);
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "ALREADY_EXISTS", extra: { existingId: first.id } });
    expect(await emailRowsOf(firm.workspace.id, second.id)).toEqual(second.emails);
  });

  it("answers 404 for another workspace's contact on every route", async () => {
    const theirs = await call.create(other.owner);
    const mine = await call.create(firm.owner);
    const id = theirs.id;
    await expectProblem(await call.get(firm.owner, id), 404, "NOT_FOUND");
    await expectProblem(await call.patch(firm.owner, id, { title: "X" }, 1), 404, "NOT_FOUND");
    await expectProblem(await call.archive(firm.owner, id), 404, "NOT_FOUND");
    await expectProblem(await call.unarchive(firm.owner, id), 404, "NOT_FOUND");
    await expectProblem(await call.merge(firm.owner, id, mine.id), 404, "NOT_FOUND");
    await expectProblem(await call.merge(firm.owner, mine.id, id), 404, "NOT_FOUND");
    await expectProblem(await call.affiliations(firm.owner, id), 404, "NOT_FOUND");
    const list = await expectJson(
      await call.api(firm.owner).$get({ query: { limit: "200" } }),
      200,
    );
    expect(list.data.some((c) => c.id === id)).toBe(false);
  });
});

describe("changing contacts", () => {
  it("changes fields under If-Match, keeps the email index in step and audits before/after", async () => {
    const contact = await call.create(firm.owner, {
      emails: ["old.address@client.example"],
      title: "CFO",
      notes: "Prefers mornings",
    });
    t.clock.advance(DAY);
    const res = await call.patch(
      firm.owner,
      contact.id,
      {
        emails: ["new.address@client.example", "second.address@client.example"],
        title: null,
        level: "management",
      },
      1,
    );
    expect(res.headers.get("etag")).toBe('"2"');
    const changed = await expectJson(res, 200);
    expect(changed).toMatchObject({
      emails: ["new.address@client.example", "second.address@client.example"],
      primaryEmail: "new.address@client.example",
      title: null,
      level: "management",
      notes: "Prefers mornings",
      version: 2,
      updatedAt: t.clock().toISOString(),
    });
    expect(await emailRowsOf(firm.workspace.id, contact.id)).toEqual([
      "new.address@client.example",
      "second.address@client.example",
    ]);
    // The old address is free again.
    await call.create(firm.owner, { emails: ["old.address@client.example"] });
    const events = await call.auditOf(contact.id);
    expect(events.map((e) => e.action)).toEqual(["contact.created", "contact.updated"]);
    expect(events[1]).toMatchObject({
      actorMemberId: firm.owner.memberId,
      before: { title: "CFO", version: 1, emails: ["old.address@client.example"] },
      after: {
        title: null,
        version: 2,
        emails: ["new.address@client.example", "second.address@client.example"],
      },
    });
  });

  it("refuses a stale If-Match with 412 and a missing one with 428", async () => {
    const contact = await call.create(firm.owner);
    await expectJson(await call.patch(firm.owner, contact.id, { title: "CEO" }, 1), 200);
    await expectProblem(
      await call.patch(firm.owner, contact.id, { title: "COO" }, 1),
      412,
      "STALE_VERSION",
    );
    await expectProblem(
      await call.patch(firm.owner, contact.id, { title: "COO" }),
      428,
      "PRECONDITION_REQUIRED",
    );
    await expectProblem(await call.archive(firm.owner, contact.id, 1), 412, "STALE_VERSION");
    await expectProblem(await call.unarchive(firm.owner, contact.id, 1), 412, "STALE_VERSION");
  });

  it("archives and unarchives: hidden from the list, emails freed and taken back, audited", async () => {
    const contact = await call.create(firm.owner, {
      firstName: "Gone",
      emails: ["gone@client.example"],
    });
    const archived = await expectJson(await call.archive(firm.owner, contact.id, 1), 200);
    expect(archived).toMatchObject({ archivedAt: t.clock().toISOString(), version: 2 });
    expect(await emailRowsOf(firm.workspace.id, contact.id)).toEqual([]);
    // Archiving twice is harmless and writes nothing.
    expect((await expectJson(await call.archive(firm.owner, contact.id), 200)).version).toBe(2);
    const live = await expectJson(
      await call.api(firm.owner).$get({ query: { q: "gone@client" } }),
      200,
    );
    expect(live.data).toHaveLength(0);
    const gone = await expectJson(
      await call.api(firm.owner).$get({ query: { q: "gone@client", archived: "true" } }),
      200,
    );
    expect(gone.data.map((c) => c.id)).toEqual([contact.id]);
    await expectProblem(
      await call.patch(firm.owner, contact.id, { title: "X" }, 2),
      409,
      "CONFLICT",
    );

    const successor = await call.create(firm.owner, { emails: ["gone@client.example"] });
    expect(await existingIdOf(await call.unarchive(firm.owner, contact.id))).toBe(successor.id);
    await expectJson(await call.archive(firm.owner, successor.id), 200);
    const back = await expectJson(await call.unarchive(firm.owner, contact.id, 2), 200);
    expect(back).toMatchObject({ archivedAt: null, version: 3 });
    expect(await emailRowsOf(firm.workspace.id, contact.id)).toEqual(["gone@client.example"]);
    expect((await call.auditOf(contact.id)).map((e) => e.action)).toEqual([
      "contact.created",
      "contact.archived",
      "contact.unarchived",
    ]);
  });
});

describe("bad input", () => {
  let id: string;
  beforeAll(async () => {
    id = (await call.create(firm.owner)).id;
  });
  const post = (body: unknown) => call.send(firm.owner, "POST", "/api/v1/contacts", body);
  const change = (body: unknown) =>
    call.send(firm.owner, "PATCH", `/api/v1/contacts/${id}`, body, { "if-match": '"1"' });

  const cases: [string, unknown, string[]][] = [
    ["missing first name", { lastName: "Okafor" }, ["firstName"]],
    [
      "wrong types",
      { firstName: 7, emails: true, interests: [1], family: {} },
      ["emails", "family", "firstName", "interests.0"],
    ],
    [
      "unknown enums",
      { firstName: "A", level: "intern", preferredChannel: "fax" },
      ["level", "preferredChannel"],
    ],
    [
      "invalid email",
      { firstName: "A", emails: ["ok@client.example", "not-an-email"] },
      ["emails.1"],
    ],
    [
      "invalid phone and time zone",
      { firstName: "A", phones: ["call me"], timeZone: "Mars/Base" },
      ["phones.0", "timeZone"],
    ],
    [
      "impossible dates",
      {
        firstName: "A",
        importantDates: [
          { kind: "birthday", month: 2, day: 30 },
          { kind: "custom", month: 13, day: 1 },
          { kind: "custom", month: 5, day: 1 },
          { kind: "wedding", month: 5, day: 1 },
        ],
      },
      [
        "importantDates.0.day",
        // A custom date needs a label even while its month is wrong: both are named at once.
        "importantDates.1.label",
        "importantDates.1.month",
        "importantDates.2.label",
        "importantDates.3.kind",
      ],
    ],
    [
      "family member without a relation",
      { firstName: "A", family: [{ name: "Tomi" }] },
      ["family.0.relation"],
    ],
    [
      "too many emails",
      { firstName: "A", emails: Array.from({ length: 11 }, (_, i) => `e${i}@x.example`) },
      ["emails"],
    ],
  ];
  for (const [label, body, paths] of cases) {
    it(`answers 400 with the field path on create and change: ${label}`, async () => {
      expect(await pathsOf(await post(body))).toEqual(paths);
      if (label === "missing first name") return;
      expect(await pathsOf(await change(body))).toEqual(paths);
    });
  }

  it("rejects unknown fields, an empty change, malformed JSON and oversized bodies", async () => {
    const unknown = await expectProblem(
      await post({ firstName: "A", isVip: true }),
      400,
      "VALIDATION_FAILED",
    );
    expect(unknown.detail).toContain("isVip");
    await expectProblem(await change({}), 400, "VALIDATION_FAILED");
    await expectProblem(await change({ firstName: "" }), 400, "VALIDATION_FAILED");
    await expectProblem(await post("{nope"), 400, "MALFORMED_JSON");
    await expectProblem(await change("{nope"), 400, "MALFORMED_JSON");
    const huge = { firstName: "A", notes: "x".repeat(1_100_000) };
    await expectProblem(await post(huge), 413, "PAYLOAD_TOO_LARGE");
    await expectProblem(await change(huge), 413, "PAYLOAD_TOO_LARGE");
    const merge = `/api/v1/contacts/${id}/merge`;
    await expectProblem(
      await call.send(firm.owner, "POST", merge, { sourceId: "x".repeat(1_100_000) }),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    expect(await pathsOf(await post({ firstName: "A", notes: "x".repeat(20_001) }))).toEqual([
      "notes",
    ]);
  });

  it("rejects malformed ids on every contact route", async () => {
    const bad = "not-a-uuid";
    for (const [method, path, body] of [
      ["GET", `/api/v1/contacts/${bad}`, undefined],
      ["PATCH", `/api/v1/contacts/${bad}`, { title: "A" }],
      ["POST", `/api/v1/contacts/${bad}/archive`, undefined],
      ["POST", `/api/v1/contacts/${bad}/unarchive`, undefined],
      ["POST", `/api/v1/contacts/${bad}/merge`, { sourceId: id }],
    ] as const) {
      expect(
        await pathsOf(await call.send(firm.owner, method, path, body, { "if-match": '"1"' })),
      ).toEqual(["id"]);
    }
  });

  it("rejects bad list parameters and cursors from another sort", async () => {
    const h = { headers: firm.owner.headers };
    const bad =
      "limit=0 limit=201 cursor=garbage level=intern accountId=7 sort=title archived=maybe q=";
    for (const query of bad.split(" ")) {
      expect(await pathsOf(await t.request(`/api/v1/contacts?${query}`, h))).toEqual([
        query.split("=")[0],
      ]);
    }
    const page = await expectJson(
      await call.api(firm.owner).$get({ query: { sort: "name", limit: "1" } }),
      200,
    );
    const otherSort = `/api/v1/contacts?sort=-updatedAt&cursor=${page.nextCursor}`;
    expect(await pathsOf(await t.request(otherSort, h))).toEqual(["cursor"]);
    const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString("base64url");
    for (const values of [
      ["createdAt", "yesterday", page.data[0]?.id],
      ["name", "a", "not-a-uuid"],
      ["name", 7, page.data[0]?.id],
    ]) {
      const url = `/api/v1/contacts?sort=${values[0]}&cursor=${forged(values)}`;
      expect(await pathsOf(await t.request(url, h))).toEqual(["cursor"]);
    }
  });

  it("answers 401 without credentials", async () => {
    await expectProblem(await t.client.api.v1.contacts.$get({ query: {} }), 401, "UNAUTHENTICATED");
    await expectProblem(
      await t.request(`/api/v1/contacts/${id}`, { method: "GET" }),
      401,
      "UNAUTHENTICATED",
    );
  });
});
