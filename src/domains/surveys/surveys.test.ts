import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sha256 } from "../../platform/auth/secrets";
import { outboxMessages } from "../../platform/mail/mail.schema";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { surveyCalls, type Workspace } from "./surveys.testing";

let t: TestApp;
let firm: Workspace;
let other: Workspace;
let call: ReturnType<typeof surveyCalls>;

beforeAll(async () => {
  t = await createTestApp();
  call = surveyCalls(t);
  firm = await t.createWorkspace("Northwind Partners");
  other = await t.createWorkspace("Other firm");
});
afterAll(async () => {
  await t.close();
});
// Only forward: the public page's rate limiter counts per minute of this clock.
beforeEach(() => t.clock.advance(5 * 60_000));

const DAY = 86_400_000;

async function pathsOf(res: Response | { status: number; text(): Promise<string> }) {
  const problem = await expectProblem(res as Response, 400, "VALIDATION_FAILED");
  return problem.errors?.map((e) => e.path).sort();
}

const settingsApi = (actor: Workspace["owner"]) => actor.client.api.v1["survey-settings"];

describe("survey settings", () => {
  it("creates the default wording on first read, readable by everyone", async () => {
    const viewer = await firm.addMember("viewer");
    const res = await settingsApi(viewer).$get();
    expect(res.headers.get("etag")).toBe('"1"');
    const settings = await expectJson(res, 200);
    expect(settings.throttleDays).toEqual({ nps: 90, csat: 7, check_in: 30 });
    expect(settings.expiresAfterDays).toBe(14);
    expect(settings.templates.nps.question).toContain("{workspace}");
    expect(settings.templates.check_in.openQuestions).toEqual([
      "How do you think this is going?",
      "What is missing?",
    ]);
  });

  it("lets managers change wording and throttles under If-Match; members and viewers may not", async () => {
    const ws = await t.createWorkspace("Settings firm");
    const manager = await ws.addMember("manager");
    const member = await ws.addMember("member");
    const change = { throttleDays: { csat: 14 }, expiresAfterDays: 21 };
    await expectProblem(
      await settingsApi(member).$patch({ json: change, header: { "if-match": '"1"' } }),
      403,
      "FORBIDDEN",
    );
    await expectProblem(
      await settingsApi(manager).$patch({ json: change, header: {} }),
      428,
      "PRECONDITION_REQUIRED",
    );
    const nps = { question: "Would you recommend {workspace}, {contact}?", followUp: "Why?" };
    const changed = await expectJson(
      await settingsApi(manager).$patch({
        json: { ...change, templates: { nps } },
        header: { "if-match": '"1"' },
      }),
      200,
    );
    expect(changed).toMatchObject({
      version: 2,
      expiresAfterDays: 21,
      throttleDays: { nps: 90, csat: 14 },
    });
    expect(changed.templates.nps).toEqual(nps);
    expect(changed.templates.csat.question).toBe("How satisfied are you with {about}?");
    await expectProblem(
      await settingsApi(manager).$patch({ json: change, header: { "if-match": '"1"' } }),
      412,
      "STALE_VERSION",
    );
  });

  it("refuses unknown placeholders, fields and out-of-range numbers with their paths", async () => {
    const patch = (json: unknown) =>
      settingsApi(firm.owner).$patch({ json: json as never, header: { "if-match": '"1"' } });
    expect(
      await pathsOf(
        await patch({ templates: { nps: { question: "Hi {name}", followUp: "Why?" } } }),
      ),
    ).toEqual(["templates.nps.question"]);
    expect(await pathsOf(await patch({ throttleDays: { nps: -1 }, expiresAfterDays: 0 }))).toEqual([
      "expiresAfterDays",
      "throttleDays.nps",
    ]);
    // Unknown, and nothing known to change.
    expect(await pathsOf(await patch({ colour: "blue" }))).toEqual(["", "(root)"]);
    expect(await pathsOf(await patch({}))).toEqual(["(root)"]);
    expect(
      await pathsOf(
        await patch({ templates: { check_in: { question: "How?", followUp: "More?" } } }),
      ),
    ).toEqual(["templates.check_in.openQuestions"]);
  });
});

