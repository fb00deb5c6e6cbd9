import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/audit.schema";
import { members } from "../../platform/auth/auth.schema";
import type { Ctx } from "../../platform/http/context";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { buildAccount } from "../accounts";
import { closeTasksForCause, openTaskForCause } from "./tasks.causes";
import { buildTask } from "./tasks.factory";
import type { CreateTaskInput } from "./tasks.inputs";

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

const newAccount = async (actor: Actor) =>
  expectJson(await actor.client.api.v1.accounts.$post({ json: buildAccount() }), 201);
const post = (actor: Actor, overrides: Partial<CreateTaskInput> = {}) =>
  actor.client.api.v1.tasks.$post({ json: buildTask(actor.memberId, overrides) });
const create = async (actor: Actor, overrides: Partial<CreateTaskInput> = {}) =>
  expectJson(await post(actor, overrides), 201);
const list = (actor: Actor, query: Record<string, string> = {}) =>
  actor.client.api.v1.tasks.$get({ query });
const get = (actor: Actor, taskId: string) =>
  actor.client.api.v1.tasks[":taskId"].$get({ param: { taskId } });
const patch = (actor: Actor, taskId: string, json: Record<string, unknown>, version?: number) =>
  actor.client.api.v1.tasks[":taskId"].$patch({
    param: { taskId },
    json,
    header: version === undefined ? {} : { "if-match": `"${version}"` },
  });
const complete = (actor: Actor, taskId: string) =>
  actor.client.api.v1.tasks[":taskId"].complete.$post({ param: { taskId }, header: {} });
const dismiss = (actor: Actor, taskId: string, reason: string) =>
  actor.client.api.v1.tasks[":taskId"].dismiss.$post({
    param: { taskId },
    header: {},
    json: { reason },
  });
const reopen = (actor: Actor, taskId: string) =>
  actor.client.api.v1.tasks[":taskId"].reopen.$post({ param: { taskId }, header: {} });

function systemCtx(workspaceId: string): Ctx {
  return {
    db: t.db,
    now: t.clock,
    workspaceId,
    actor: { memberId: null, role: "system", via: "job" },
  };
}

describe("creating and reading tasks", () => {
  it("creates an open, medium, manual task with an ETag, audited, due at the day's start in the workspace zone", async () => {
    const account = await newAccount(firm.owner);
    const res = await post(firm.owner, { accountId: account.id, dueAt: "2026-02-01" });
    expect(res.headers.get("etag")).toBe('"1"');
    const task = await expectJson(res, 201);
    expect(task).toMatchObject({
      accountId: account.id,
      assigneeId: firm.owner.memberId,
      createdById: firm.owner.memberId,
      status: "open",
      priority: "medium",
      source: "manual",
      sourceRef: null,
      closeReason: null,
      dueAt: "2026-02-01T00:00:00.000Z", // the workspace zone is UTC
      version: 1,
    });
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "task"), eq(auditEvents.entityId, task.id)));
    expect(audit.map((e) => e.action)).toEqual(["task.created"]);
    expect(await expectJson(await get(firm.owner, task.id), 200)).toEqual(task);
  });

  it("lists by due date (none last), then id, page by page, with every filter", async () => {
    const ws = await t.createWorkspace("Lister");
    const mate = await ws.addMember("member");
    const account = await newAccount(ws.owner);
    const late = await create(ws.owner, { dueAt: "2026-03-01T10:00:00Z", accountId: account.id });
    const none = await create(ws.owner, { dueAt: null });
    const soon = await create(ws.owner, { dueAt: "2026-01-20T10:00:00+01:00" });
    const mine = await create(ws.owner, { dueAt: "2026-02-01", assigneeId: mate.memberId });
    const none2 = await create(ws.owner);
    const order = [soon.id, mine.id, late.id, ...[none.id, none2.id].sort()];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { id: string }[]; nextCursor: string | null } = await expectJson(
        await list(ws.owner, { limit: "2", ...(cursor ? { cursor } : {}) }),
        200,
      );
      seen.push(...page.data.map((task) => task.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(order);

    const ids = async (actor: Actor, query: Record<string, string>) =>
      (await expectJson(await list(actor, query), 200)).data.map((task) => task.id);
    expect(await ids(ws.owner, { accountId: account.id })).toEqual([late.id]);
    expect(await ids(ws.owner, { assigneeId: mate.memberId })).toEqual([mine.id]);
    expect(await ids(mate, { assigneeId: "me" })).toEqual([mine.id]);
    expect(await ids(ws.owner, { dueBefore: "2026-02-01" })).toEqual([soon.id]);
    expect(await ids(ws.owner, { dueBefore: "2026-02-01T00:00:01Z" })).toEqual([soon.id, mine.id]);
    await expectJson(await complete(ws.owner, soon.id), 200);
    expect(await ids(ws.owner, { status: "done" })).toEqual([soon.id]);
    expect(await ids(ws.owner, { status: "open", source: "manual" })).toHaveLength(4);
    expect(await ids(ws.owner, { source: "cadence" })).toEqual([]);
    expect(await ids(other.owner, {})).toEqual([]);
  });

  it("answers 404 for another workspace's task", async () => {
    const task = await create(firm.owner);
    await expectProblem(await get(other.owner, task.id), 404, "NOT_FOUND");
    await expectProblem(await patch(other.owner, task.id, { title: "x" }, 1), 404, "NOT_FOUND");
    await expectProblem(await complete(other.owner, task.id), 404, "NOT_FOUND");
    await expectProblem(await dismiss(other.owner, task.id, "no"), 404, "NOT_FOUND");
    await expectProblem(await reopen(other.owner, task.id), 404, "NOT_FOUND");
  });
});

