import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../platform/http/context";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { mayChangeInteraction, mayLogInteraction } from "./interactions.policies";
import { interactionCalls, pathsOf, type Workspace } from "./interactions.testing";

let t: TestApp;
let firm: Workspace;
let other: Workspace;
let call: ReturnType<typeof interactionCalls>;

beforeAll(async () => {
  t = await createTestApp();
  firm = await t.createWorkspace("Firm");
  other = await t.createWorkspace("Other firm");
  call = interactionCalls(t);
});
afterAll(async () => {
  await t.close();
});

describe("the interaction policy", () => {
  const actor = (role: Ctx["actor"]["role"], memberId = "me"): Ctx["actor"] => ({
    role,
    memberId,
    via: "test",
  });
  const people = {
    createdById: "creator",
    memberIds: ["met"],
    account: { ownerId: "owner", teamMemberIds: ["team"] },
  };

  it("lets members log on any account, never viewers", () => {
    expect(mayLogInteraction(actor("member"))).toBe(true);
    expect(mayLogInteraction(actor("viewer"))).toBe(false);
  });

  it("lets the creator, a participant, the owner, the team and managers change it; nobody else", () => {
    for (const memberId of ["creator", "met", "owner", "team"]) {
      expect(mayChangeInteraction(actor("member", memberId), people)).toBe(true);
    }
    expect(mayChangeInteraction(actor("member", "stranger"), people)).toBe(false);
    expect(mayChangeInteraction(actor("viewer", "creator"), people)).toBe(false);
    expect(mayChangeInteraction(actor("manager", "stranger"), people)).toBe(true);
    expect(mayChangeInteraction(actor("system"), people)).toBe(true);
  });
});

describe("who may log and change over HTTP", () => {
  it("lets viewers read only; members log anywhere; strangers to it may not change it", async () => {
    const viewer = await firm.addMember("viewer");
    const logger = await firm.addMember("member");
    const participant = await firm.addMember("member");
    const stranger = await firm.addMember("member");
    const manager = await firm.addMember("manager");
    const account = await call.newAccount(firm.owner);
    const denied = await expectProblem(
      await call.post(viewer, { accountId: account.id }),
      403,
      "FORBIDDEN",
    );
    expect(denied.detail).toContain("Viewers");
    // Not on the team of this account, and still logs a touch on it.
    const planned = await call.plan(logger, {
      accountId: account.id,
      memberIds: [logger.memberId, participant.memberId],
    });
    await expectJson(await call.get(viewer, planned.id), 200);
    await expectJson(await call.list(viewer, { accountId: account.id }), 200);
    for (const res of [
      await call.patch(viewer, planned.id, { decisions: "x" }, 1),
      await call.patch(stranger, planned.id, { decisions: "x" }, 1),
      await call.cancel(stranger, planned.id, "x"),
      await call.archive(stranger, planned.id),
      await call.nextStepsTask(stranger, planned.id),
    ]) {
      await expectProblem(res, 403, "FORBIDDEN");
    }
    await expectJson(await call.patch(logger, planned.id, { decisions: "a" }, 1), 200);
    await expectJson(await call.patch(participant, planned.id, { decisions: "b" }, 2), 200);
    await expectJson(await call.patch(firm.owner, planned.id, { decisions: "c" }, 3), 200);
    await expectJson(await call.cancel(manager, planned.id, "Client asked"), 200);
  });

  it("answers 404 for another workspace's interaction or account on every route", async () => {
    const theirs = await call.newAccount(other.owner);
    const theirPlan = await call.plan(other.owner, { accountId: theirs.id });
    for (const res of [
      await call.get(firm.owner, theirPlan.id),
      await call.patch(firm.owner, theirPlan.id, { summary: "x" }, 1),
      await call.cancel(firm.owner, theirPlan.id, "x"),
      await call.archive(firm.owner, theirPlan.id),
      await call.nextStepsTask(firm.owner, theirPlan.id),
      await call.ics(firm.owner, theirPlan.id),
      await call.timeline(firm.owner, theirs.id),
    ]) {
      await expectProblem(res, 404, "NOT_FOUND");
    }
    const page = await expectJson(await call.list(firm.owner, { accountId: theirs.id }), 200);
    expect(page.data).toEqual([]);
  });
});

