import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/audit.schema";
import { workspaces } from "../../platform/auth/auth.schema";
import { surveyAnswers, surveyRequests } from "../../platform/db/schema";
import { createJobRegistry, createJobRunner, enqueueJob, jobs } from "../../platform/jobs";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { buildAccount } from "../accounts";
import { buildContact } from "../contacts/contacts.factory";
import { buildInteraction, type CreateInteractionInput } from "../interactions";
import { toneScoreJobName } from "./tone.inputs";
import { createToneJobs } from "./tone.jobs";
import { toneScores } from "./tone.schema";
import { scoreText, toneLabelOf } from "./tone.scorer";

let t: TestApp;
type Workspace = Awaited<ReturnType<TestApp["createWorkspace"]>>;
type Actor = Workspace["owner"];
const registry = createJobRegistry(createToneJobs());
const runJobs = () =>
  createJobRunner({
    db: t.db,
    now: t.clock,
    registry,
    logger: pino({ level: "silent" }),
    workerId: "test",
  }).runDueJobs();

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const UNHAPPY = "They are unhappy about the delays and frustrated with the invoices.";
const HAPPY = "Great call: they are happy with the migration and want to expand.";

async function setup(name: string) {
  const ws = await t.createWorkspace(name);
  const account = await expectJson(
    await ws.owner.client.api.v1.accounts.$post({ json: buildAccount({ status: "active" }) }),
    201,
  );
  return { ws, account };
}

const logTouch = async (
  actor: Actor,
  input: Partial<CreateInteractionInput> & { accountId: string },
) =>
  expectJson(
    await actor.client.api.v1.interactions.$post({ json: buildInteraction(input, t.clock()) }),
    201,
  );

const toneOf = (
  actor: Actor,
  subjectId: string,
  subjectType: "interaction" | "survey_answer" = "interaction",
) =>
  actor.client.api.v1.tone[":subjectType"][":subjectId"].$get({
    param: { subjectType, subjectId },
  });

const correct = (
  actor: Actor,
  subjectId: string,
  json: { label: "negative" | "neutral" | "positive"; note?: string },
) =>
  actor.client.api.v1.tone[":subjectType"][":subjectId"].$put({
    param: { subjectType: "interaction", subjectId },
    header: {},
    json,
  });

const queued = async (workspaceId: string, name: string, status?: "queued") =>
  t.db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.workspaceId, workspaceId),
        eq(jobs.name, name),
        status ? eq(jobs.status, status) : undefined,
      ),
    );

describe("scoring text", () => {
  it("labels by the documented thresholds and keeps mild business notes neutral", () => {
    expect(scoreText(UNHAPPY, "en").label).toBe("negative");
    expect(scoreText(HAPPY, "en").label).toBe("positive");
    expect(
      scoreText("Discussed the roadmap for Q3. Agreed to send the proposal next week.", "en").label,
    ).toBe("neutral");
    expect([toneLabelOf(-0.1), toneLabelOf(-0.099), toneLabelOf(0.1)]).toEqual([
      "negative",
      "neutral",
      "positive",
    ]);
  });
});