describe("changing tasks", () => {
  it("changes with If-Match only: 428 without, 412 when stale; bumps the version", async () => {
    const task = await create(firm.owner);
    await expectProblem(
      await patch(firm.owner, task.id, { title: "New" }),
      428,
      "PRECONDITION_REQUIRED",
    );
    await expectProblem(
      await patch(firm.owner, task.id, { title: "New" }, 7),
      412,
      "STALE_VERSION",
    );
    const res = await patch(
      firm.owner,
      task.id,
      { title: "New", priority: "high", dueAt: null },
      1,
    );
    expect(res.headers.get("etag")).toBe('"2"');
    expect(await expectJson(res, 200)).toMatchObject({
      title: "New",
      priority: "high",
      dueAt: null,
    });
  });

  it("completes, dismisses with a reason and reopens, idempotently, refusing done ↔ dismissed", async () => {
    const task = await create(firm.owner);
    const done = await expectJson(await complete(firm.owner, task.id), 200);
    expect(done).toMatchObject({ status: "done", closedAt: t.clock().toISOString() });
    expect((await expectJson(await complete(firm.owner, task.id), 200)).version).toBe(done.version);
    await expectProblem(await dismiss(firm.owner, task.id, "Not needed"), 409, "CONFLICT");
    const open = await expectJson(await reopen(firm.owner, task.id), 200);
    expect(open).toMatchObject({ status: "open", closedAt: null, closeReason: null });
    expect((await expectJson(await reopen(firm.owner, task.id), 200)).version).toBe(open.version);
    const dismissed = await expectJson(
      await dismiss(firm.owner, task.id, "  Client cancelled "),
      200,
    );
    expect(dismissed).toMatchObject({ status: "dismissed", closeReason: "Client cancelled" });
    await expectProblem(await complete(firm.owner, task.id), 409, "CONFLICT");
  });

  it("lets viewers read only; members change tasks they are given, created, or whose account they serve; managers any", async () => {
    const viewer = await firm.addMember("viewer");
    const outsider = await firm.addMember("member");
    const onTeam = await firm.addMember("member");
    const assignee = await firm.addMember("member");
    const manager = await firm.addMember("manager");
    const account = await newAccount(firm.owner);
    await expectJson(
      await firm.owner.client.api.v1.accounts[":id"].team[":memberId"].$put({
        param: { id: account.id, memberId: onTeam.memberId },
        json: { role: "delivery" },
      }),
      200,
    );
    const task = await create(firm.owner, { accountId: account.id, assigneeId: assignee.memberId });
    await expectJson(await get(viewer, task.id), 200);
    const denied = await expectProblem(await post(viewer), 403, "FORBIDDEN");
    expect(denied.detail).toContain("Viewers");
    for (const reader of [viewer, outsider]) {
      await expectProblem(await patch(reader, task.id, { title: "x" }, 1), 403, "FORBIDDEN");
      await expectProblem(await complete(reader, task.id), 403, "FORBIDDEN");
      await expectProblem(await dismiss(reader, task.id, "no"), 403, "FORBIDDEN");
    }
    await expectJson(await patch(assignee, task.id, { title: "By assignee" }, 1), 200);
    await expectJson(await patch(onTeam, task.id, { title: "By the team" }, 2), 200);
    await expectJson(await patch(manager, task.id, { title: "By a manager" }, 3), 200);
    const own = await create(outsider, { assigneeId: assignee.memberId });
    await expectJson(await complete(outsider, own.id), 200);
    await expectJson(await reopen(assignee, own.id), 200);
  });
});