describe("next steps into a task", () => {
  it("creates one next_step task due in three days, assigned to the caller; the second call answers it", async () => {
    const account = await call.newAccount(firm.owner);
    const logged = await call.log(firm.owner, {
      accountId: account.id,
      nextSteps: "Send the pilot proposal\nBook a demo with IT",
    });
    const res = await call.nextStepsTask(firm.owner, logged.id);
    const task = await expectJson(res, 201);
    expect(task).toMatchObject({
      title: "Send the pilot proposal",
      detail: "Send the pilot proposal\nBook a demo with IT",
      accountId: account.id,
      assigneeId: firm.owner.memberId,
      dueAt: "2026-01-18T00:00:00.000Z",
      source: "next_step",
      sourceRef: `interaction:${logged.id}`,
      status: "open",
    });
    const again = await expectJson(await call.nextStepsTask(firm.owner, logged.id), 200);
    expect(again.id).toBe(task.id);
  });

  it("takes an assignee, a due date and a title; refuses without next steps or a bad assignee", async () => {
    const account = await call.newAccount(firm.owner);
    const colleague = await firm.addMember("member");
    const logged = await call.log(firm.owner, { accountId: account.id, nextSteps: "Call back" });
    const task = await expectJson(
      await call.nextStepsTask(firm.owner, logged.id, {
        assigneeId: colleague.memberId,
        dueAt: "2026-02-01T09:00:00Z",
        title: "Call Ada back",
        priority: "high",
      }),
      201,
    );
    expect(task).toMatchObject({
      assigneeId: colleague.memberId,
      dueAt: "2026-02-01T09:00:00.000Z",
      title: "Call Ada back",
      priority: "high",
    });
    const bare = await call.log(firm.owner, { accountId: account.id, nextSteps: null });
    await expectProblem(await call.nextStepsTask(firm.owner, bare.id), 409, "CONFLICT");
    const withSteps = await call.log(firm.owner, { accountId: account.id, nextSteps: "x" });
    expect(
      await pathsOf(
        await call.nextStepsTask(firm.owner, withSteps.id, { assigneeId: other.owner.memberId }),
      ),
    ).toEqual(["assigneeId"]);
  });
});

describe("the .ics invitation", () => {
  it("gives a stable UID, SEQUENCE = reschedules, UTC times, summary, description and attendees", async () => {
    const account = await call.newAccount(firm.owner);
    const ada = await call.newContact(firm.owner, account.id);
    const planned = await call.plan(firm.owner, {
      accountId: account.id,
      kind: "strategy_session",
      scheduledAt: "2026-01-20T14:00:00Z",
      durationMinutes: 90,
      summary: "Agenda: the 2026 roadmap",
      contactIds: [ada.id],
    });
    const first = await call.ics(firm.owner, planned.id);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const text = await first.text();
    const unfolded = text.replace(/\r\n[ \t]/g, "");
    expect(unfolded).toContain("BEGIN:VCALENDAR");
    expect(unfolded).toContain("METHOD:REQUEST");
    expect(unfolded).toContain(`UID:interaction-${planned.id}@rapport`);
    expect(unfolded).toContain("SEQUENCE:0");
    expect(unfolded).toContain("DTSTART:20260120T140000Z");
    expect(unfolded).toContain("DTEND:20260120T153000Z");
    expect(unfolded).toContain(`SUMMARY:Strategy session with ${account.name}`);
    expect(unfolded).toContain("DESCRIPTION:Agenda: the 2026 roadmap");
    expect(unfolded).toMatch(new RegExp(`ATTENDEE;.*:mailto:${ada.emails[0]}`, "i"));
    expect(text.includes("\r\n")).toBe(true);

    await expectJson(
      await call.patch(firm.owner, planned.id, { scheduledAt: "2026-01-21T14:00:00Z" }, 1),
      200,
    );
    const moved = (await (await call.ics(firm.owner, planned.id)).text()).replace(/\r\n[ \t]/g, "");
    expect(moved).toContain(`UID:interaction-${planned.id}@rapport`);
    expect(moved).toContain("SEQUENCE:1");
    expect(moved).toContain("DTSTART:20260121T140000Z");

    await expectJson(await call.cancel(firm.owner, planned.id, "Postponed"), 200);
    const cancelled = await (await call.ics(firm.owner, planned.id)).text();
    expect(cancelled).toContain("STATUS:CANCELLED");
    expect(cancelled).toContain("SEQUENCE:2");
  });

  it("has none for an interaction that happened; a bad id is a 400, and /{id} still answers JSON", async () => {
    const account = await call.newAccount(firm.owner);
    const logged = await call.log(firm.owner, { accountId: account.id });
    await expectProblem(await call.ics(firm.owner, logged.id), 409, "CONFLICT");
    await expectProblem(await call.ics(firm.owner, "nope"), 400, "VALIDATION_FAILED");
    await expectJson(await call.get(firm.owner, logged.id), 200);
  });
});