describe("sending surveys", () => {
  it("makes one link per person on the public URL, stores only its hash and mails it through the outbox", async () => {
    const { contact, link, token } = await call.oneLink(firm.owner);
    expect(link.url).toBe(`http://rapport.test/r/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.contactId).toBe(contact.id);
    expect(link.expiresAt).toBe(new Date(t.clock().getTime() + 14 * DAY).toISOString());
    const row = await call.requestRow(link.id);
    expect(row?.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const [mail] = await t.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, row?.outboxMessageId ?? ""));
    expect(mail).toMatchObject({
      toAddress: contact.emails[0],
      kind: "survey_request",
      status: "pending",
    });
    expect(mail?.subject).toContain("Northwind Partners");
    expect(mail?.textBody).toContain(
      "How likely are you to recommend Northwind Partners to a friend or colleague?",
    );
    expect(mail?.textBody).toContain(link.url);
    expect(mail?.textBody).toContain("Hello Ada,");
  });

  it("gives a person without an email a link to copy, with a note", async () => {
    const account = await call.newAccount(firm.owner);
    const contact = await call.newContact(firm.owner, account.id, { emails: [] });
    const sent = await call.sendOk(firm.owner, {
      kind: "csat",
      contactIds: [contact.id],
      about: "the March migration",
    });
    expect(sent.data).toEqual([
      expect.objectContaining({
        contactId: contact.id,
        emailedTo: null,
        note: expect.stringMatching(/copy the link/),
      }),
    ]);
    expect((await call.requestRow(sent.data[0]?.id ?? ""))?.outboxMessageId).toBeNull();
  });

  it("reaches an account's current people only, and a segment's accounts", async () => {
    const account = await call.newAccount(firm.owner, { tier: "key", tags: ["surveyed-segment"] });
    const current = await call.newContact(firm.owner, account.id);
    const gone = await call.newContact(firm.owner, null);
    await firm.owner.client.api.v1.contacts[":id"].affiliations.$post({
      param: { id: gone.id },
      json: { accountId: account.id, startedOn: "2020-01-01", endedOn: "2025-06-30" },
    });
    const byAccount = await call.sendOk(firm.owner, { kind: "check_in", accountId: account.id });
    expect(byAccount.data.map((d) => d.contactId)).toEqual([current.id]);
    const bySegment = await call.sendOk(firm.owner, {
      kind: "nps",
      segment: { tag: "surveyed-segment", tier: "key" },
    });
    expect(bySegment.data.map((d) => d.contactId)).toEqual([current.id]);
  });

  it("skips a person asked the same kind within the throttle, unless a manager forces it", async () => {
    const manager = await firm.addMember("manager");
    const { contact } = await call.oneLink(firm.owner);
    const again = await call.sendOk(firm.owner, { kind: "nps", contactIds: [contact.id] });
    expect(again.data).toEqual([]);
    expect(again.skipped).toEqual([
      {
        contactId: contact.id,
        reason: "throttled",
        message: expect.stringMatching(/not again before/),
      },
    ]);
    // Another kind has its own throttle.
    expect(
      (await call.sendOk(firm.owner, { kind: "csat", contactIds: [contact.id] })).data,
    ).toHaveLength(1);
    const member = await firm.addMember("member");
    await expectProblem(
      await call.send(member, { kind: "nps", contactIds: [contact.id], force: true }),
      403,
      "FORBIDDEN",
    );
    expect(
      (await call.sendOk(manager, { kind: "nps", contactIds: [contact.id], force: true })).data,
    ).toHaveLength(1);
    t.clock.advance(91 * DAY);
    expect(
      (await call.sendOk(firm.owner, { kind: "nps", contactIds: [contact.id] })).data,
    ).toHaveLength(1);
  });

  it("lets members survey only accounts they serve; viewers never", async () => {
    const member = await firm.addMember("member");
    const viewer = await firm.addMember("viewer");
    const theirs = await call.newAccount(firm.owner, { ownerId: member.memberId });
    const notTheirs = await call.newAccount(firm.owner, { tags: ["member-segment"] });
    await call.newAccount(firm.owner, { ownerId: member.memberId, tags: ["member-segment"] });
    const a = await call.newContact(firm.owner, theirs.id);
    const b = await call.newContact(firm.owner, notTheirs.id);
    await expectProblem(
      await call.send(viewer, { kind: "nps", contactIds: [a.id] }),
      403,
      "FORBIDDEN",
    );
    await expectProblem(
      await call.send(member, { kind: "nps", contactIds: [b.id] }),
      403,
      "FORBIDDEN",
    );
    await expectProblem(
      await call.send(member, { kind: "nps", accountId: notTheirs.id }),
      403,
      "FORBIDDEN",
    );
    expect((await call.sendOk(member, { kind: "nps", contactIds: [a.id] })).data).toHaveLength(1);
    const segment = await call.sendOk(member, { kind: "csat", segment: { tag: "member-segment" } });
    expect(segment.skipped).toEqual([
      expect.objectContaining({ contactId: b.id, reason: "not_your_account" }),
    ]);
  });

  it("refuses bad input with the paths at fault, and another workspace's people as unknown", async () => {
    const foreignAccount = await call.newAccount(other.owner);
    const foreign = await call.newContact(other.owner, foreignAccount.id);
    const send = (json: unknown) => call.send(firm.owner, json as never);
    expect(await pathsOf(await send({ contactIds: [foreign.id] }))).toEqual(["kind"]);
    expect(await pathsOf(await send({ kind: "poll", accountId: foreignAccount.id }))).toEqual([
      "kind",
    ]);
    expect(await pathsOf(await send({ kind: "nps", contactIds: [foreign.id] }))).toEqual([
      "contactIds.0",
    ]);
    expect(await pathsOf(await send({ kind: "nps", accountId: foreignAccount.id }))).toEqual([
      "accountId",
    ]);
    expect(await pathsOf(await send({ kind: "nps" }))).toEqual(["contactIds"]);
    expect(
      await pathsOf(
        await send({ kind: "nps", contactIds: [foreign.id], accountId: foreignAccount.id }),
      ),
    ).toEqual(["accountId"]);
    expect(await pathsOf(await send({ kind: "nps", contactIds: ["nope"] }))).toEqual([
      "contactIds.0",
    ]);
    expect(await pathsOf(await send({ kind: "nps", contactIds: [] }))).toEqual(["contactIds"]);
    expect(await pathsOf(await send({ kind: "nps", segment: {} }))).toEqual(["segment"]);
    expect(await pathsOf(await send({ kind: "nps", segment: { colour: "red" } }))).toEqual([
      "segment",
      "segment",
    ]);
    expect(
      await pathsOf(
        await send({ kind: "csat", accountId: foreignAccount.id, about: "x".repeat(301) }),
      ),
    ).toEqual(["about"]);
    expect(
      await pathsOf(await send({ kind: "nps", accountId: foreignAccount.id, force: "yes" })),
    ).toEqual(["force"]);
    expect(
      await pathsOf(await send({ kind: "nps", accountId: foreignAccount.id, extra: 1 })),
    ).toEqual([""]);
    const huge = await t.request("/api/v1/survey-requests", {
      method: "POST",
      headers: { ...firm.owner.headers, "content-type": "application/json" },
      body: JSON.stringify({ kind: "nps", about: "x".repeat(1_100_000) }),
    });
    await expectProblem(huge, 413, "PAYLOAD_TOO_LARGE");
  });
});

describe("listing and cancelling requests", () => {
  it("lists requests newest first by status, account and kind, in pages", async () => {
    const account = await call.newAccount(firm.owner);
    const people = [
      await call.newContact(firm.owner, account.id),
      await call.newContact(firm.owner, account.id),
      await call.newContact(firm.owner, account.id),
    ];
    const sent = await call.sendOk(firm.owner, { kind: "csat", accountId: account.id });
    expect(sent.data).toHaveLength(3);
    const [first, second] = sent.data;
    await expectJson(await call.answerJson(call.tokenOf(first?.url ?? ""), { score: 4 }), 201);
    await expectJson(
      await firm.owner.client.api.v1["survey-requests"][":id"].cancel.$post({
        param: { id: second?.id ?? "" },
      }),
      200,
    );
    const list = (query: Record<string, string>) =>
      firm.owner.client.api.v1["survey-requests"].$get({
        query: { accountId: account.id, ...query },
      });
    const ids = async (query: Record<string, string>) =>
      (await expectJson(await list(query), 200)).data.map((r) => r.id);
    expect(await ids({ status: "answered" })).toEqual([first?.id]);
    expect(await ids({ status: "cancelled" })).toEqual([second?.id]);
    expect(await ids({ status: "open" })).toHaveLength(1);
    expect(await ids({ kind: "nps" })).toEqual([]);
    const answered = (await expectJson(await list({ status: "answered" }), 200)).data[0];
    expect(answered).toMatchObject({ status: "answered", emailed: true, answer: { score: 4 } });
    expect(answered).not.toHaveProperty("tokenHash");
    const page1 = await expectJson(await list({ limit: "2" }), 200);
    const page2 = await expectJson(await list({ limit: "2", cursor: page1.nextCursor ?? "" }), 200);
    expect([...page1.data, ...page2.data].map((r) => r.contactId).sort()).toEqual(
      people.map((p) => p.id).sort(),
    );
    t.clock.advance(15 * DAY);
    expect(await ids({ status: "expired" })).toHaveLength(1);
    expect(await pathsOf(await list({ status: "lost" }))).toEqual(["status"]);
    expect(await pathsOf(await list({ cursor: "bogus" }))).toEqual(["cursor"]);
    expect(await pathsOf(await list({ contactId: "x" }))).toEqual(["contactId"]);
  });

  it("cancels an open request (its link then says withdrawn), never an answered one", async () => {
    const cancel = (actor: Workspace["owner"], id: string) =>
      actor.client.api.v1["survey-requests"][":id"].cancel.$post({ param: { id } });
    const { link, token } = await call.oneLink(firm.owner);
    await expectProblem(await cancel(await firm.addMember("viewer"), link.id), 403, "FORBIDDEN");
    await expectProblem(await cancel(other.owner, link.id), 404, "NOT_FOUND");
    expect(await expectJson(await cancel(firm.owner, link.id), 200)).toMatchObject({
      status: "cancelled",
    });
    expect((await call.page(token)).status).toBe(410);
    const answered = await call.oneLink(firm.owner);
    await expectJson(await call.answerJson(answered.token, { score: 10 }), 201);
    await expectProblem(await cancel(firm.owner, answered.link.id), 409, "CONFLICT");
  });
});