describe("the tone.score job", () => {
  it("scores a logged touch, then asks health and the alarms scan to look again", async () => {
    t.clock.set("2026-02-02T10:00:00Z");
    const { ws, account } = await setup("Scored");
    const touch = await logTouch(ws.owner, {
      accountId: account.id,
      summary: UNHAPPY,
      decisions: null,
    });
    expect(await queued(ws.workspace.id, toneScoreJobName, "queued")).toHaveLength(1);
    await runJobs();
    const tone = await expectJson(await toneOf(ws.owner, touch.id), 200);
    expect(tone).toMatchObject({
      subjectType: "interaction",
      subjectId: touch.id,
      accountId: account.id,
      label: "negative",
      effectiveLabel: "negative",
      correctedLabel: null,
      language: "en",
      scorer: "sentiment@5.0.2/AFINN-165",
      subjectAt: touch.occurredAt,
      corrections: [],
    });
    expect(tone.score).toBeLessThan(-0.1);
    for (const name of ["health.recompute", "alarms.scan"]) {
      const [job] = await queued(ws.workspace.id, name);
      expect(job?.payload).toEqual({ accountId: account.id });
    }
  });

  it("does not rescore unchanged text, and replaces the score when the text changes", async () => {
    t.clock.set("2026-02-02T10:00:00Z");
    const { ws, account } = await setup("Rescore");
    const touch = await logTouch(ws.owner, { accountId: account.id, summary: UNHAPPY });
    await runJobs();
    const [first] = await t.db.select().from(toneScores).where(eq(toneScores.subjectId, touch.id));

    // A change that is not substance enqueues nothing; a forced run finds the text unchanged.
    const api = ws.owner.client.api.v1.interactions[":id"];
    const shorter = await expectJson(
      await api.$patch({
        param: { id: touch.id },
        header: { "if-match": `"${touch.version}"` },
        json: { durationMinutes: 45 },
      }),
      200,
    );
    expect(await queued(ws.workspace.id, toneScoreJobName, "queued")).toHaveLength(0);
    await enqueueJob(t.db, t.clock(), {
      name: toneScoreJobName,
      workspaceId: ws.workspace.id,
      payload: { subjectType: "interaction", subjectId: touch.id },
    });
    t.clock.advance(60_000);
    await runJobs();
    const [same] = await t.db.select().from(toneScores).where(eq(toneScores.subjectId, touch.id));
    expect(same).toEqual(first);

    await expectJson(
      await api.$patch({
        param: { id: touch.id },
        header: { "if-match": `"${shorter.version}"` },
        json: { summary: HAPPY },
      }),
      200,
    );
    await runJobs();
    const [rescored] = await t.db
      .select()
      .from(toneScores)
      .where(eq(toneScores.subjectId, touch.id));
    expect(rescored?.id).toBe(first?.id);
    expect(rescored?.label).toBe("positive");
    expect(rescored?.textHash).not.toBe(first?.textHash);
  });

  it("scores a survey answer's comment and check-in answers", async () => {
    t.clock.set("2026-02-02T10:00:00Z");
    const { ws, account } = await setup("Answers");
    const contact = await expectJson(
      await ws.owner.client.api.v1.contacts.$post({ json: buildContact() }),
      201,
    );
    const [request] = await t.db
      .insert(surveyRequests)
      .values({
        workspaceId: ws.workspace.id,
        kind: "check_in",
        contactId: contact.id,
        accountId: account.id,
        tokenHash: randomUUID(),
        expiresAt: new Date("2026-02-20T00:00:00Z"),
      })
      .returning();
    const [answer] = await t.db
      .insert(surveyAnswers)
      .values({
        workspaceId: ws.workspace.id,
        requestId: request?.id ?? "",
        kind: "check_in",
        contactId: contact.id,
        accountId: account.id,
        score: 2,
        comment: null,
        responses: [
          { question: "How is it going?", answer: "Terrible. We are angry about the outage." },
        ],
        answeredAt: t.clock(),
        editableUntil: t.clock(),
      })
      .returning();
    await enqueueJob(t.db, t.clock(), {
      name: toneScoreJobName,
      workspaceId: ws.workspace.id,
      payload: { subjectType: "survey_answer", subjectId: answer?.id },
    });
    await runJobs();
    const tone = await expectJson(await toneOf(ws.owner, answer?.id ?? "", "survey_answer"), 200);
    expect(tone).toMatchObject({ label: "negative", accountId: account.id });
  });

  it("scores nothing in a language without a lexicon", async () => {
    t.clock.set("2026-02-02T10:00:00Z");
    const { ws, account } = await setup("Français");
    await t.db
      .update(workspaces)
      .set({ toneLanguage: "fr" })
      .where(eq(workspaces.id, ws.workspace.id));
    const touch = await logTouch(ws.owner, { accountId: account.id, summary: UNHAPPY });
    await runJobs();
    await expectProblem(await toneOf(ws.owner, touch.id), 404, "NOT_FOUND");
  });
});