describe("bad input", () => {
  let accountId: string;
  let interactionId: string;
  beforeAll(async () => {
    accountId = (await call.newAccount(firm.owner)).id;
    interactionId = (await call.plan(firm.owner, { accountId }, 3)).id;
  });
  const send = (method: string, path: string, body?: unknown, headers = {}) =>
    t.request(path, {
      method,
      headers: { "content-type": "application/json", ...firm.owner.headers, ...headers },
      ...(body === undefined
        ? {}
        : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });

  const cases: [string, Record<string, unknown>, string[]][] = [
    ["missing fields", { summary: "x" }, ["accountId", "kind"]],
    [
      "wrong types",
      { kind: "call", durationMinutes: "long", summary: 3, contactIds: "a" },
      ["contactIds", "durationMinutes", "summary"],
    ],
    ["unknown enums", { kind: "lunch", direction: "sideways" }, ["direction", "kind"]],
    [
      "malformed instants",
      { kind: "call", occurredAt: "yesterday", scheduledAt: "2026-01-15" },
      ["occurredAt", "scheduledAt"],
    ],
    ["a fractional duration", { kind: "call", durationMinutes: 1.5 }, ["durationMinutes"]],
    [
      "bad ids in lists",
      { kind: "call", memberIds: ["x"], needIds: [1] },
      ["memberIds.0", "needIds.0"],
    ],
  ];
  for (const [label, body, paths] of cases) {
    it(`answers 400 with the field path on create and change: ${label}`, async () => {
      expect(
        await pathsOf(
          await send(
            "POST",
            "/api/v1/interactions",
            label === "missing fields" ? body : { accountId, ...body },
          ),
        ),
      ).toEqual(paths);
      if (label === "missing fields") return;
      const change = await send("PATCH", `/api/v1/interactions/${interactionId}`, body, {
        "if-match": '"1"',
      });
      expect(await pathsOf(change)).toEqual(paths.filter((p) => p !== "accountId"));
    });
  }

  it("rejects unknown fields, an empty change, a changed accountId, malformed JSON, bad ids, filters and cursors", async () => {
    const unknown = await expectProblem(
      await send("POST", "/api/v1/interactions", { accountId, kind: "call", mood: "good" }),
      400,
      "VALIDATION_FAILED",
    );
    expect(unknown.detail).toContain("mood");
    const patch = (body: unknown) =>
      send("PATCH", `/api/v1/interactions/${interactionId}`, body, { "if-match": '"1"' });
    await expectProblem(await patch({}), 400, "VALIDATION_FAILED");
    await expectProblem(await patch({ accountId }), 400, "VALIDATION_FAILED");
    await expectProblem(await patch("{nope"), 400, "MALFORMED_JSON");
    await expectProblem(await send("POST", "/api/v1/interactions", "{nope"), 400, "MALFORMED_JSON");
    for (const [method, path] of [
      ["GET", "/api/v1/interactions/nope"],
      ["PATCH", "/api/v1/interactions/nope"],
      ["POST", "/api/v1/interactions/nope/cancel"],
      ["POST", "/api/v1/interactions/nope/archive"],
      ["POST", "/api/v1/interactions/nope/next-steps-task"],
      ["GET", "/api/v1/accounts/nope/timeline"],
    ] as const) {
      const body = method === "GET" ? undefined : { reason: "x" };
      await expectProblem(
        await send(method, path, body, { "if-match": '"1"' }),
        400,
        "VALIDATION_FAILED",
      );
    }
    const forged = Buffer.from(JSON.stringify(["2026-01-01", "x"])).toString("base64url");
    for (const query of [
      "kind=lunch",
      "state=done",
      "from=yesterday",
      "memberId=x",
      "contactId=x",
      "accountId=x",
      "limit=0",
      "cursor=garbage",
      `cursor=${forged}`,
    ]) {
      expect(await pathsOf(await send("GET", `/api/v1/interactions?${query}`))).toEqual([
        query.split("=")[0],
      ]);
    }
    const timeline = `/api/v1/accounts/${accountId}/timeline`;
    for (const query of ["kind=gossip", "kind=interaction,", "interactionKind=lunch", "cursor=x"]) {
      expect(await pathsOf(await send("GET", `${timeline}?${query}`))).toEqual([
        query.split("=")[0],
      ]);
    }
  });

  it("answers 413 for a body over 1 MB and 401 without credentials", async () => {
    const huge = { accountId, kind: "call", summary: "x".repeat(1_100_000) };
    await expectProblem(await send("POST", "/api/v1/interactions", huge), 413, "PAYLOAD_TOO_LARGE");
    await expectProblem(
      await t.request(`/api/v1/interactions/${interactionId}`),
      401,
      "UNAUTHENTICATED",
    );
    await expectProblem(
      await t.request(`/api/v1/interactions/${interactionId}.ics`),
      401,
      "UNAUTHENTICATED",
    );
  });
});
