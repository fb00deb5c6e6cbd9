import net, { type AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createJobRegistry, createJobRunner } from "../../platform/jobs";
import { createMailJobs } from "../../platform/mail/mail.jobs";
import { outboxMessages } from "../../platform/mail/mail.schema";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { accountTeamMembers } from "../accounts";
import { surveyCalls, type Workspace } from "./surveys.testing";

let t: TestApp;
let firm: Workspace;
let call: ReturnType<typeof surveyCalls>;

beforeAll(async () => {
  t = await createTestApp();
  call = surveyCalls(t);
  firm = await t.createWorkspace("Northwind Partners");
});
afterAll(async () => {
  await t.close();
});
// Only forward: the public page's rate limiter counts per minute of this clock.
beforeEach(() => t.clock.advance(5 * 60_000));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("the answer page", () => {
  it("is a small accessible form in the workspace's name: 11 labelled radios, no script", async () => {
    const { token } = await call.oneLink(firm.owner);
    const res = await call.page(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<title>A quick question · Northwind Partners<\/title>/);
    expect(html).toContain(`<form method="post" action="/r/${token}"`);
    expect(html.match(/type="radio" name="score"/g)).toHaveLength(11);
    expect(html).toContain("Not at all likely");
    expect(html).toContain("Extremely likely");
    expect(html).toContain(
      "How likely are you to recommend Northwind Partners to a friend or colleague?",
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/<label class="text" for="comment">/);
  });

  it("asks a check-in's open questions and an optional 1-5, and saves what they wrote", async () => {
    const { token, link } = await call.oneLink(firm.owner, { kind: "check_in" });
    const html = await (await call.page(token)).text();
    expect(html).toContain("How do you think this is going?");
    expect(html).toContain("What is missing?");
    expect(html.match(/type="radio" name="score"/g)).toHaveLength(5);
    const res = await call.answerForm(token, {
      responses: ["Well so far", "Weekly reports"],
      score: "",
      comment: "",
    });
    expect(res.status).toBe(303);
    const [answer] = await call.answersOf(link.id);
    expect(answer).toMatchObject({
      score: null,
      comment: null,
      responses: [
        { question: "How do you think this is going?", answer: "Well so far" },
        { question: "What is missing?", answer: "Weekly reports" },
      ],
    });
    expect(
      await call.answerForm((await call.oneLink(firm.owner, { kind: "check_in" })).token, {
        score: "",
      }),
    ).toHaveProperty("status", 400);
  });

  it("saves a form answer, redirects to the thank-you (PRG) and enqueues health and tone work", async () => {
    const { account, link, token } = await call.oneLink(firm.owner);
    const healthOf = async () =>
      (await call.jobsNamed("health.recompute")).filter(
        (j) => (j.payload as { accountId: string }).accountId === account.id,
      ).length;
    await t.settleQueuedJobs("health.recompute");
    const healthBefore = await healthOf();
    const res = await call.answerForm(token, { score: "9", comment: "Quick and kind" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/r/${token}?thanks=1`);
    const thanks = await call.page(token, "?thanks=1");
    expect(thanks.status).toBe(200);
    const html = await thanks.text();
    expect(html).toContain("Thank you, Ada!");
    expect(html).toContain("Change your answer");
    const [answer] = await call.answersOf(link.id);
    expect(answer).toMatchObject({
      score: 9,
      comment: "Quick and kind",
      kind: "nps",
      accountId: account.id,
    });
    expect(answer?.editableUntil.getTime()).toBe(t.clock().getTime() + DAY);
    expect((await call.requestRow(link.id))?.answeredAt).toEqual(t.clock());
    expect(await healthOf()).toBe(healthBefore + 1);
    const scans = await call.jobsNamed("alarms.scan");
    expect(scans.map((j) => j.payload)).toContainEqual({ accountId: account.id });
    const tone = await call.jobsNamed("tone.score");
    expect(tone.map((j) => j.payload)).toContainEqual({
      subjectType: "survey_answer",
      subjectId: answer?.id,
    });
  });

  it("lets them change the answer for 24 hours (prefilled), then shows it read-only and refuses a replay", async () => {
    const { link, token } = await call.oneLink(firm.owner);
    expect((await call.answerForm(token, { score: "6" })).status).toBe(303);
    t.clock.advance(23 * HOUR);
    const edit = await (await call.page(token)).text();
    expect(edit).toContain('value="6" id="score-6" checked');
    expect(edit).toContain("You can change your answer until");
    expect(edit).toContain("Update my answer");
    expect((await call.answerForm(token, { score: "8", comment: "On reflection" })).status).toBe(
      303,
    );
    expect(await call.answersOf(link.id)).toEqual([
      expect.objectContaining({ score: 8, comment: "On reflection", version: 2 }),
    ]);
    t.clock.advance(2 * HOUR);
    const readOnly = await call.page(token);
    expect(readOnly.status).toBe(200);
    const html = await readOnly.text();
    expect(html).toContain("can no longer be changed");
    expect(html).not.toContain("<form");
    const replay = await call.answerForm(token, { score: "0" });
    expect(replay.status).toBe(409);
    expect(await replay.text()).toContain("can no longer be changed");
    await expectProblem(await call.answerJson(token, { score: 0 }), 409, "ANSWER_LOCKED");
    expect(await call.answersOf(link.id)).toEqual([expect.objectContaining({ score: 8 })]);
  });

  it("answers JSON callers with JSON: 201, then 200 for a change", async () => {
    const { token } = await call.oneLink(firm.owner, {
      kind: "csat",
      about: "the March migration",
    });
    expect(await (await call.page(token)).text()).toContain("the March migration");
    const first = await expectJson(
      await call.answerJson(token, { score: 5, comment: "Smooth" }),
      201,
    );
    expect(first).toMatchObject({ kind: "csat", score: 5, comment: "Smooth" });
    expect(await expectJson(await call.answerJson(token, { score: 4 }), 200)).toMatchObject({
      id: first.id,
      score: 4,
      comment: null,
    });
  });

  it("gives friendly pages for expired, withdrawn and unknown links", async () => {
    const { token } = await call.oneLink(firm.owner);
    t.clock.advance(15 * DAY);
    const expired = await call.page(token);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("This survey has closed");
    expect((await call.answerForm(token, { score: "9" })).status).toBe(410);
    await expectProblem(await call.answerJson(token, { score: 9 }), 410, "SURVEY_EXPIRED");
    const unknown = await call.page("A".repeat(43));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("We could not find this survey");
    expect((await call.page("short")).status).toBe(404);
    await expectProblem(await call.answerJson("A".repeat(43), { score: 9 }), 404, "NOT_FOUND");
  });
});

describe("bad answers", () => {
  it("re-shows the form with a clear message (400) for a missing, out-of-range or garbled score and unknown fields", async () => {
    const { link, token } = await call.oneLink(firm.owner);
    const cases: Record<string, string | string[]>[] = [
      { comment: "No score" },
      { score: "11" },
      { score: "abc" },
      { score: "-1" },
      { score: "7", admin: "1" },
      { score: ["7", "8"] },
    ];
    for (const fields of cases) {
      const res = await call.answerForm(token, fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const html = await res.text();
      expect(html).toContain("Please check your answer");
      expect(html).toContain("<form");
    }
    const missing = await (await call.answerForm(token, { comment: "No score" })).text();
    expect(missing).toContain("Choose a score from 0 to 10");
    expect(missing).toContain("No score</textarea>");
    expect(await call.answersOf(link.id)).toEqual([]);
  });

  it("refuses JSON with problem+json naming the field, oversized text and bodies", async () => {
    const { token } = await call.oneLink(firm.owner);
    const paths = async (body: unknown) =>
      (
        await expectProblem(await call.answerJson(token, body), 400, "VALIDATION_FAILED")
      ).errors?.map((e) => e.path);
    expect(await paths({ score: 11 })).toEqual(["score"]);
    expect(await paths({ score: "9" })).toEqual(["score"]);
    expect(await paths({ score: 9, accountId: "x" })).toEqual([""]);
    expect(await paths({ score: 9, comment: "x".repeat(5001) })).toEqual(["comment"]);
    expect(await paths({ score: 9, comment: "nul\u0000" })).toEqual(["comment"]);
    expect(await paths({ comment: "no score" })).toEqual(["score"]);
    await expectProblem(await call.answerJson(token, "{not json"), 400, "MALFORMED_JSON");
    await expectProblem(
      await call.answerJson(token, { score: 9, comment: "x".repeat(21_000) }),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    const big = await call.answerForm(token, { score: "9", comment: "x".repeat(21_000) });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("Your answer is too long");
    const xml = await t.request(`/r/${token}`, {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body: "<a/>",
    });
    expect(xml.status).toBe(415);
  });

  it("rate limits the public page per address", async () => {
    const { token } = await call.oneLink(firm.owner);
    let last: Response | undefined;
    for (let i = 0; i < 21; i++) last = await call.answerJson(token, { score: 99 });
    await expectProblem(last as Response, 429, "RATE_LIMITED");
    expect(last?.headers.get("retry-after")).toMatch(/^\d+$/);
    t.clock.advance(2 * 60_000);
  });
});

describe("the detractor alarm", () => {
  it("raises one task for the account's lead, due in 2 business days across the weekend, and closes it when the answer improves", async () => {
    await call.setTimeZone(firm.workspace.id, "Europe/Paris");
    const lead = await firm.addMember("member");
    const { account, token, link } = await call.oneLink(firm.owner);
    await t.db.insert(accountTeamMembers).values({
      workspaceId: firm.workspace.id,
      accountId: account.id,
      memberId: lead.memberId,
      role: "lead",
    });
    call.moveToNext(5, "15:00"); // a Friday afternoon
    expect(
      (await call.answerForm(token, { score: "3", comment: "Nobody calls back" })).status,
    ).toBe(303);
    expect((await call.answerForm(token, { score: "2", comment: "Still nobody" })).status).toBe(
      303,
    );
    const [answer] = await call.answersOf(link.id);
    const raised = await call.surveyTasksOf(account.id);
    expect(raised).toHaveLength(1);
    const friday = t.clock();
    const tuesday = new Date(friday.getTime() + 4 * DAY).toISOString().slice(0, 10);
    expect(raised[0]).toMatchObject({
      title: "Call Ada Okafor: NPS 3 — restore balance",
      assigneeId: lead.memberId,
      status: "open",
      priority: "high",
      sourceRef: `survey_answer:${answer?.id}`,
      dueAt: new Date(`${tuesday}T00:00:00+01:00`),
    });
    expect(raised[0]?.detail).toContain("Nobody calls back");
    expect((await call.answerForm(token, { score: "9" })).status).toBe(303);
    const [closed] = await call.surveyTasksOf(account.id);
    expect(closed).toMatchObject({ status: "dismissed", dismissReason: "the answer was changed" });
    await call.setTimeZone(firm.workspace.id, "UTC");
  });

  it("goes to the owner when the account has no lead; CSAT 1-2 is a detractor, a check-in is not", async () => {
    const csat = await call.oneLink(firm.owner, { kind: "csat" });
    await expectJson(await call.answerJson(csat.token, { score: 2 }), 201);
    expect(await call.surveyTasksOf(csat.account.id)).toEqual([
      expect.objectContaining({
        assigneeId: firm.owner.memberId,
        title: "Call Ada Okafor: CSAT 2 — restore balance",
      }),
    ]);
    const checkIn = await call.oneLink(firm.owner, { kind: "check_in" });
    await expectJson(await call.answerJson(checkIn.token, { score: 1, responses: ["Badly"] }), 201);
    expect(await call.surveyTasksOf(checkIn.account.id)).toEqual([]);
  });
});

describe("when SMTP is down", () => {
  it("keeps the link's mail in the outbox and still saves the answer", async () => {
    const { link, token } = await call.oneLink(firm.owner);
    const request = await call.requestRow(link.id);
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const runner = createJobRunner({
      db: t.db,
      now: t.clock,
      registry: createJobRegistry(
        createMailJobs({ smtpUrl: `smtp://127.0.0.1:${port}`, from: "Rapport <r@northwind.test>" }),
      ),
      logger: pino({ level: "silent" }),
    });
    await runner.runDueJobs();
    const [mail] = await t.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, request?.outboxMessageId ?? ""));
    expect(mail).toMatchObject({ status: "pending", attempts: 1 });
    expect(mail?.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect((await call.answerForm(token, { score: "10" })).status).toBe(303);
    expect(await call.answersOf(link.id)).toEqual([expect.objectContaining({ score: 10 })]);
  });
});