describe("tasks raised by rules", () => {
  it("keeps one open task per cause: raising twice or at once returns the same, closing closes it", async () => {
    const ctx = systemCtx(firm.workspace.id);
    const cause = {
      source: "cadence" as const,
      sourceRef: "cadence:test:1",
      title: "Call Acme",
      assigneeId: firm.owner.memberId,
    };
    const [a, b] = await Promise.all([openTaskForCause(ctx, cause), openTaskForCause(ctx, cause)]);
    const again = await openTaskForCause(ctx, cause);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(new Set([a.task.id, b.task.id, again.task.id]).size).toBe(1);
    expect(again.created).toBe(false);

    // Reopening a closed one while another is open for the cause is a 409, not a 500.
    const closed = await closeTasksForCause(ctx, { ...cause, status: "done", reason: "called" });
    expect(closed.map((task) => [task.id, task.status, task.dismissReason])).toEqual([
      [a.task.id, "done", "called"],
    ]);
    const next = await openTaskForCause(ctx, cause);
    expect(next.created).toBe(true);
    await expectProblem(await reopen(firm.owner, a.task.id), 409, "CONFLICT");
    expect(
      await closeTasksForCause(ctx, { ...cause, status: "dismissed", reason: "x" }),
    ).toHaveLength(1);
    expect(
      await closeTasksForCause(ctx, { ...cause, status: "dismissed", reason: "x" }),
    ).toHaveLength(0);
  });
});

