import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
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

async function pathsOf(res: Response | { status: number; text(): Promise<string> }) {
  const problem = await expectProblem(res as Response, 400, "VALIDATION_FAILED");
  return problem.errors?.map((e) => e.path).sort();
}

describe("results", () => {
  it("gives NPS, averages and response rates per period and account, and in total", async () => {
    const ws = await t.createWorkspace("Results firm");
    const account = await call.newAccount(ws.owner, { segment: "Legal" });
    const scores = [10, 9, 8, 3];
    // Four other accounts, each sent one NPS that nobody answers.
    for (let i = 0; i < 4; i++) await call.oneLink(ws.owner);
    // Four people at one account, answering 10, 9, 8 and 3; a fifth never answers.
    const people = [];
    for (let i = 0; i < 5; i++) people.push(await call.newContact(ws.owner, account.id));
    const sent = await call.sendOk(ws.owner, { kind: "nps", accountId: account.id });
    for (const [i, score] of scores.entries()) {
      await expectJson(
        await call.answerJson(call.tokenOf(sent.data[i]?.url ?? ""), { score }),
        201,
      );
    }
    const results = await expectJson(
      await ws.owner.client.api.v1.surveys.results.$get({
        query: { kind: "nps", accountId: account.id },
      }),
      200,
    );
    expect(results.series).toHaveLength(12);
    const period = results.series.find((s) => s.sent > 0);
    expect(period).toMatchObject({
      sent: 5,
      answered: 4,
      responseRate: 0.8,
      promoters: 2,
      passives: 1,
      detractors: 1,
      nps: 25,
      average: 7.5,
    });
    expect(results.totals).toMatchObject({ sent: 5, answered: 4, nps: 25 });
    expect(results.byAccount).toEqual([
      expect.objectContaining({ accountId: account.id, nps: 25 }),
    ]);
    const all = await expectJson(
      await ws.owner.client.api.v1.surveys.results.$get({ query: { interval: "quarter" } }),
      200,
    );
    expect(all.series).toHaveLength(4);
    expect(all.totals).toMatchObject({ sent: 9, answered: 4 });
    expect(all.byAccount).toHaveLength(5);
    const legal = await expectJson(
      await ws.owner.client.api.v1.surveys.results.$get({ query: { segment: "Legal" } }),
      200,
    );
    expect(legal.totals.sent).toBeGreaterThanOrEqual(5);
    const csat = await expectJson(
      await ws.owner.client.api.v1.surveys.results.$get({ query: { kind: "csat" } }),
      200,
    );
    expect(csat.totals).toMatchObject({ sent: 0, responseRate: null, nps: null, promoters: null });
  });

  it("refuses bad filters", async () => {
    const results = (query: Record<string, string>) =>
      firm.owner.client.api.v1.surveys.results.$get({ query });
    expect(await pathsOf(await results({ interval: "week" }))).toEqual(["interval"]);
    expect(await pathsOf(await results({ kind: "poll" }))).toEqual(["kind"]);
    expect(await pathsOf(await results({ from: "2026-02-01", to: "2026-01-01" }))).toEqual(["to"]);
    expect(await pathsOf(await results({ from: "1990-01-01" }))).toEqual(["from"]);
    expect(await pathsOf(await results({ accountId: "x" }))).toEqual(["accountId"]);
  });
});

describe("the account timeline", () => {
  it("shows every answer as a survey_answer event", async () => {
    const { account, token } = await call.oneLink(firm.owner);
    const answer = await expectJson(
      await call.answerJson(token, { score: 3, comment: "Slow replies lately" }),
      201,
    );
    const res = await firm.owner.client.api.v1.accounts[":id"].timeline.$get({
      param: { id: account.id },
      query: { kind: "survey_answer" },
    });
    const timeline = await expectJson(res, 200);
    expect(timeline.data).toEqual([
      expect.objectContaining({
        kind: "survey_answer",
        title: "NPS 3",
        detail: "Slow replies lately",
        status: "detractor",
        refId: answer.id,
      }),
    ]);
  });
});