describe("correcting the tone", () => {
  it("keeps each correction, audits it, and clears it only when the text changes", async () => {
    t.clock.set("2026-02-02T10:00:00Z");
    const { ws, account } = await setup("Corrections");
    const member = await ws.addMember("member");
    const touch = await logTouch(ws.owner, { accountId: account.id, summary: UNHAPPY });
    await runJobs();

    t.clock.set("2026-02-02T11:00:00Z");
    const corrected = await expectJson(
      await correct(member, touch.id, { label: "neutral", note: "Banter: they were joking" }),
      200,
    );
    expect(corrected).toMatchObject({
      label: "negative",
      correctedLabel: "neutral",
      effectiveLabel: "neutral",
    });
    expect(corrected.corrections).toEqual([
      expect.objectContaining({
        fromLabel: "negative",
        toLabel: "neutral",
        note: "Banter: they were joking",
        byMemberId: member.memberId,
        at: "2026-02-02T11:00:00.000Z",
      }),
    ]);
    // The same PUT again adds no history row.
    const again = await expectJson(await correct(member, touch.id, { label: "neutral" }), 200);
    expect(again.corrections).toHaveLength(1);
    const audits = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.workspaceId, ws.workspace.id), eq(auditEvents.action, "tone.corrected")),
      );
    expect(audits).toHaveLength(1);

    // Moving the touch keeps the text, so the correction stays.
    const api = ws.owner.client.api.v1.interactions[":id"];
    const moved = await expectJson(
      await api.$patch({
        param: { id: touch.id },
        header: { "if-match": `"${touch.version}"` },
        json: { occurredAt: "2026-02-01T09:00:00Z" },
      }),
      200,
    );
    await runJobs();
    expect(await expectJson(await toneOf(ws.owner, touch.id), 200)).toMatchObject({
      correctedLabel: "neutral",
      subjectAt: "2026-02-01T09:00:00.000Z",
    });

    await expectJson(
      await api.$patch({
        param: { id: touch.id },
        header: { "if-match": `"${moved.version}"` },
        json: { summary: `${UNHAPPY} They threatened to leave.` },
      }),
      200,
    );
    await runJobs();
    const rescored = await expectJson(await toneOf(ws.owner, touch.id), 200);
    expect(rescored).toMatchObject({ correctedLabel: null, effectiveLabel: "negative" });
    expect(rescored.corrections).toHaveLength(1); // the history is kept
  });

  it("is for members and above; viewers read only; another workspace's subject is 404", async () => {
    t.clock.set("2026-02-02T10:00:00Z");
    const { ws, account } = await setup("Who corrects");
    const viewer = await ws.addMember("viewer");
    const touch = await logTouch(ws.owner, { accountId: account.id, summary: HAPPY });
    await runJobs();
    await expectJson(await toneOf(viewer, touch.id), 200);
    await expectProblem(await correct(viewer, touch.id, { label: "negative" }), 403, "FORBIDDEN");

    const other = await t.createWorkspace("Elsewhere");
    await expectProblem(await toneOf(other.owner, touch.id), 404, "NOT_FOUND");
    await expectProblem(
      await correct(other.owner, touch.id, { label: "negative" }),
      404,
      "NOT_FOUND",
    );

    const unscored = await logTouch(ws.owner, { accountId: account.id, summary: HAPPY });
    await expectProblem(await toneOf(ws.owner, unscored.id), 404, "NOT_FOUND");
  });

  it("refuses bad input", async () => {
    t.clock.set("2026-02-02T10:00:00Z");
    const { ws, account } = await setup("Bad input");
    const touch = await logTouch(ws.owner, { accountId: account.id, summary: HAPPY });
    await runJobs();
    const put = (path: string, body: unknown) =>
      t.request(path, {
        method: "PUT",
        headers: { ...ws.owner.headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const bad = await expectProblem(
      await put(`/api/v1/tone/interaction/${touch.id}`, { label: "furious" }),
      400,
      "VALIDATION_FAILED",
    );
    expect(bad.errors?.[0]?.path).toBe("label");
    await expectProblem(
      await put(`/api/v1/tone/interaction/${touch.id}`, { label: "neutral", extra: 1 }),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(
      await put(`/api/v1/tone/meeting/${touch.id}`, { label: "neutral" }),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(
      await put("/api/v1/tone/interaction/nope", { label: "neutral" }),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(
      await t.request(`/api/v1/tone/interaction/${touch.id}`),
      401,
      "UNAUTHENTICATED",
    );
  });
});
