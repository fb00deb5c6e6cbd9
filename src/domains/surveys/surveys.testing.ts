/**
 * What the surveys test files share: accounts with people to survey, sending through the
 * typed client, answering through the public page (as a browser form or JSON), and reading
 * back requests, answers, jobs and tasks. Not a test file itself.
 */
import { and, eq } from "drizzle-orm";
import { workspaces } from "../../platform/auth/auth.schema";
import { jobs } from "../../platform/jobs";
import { expectJson } from "../../platform/testing/http";
import type { TestApp } from "../../platform/testing/test-app";
import { buildAccount } from "../accounts";
import type { CreateContactInput } from "../contacts";
import { buildAffiliation, buildContact } from "../contacts/contacts.factory";
import { tasks } from "../tasks";
import type { SendSurveyInput } from "./surveys.inputs";
import { surveyAnswers, surveyRequests } from "./surveys.schema";

export type Workspace = Awaited<ReturnType<TestApp["createWorkspace"]>>;
export type Actor = Workspace["owner"];

type AnswerBody = { id: string; kind: string; score: number | null; comment: string | null };
type AnswerResponse = Response &
  ({ status: 200; json(): Promise<AnswerBody> } | { status: 201; json(): Promise<AnswerBody> });

export function surveyCalls(t: TestApp) {
  const newAccount = async (actor: Actor, overrides: Parameters<typeof buildAccount>[0] = {}) =>
    expectJson(await actor.client.api.v1.accounts.$post({ json: buildAccount(overrides) }), 201);

  const newContact = async (
    actor: Actor,
    accountId: string | null,
    overrides: Partial<CreateContactInput> = {},
  ) => {
    const contact = await expectJson(
      await actor.client.api.v1.contacts.$post({ json: buildContact(overrides) }),
      201,
    );
    if (accountId) {
      await expectJson(
        await actor.client.api.v1.contacts[":id"].affiliations.$post({
          param: { id: contact.id },
          json: buildAffiliation(accountId),
        }),
        201,
      );
    }
    return contact;
  };

  const send = (actor: Actor, json: SendSurveyInput) =>
    actor.client.api.v1["survey-requests"].$post({ json });
  const sendOk = async (actor: Actor, json: SendSurveyInput) =>
    expectJson(await send(actor, json), 201);
  const tokenOf = (url: string) => url.split("/r/")[1] ?? "";

  /** One NPS (or other kind) link to a fresh person at a fresh account owned by `actor`. */
  const oneLink = async (actor: Actor, json: Partial<SendSurveyInput> = {}) => {
    const account = await newAccount(actor);
    const contact = await newContact(actor, account.id, { firstName: "Ada", lastName: "Okafor" });
    const sent = await sendOk(actor, { kind: "nps", contactIds: [contact.id], ...json });
    const link = sent.data[0];
    if (!link) throw new Error(`nothing sent: ${JSON.stringify(sent.skipped)}`);
    return { account, contact, link, token: tokenOf(link.url) };
  };

  const page = (token: string, query = "") => t.request(`/r/${token}${query}`);

  /** A browser's form post: fields repeat for `responses`. */
  const answerForm = (token: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    }
    return t.request(`/r/${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    });
  };

  /** Typed like the route's JSON answer, so expectJson gives its body. */
  const answerJson = (token: string, body: unknown): Promise<AnswerResponse> =>
    t.request(`/r/${token}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }) as Promise<AnswerResponse>;

  const requestRow = async (id: string) => {
    const [row] = await t.db.select().from(surveyRequests).where(eq(surveyRequests.id, id));
    return row;
  };
  const answersOf = (requestId: string) =>
    t.db.select().from(surveyAnswers).where(eq(surveyAnswers.requestId, requestId));
  const jobsNamed = (name: string) => t.db.select().from(jobs).where(eq(jobs.name, name));
  const surveyTasksOf = (accountId: string) =>
    t.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.accountId, accountId), eq(tasks.source, "survey")));
  const setTimeZone = (workspaceId: string, timeZone: string) =>
    t.db.update(workspaces).set({ timeZone }).where(eq(workspaces.id, workspaceId));

  /** Moves the clock forward to the next given weekday (0 Sunday … 6 Saturday) at hh:mm UTC. */
  const moveToNext = (weekday: number, time = "10:00") => {
    const now = t.clock();
    for (let d = 1; d <= 8; d++) {
      const candidate = new Date(now.getTime() + d * 86_400_000);
      if (candidate.getUTCDay() === weekday) {
        t.clock.set(`${candidate.toISOString().slice(0, 10)}T${time}:00Z`);
        return t.clock();
      }
    }
    throw new Error("no such weekday");
  };

  return {
    newAccount,
    newContact,
    send,
    sendOk,
    tokenOf,
    oneLink,
    page,
    answerForm,
    answerJson,
    requestRow,
    answersOf,
    jobsNamed,
    surveyTasksOf,
    setTimeZone,
    moveToNext,
  };
}