describe("bad input", () => {
  const raw = (actor: Actor, method: string, path: string, body?: unknown, headers = {}) =>
    t.request(path, {
      method,
      headers: { ...actor.headers, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  const pathsOf = async (res: Response) =>
    (await expectProblem(res, 400, "VALIDATION_FAILED")).errors?.map((e) => e.path).sort();

  it("refuses wrong types, missing and unknown fields, oversized text and bad ids on create", async () => {
    const me = firm.owner.memberId;
    const cases: [unknown, string[]][] = [
      [{}, ["assigneeId", "title"]],
      [{ title: "", assigneeId: me }, ["title"]],
      [{ title: "x".repeat(301), assigneeId: me }, ["title"]],
      [{ title: "x", assigneeId: me, detail: "x".repeat(20_001) }, ["detail"]],
      [{ title: 5, assigneeId: "nope" }, ["assigneeId", "title"]],
      [{ title: "x", assigneeId: me, priority: "urgent" }, ["priority"]],
      [{ title: "x", assigneeId: me, dueAt: "tomorrow" }, ["dueAt"]],
      [{ title: "x", assigneeId: me, dueAt: "2026-02-01T10:00:00" }, ["dueAt"]],
      [{ title: "x", assigneeId: me, accountId: 3 }, ["accountId"]],
      [{ title: "x", assigneeId: me, source: "cadence" }, [""]],
      [{ title: "x", assigneeId: me, status: "done" }, [""]],
    ];
    for (const [body, paths] of cases) {
      expect(
        await pathsOf(await raw(firm.owner, "POST", "/api/v1/tasks", body)),
        JSON.stringify(body),
      ).toEqual(paths);
    }
    await expectProblem(await raw(firm.owner, "POST", "/api/v1/tasks", "{"), 400, "MALFORMED_JSON");
  });

  it("refuses an assignee who is not an active member here and another workspace's account (400)", async () => {
    const foreignAccount = await newAccount(other.owner);
    const gone = await firm.addMember("member");
    await t.db.update(members).set({ status: "deactivated" }).where(eq(members.id, gone.memberId));
    for (const [json, path] of [
      [{ assigneeId: other.owner.memberId }, "assigneeId"],
      [{ assigneeId: gone.memberId }, "assigneeId"],
      [{ accountId: foreignAccount.id }, "accountId"],
    ] as const) {
      expect(await pathsOf((await post(firm.owner, json)) as unknown as Response)).toEqual([path]);
    }
    const task = await create(firm.owner);
    expect(
      await pathsOf(
        (await patch(firm.owner, task.id, { assigneeId: gone.memberId }, 1)) as unknown as Response,
      ),
    ).toEqual(["assigneeId"]);
    expect(
      await pathsOf(
        (await patch(
          firm.owner,
          task.id,
          { accountId: foreignAccount.id },
          1,
        )) as unknown as Response,
      ),
    ).toEqual(["accountId"]);
  });

  it("refuses bad changes, dismissals without a reason, bad ids, filters and cursors", async () => {
    const task = await create(firm.owner);
    const at = `/api/v1/tasks/${task.id}`;
    const ifMatch = { "if-match": '"1"' };
    expect(await pathsOf(await raw(firm.owner, "PATCH", at, {}, ifMatch))).toEqual(["(root)"]);
    expect(await pathsOf(await raw(firm.owner, "PATCH", at, { title: null }, ifMatch))).toEqual([
      "title",
    ]);
    expect(await pathsOf(await raw(firm.owner, "PATCH", at, { status: "done" }, ifMatch))).toEqual([
      "",
      "(root)",
    ]);
    expect(await pathsOf(await raw(firm.owner, "POST", `${at}/dismiss`, {}))).toEqual(["reason"]);
    expect(await pathsOf(await raw(firm.owner, "POST", `${at}/dismiss`, { reason: " " }))).toEqual([
      "reason",
    ]);
    expect(
      await pathsOf(await raw(firm.owner, "POST", `${at}/dismiss`, { reason: "x".repeat(2_001) })),
    ).toEqual(["reason"]);
    expect(await pathsOf(await raw(firm.owner, "GET", "/api/v1/tasks/not-a-uuid"))).toEqual([
      "taskId",
    ]);
    expect(
      await pathsOf(await raw(firm.owner, "POST", "/api/v1/tasks/not-a-uuid/complete")),
    ).toEqual(["taskId"]);
    for (const [query, path] of [
      ["status=closed", "status"],
      ["source=robot", "source"],
      ["assigneeId=you", "assigneeId"],
      ["accountId=1", "accountId"],
      ["dueBefore=soon", "dueBefore"],
      ["limit=0", "limit"],
      ["cursor=bogus", "cursor"],
      [`cursor=${Buffer.from(JSON.stringify(["x", "y"])).toString("base64url")}`, "cursor"],
    ]) {
      expect(await pathsOf(await raw(firm.owner, "GET", `/api/v1/tasks?${query}`)), query).toEqual([
        path,
      ]);
    }
  });
});
