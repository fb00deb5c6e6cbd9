import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../audit/audit.schema";
import { outboxMessages } from "../mail/mail.schema";
import { expectJson, expectProblem } from "../testing/http";
import { createTestApp, type TestApp } from "../testing/test-app";

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

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

describe("inviting members", () => {
  it("creates an invited member, shows the link once and mails it through the outbox", async () => {
    const res = await firm.owner.client.api.v1.members.$post({
      json: { email: "grace@firm.test", name: "Grace Hopper", role: "manager" },
    });
    const body = await expectJson(res, 201);
    expect(body.member).toMatchObject({
      email: "grace@firm.test",
      role: "manager",
      status: "invited",
    });
    expect(body.invitationUrl).toMatch(/^http:\/\/rapport\.test\/invite\/inv_/);

    const mail = await t.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, "grace@firm.test"));
    expect(mail).toHaveLength(1);
    expect(mail[0]?.textBody).toContain(body.invitationUrl);
    expect(mail[0]?.status).toBe("pending");

    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityId, body.member.id), eq(auditEvents.action, "member.invited")),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorMemberId).toBe(firm.owner.memberId);
  });

  it("lets the invitee set a password once and signs them in", async () => {
    const res = await firm.owner.client.api.v1.members.$post({
      json: { email: "linus@firm.test", name: "Linus", role: "member" },
    });
    const { invitationUrl } = await expectJson(res, 201);
    const token = invitationUrl.split("/invite/")[1] ?? "";

    const info = await expectJson(
      await t.client.api.v1.invitations[":token"].$get({ param: { token } }),
      200,
    );
    expect(info).toMatchObject({
      workspaceName: "Firm",
      email: "linus@firm.test",
      role: "member",
      hasPassword: false,
    });

    const short = await t.client.api.v1.invitations[":token"].accept.$post({
      param: { token },
      json: { password: "short" },
    });
    const problem = await expectProblem(short, 400, "VALIDATION_FAILED");
    expect(problem.errors?.[0]?.path).toBe("password");

    const accepted = await t.client.api.v1.invitations[":token"].accept.$post({
      param: { token },
      json: { password: "a long enough password" },
    });
    const me = await expectJson(accepted, 200);
    expect(me.member.email).toBe("linus@firm.test");
    expect(accepted.headers.getSetCookie().some((c) => c.startsWith("rapport_session="))).toBe(
      true,
    );

    const again = await t.client.api.v1.invitations[":token"].accept.$post({
      param: { token },
      json: { password: "a long enough password" },
    });
    await expectProblem(again, 404, "NOT_FOUND");
    const login = await t.client.api.v1.auth.login.$post({
      json: { email: "linus@firm.test", password: "a long enough password" },
    });
    await expectJson(login, 200);
  });

  it("refuses an expired invitation", async () => {
    const { invitationUrl } = await expectJson(
      await firm.owner.client.api.v1.members.$post({
        json: { email: "late@firm.test", name: "Late", role: "viewer" },
      }),
      201,
    );
    const token = invitationUrl.split("/invite/")[1] ?? "";
    t.clock.advance(15 * 86_400_000);
    await expectProblem(
      await t.client.api.v1.invitations[":token"].$get({ param: { token } }),
      404,
      "NOT_FOUND",
    );
    t.clock.advance(-15 * 86_400_000);
  });

  it("answers 409 with the existing id when the person is already an active member", async () => {
    const res = await firm.owner.client.api.v1.members.$post({
      json: { email: firm.email.toUpperCase(), name: "Owner again", role: "member" },
    });
    const problem = await expectProblem(res, 409, "ALREADY_EXISTS");
    expect((problem as unknown as { existingId: string }).existingId).toBeTruthy();
  });

  it("lets only admins and owners invite, and only owners grant owner", async () => {
    for (const role of ["viewer", "member", "manager"] as const) {
      const actor = await firm.addMember(role);
      const res = await actor.client.api.v1.members.$post({
        json: { email: `x-${role}@firm.test`, name: "X", role: "viewer" },
      });
      await expectProblem(res, 403, "FORBIDDEN");
    }
    const admin = await firm.addMember("admin");
    await expectJson(
      await admin.client.api.v1.members.$post({
        json: { email: "ok@firm.test", name: "Ok", role: "member" },
      }),
      201,
    );
    await expectProblem(
      await admin.client.api.v1.members.$post({
        json: { email: "boss@firm.test", name: "Boss", role: "owner" },
      }),
      403,
      "FORBIDDEN",
    );
  });

  it("rejects bad input with the field path", async () => {
    const h = firm.owner.headers;
    let p = await expectProblem(
      await t.request(
        "/api/v1/members",
        json({ email: "not-an-email", name: "A", role: "member" }, h),
      ),
      400,
      "VALIDATION_FAILED",
    );
    expect(p.errors?.map((e) => e.path)).toEqual(["email"]);
    p = await expectProblem(
      await t.request(
        "/api/v1/members",
        json({ email: "a@b.test", name: "A", role: "emperor" }, h),
      ),
      400,
      "VALIDATION_FAILED",
    );
    expect(p.errors?.[0]?.path).toBe("role");
    p = await expectProblem(
      await t.request("/api/v1/members", json({ email: "a@b.test", role: "member" }, h)),
      400,
      "VALIDATION_FAILED",
    );
    expect(p.errors?.[0]?.path).toBe("name");
    p = await expectProblem(
      await t.request("/api/v1/members", json({ email: 42, name: ["A"], role: "member" }, h)),
      400,
      "VALIDATION_FAILED",
    );
    expect(p.errors?.map((e) => e.path).sort()).toEqual(["email", "name"]);
    p = await expectProblem(
      await t.request(
        "/api/v1/members",
        json({ email: "a@b.test", name: "A", role: "member", isAdmin: true }, h),
      ),
      400,
      "VALIDATION_FAILED",
    );
    expect(p.detail).toContain("isAdmin");
    await expectProblem(
      await t.request("/api/v1/members", json("{not json", h)),
      400,
      "MALFORMED_JSON",
    );
    await expectProblem(
      await t.request(
        "/api/v1/members",
        json({ email: "a@b.test", name: "x".repeat(2_000_000), role: "member" }, h),
      ),
      413,
      "PAYLOAD_TOO_LARGE",
    );
  });
});

describe("reading members", () => {
  it("lists the workspace's members page by page", async () => {
    const first = await expectJson(
      await firm.owner.client.api.v1.members.$get({ query: { limit: "2" } }),
      200,
    );
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const seen = new Set(first.data.map((m) => m.id));
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await expectJson(
        await firm.owner.client.api.v1.members.$get({ query: { limit: "2", cursor } }),
        200,
      );
      for (const m of page.data) {
        expect(seen.has(m.id)).toBe(false);
        seen.add(m.id);
      }
      cursor = page.nextCursor;
    }
    const all = await expectJson(
      await firm.owner.client.api.v1.members.$get({ query: { limit: "200" } }),
      200,
    );
    expect(seen.size).toBe(all.data.length);
    expect(all.data.every((m) => !("passwordHash" in m) && !("userId" in m))).toBe(true);
    expect(all.data.some((m) => m.id === other.owner.memberId)).toBe(false);
  });

  it("rejects a bad limit or cursor", async () => {
    const h = { headers: firm.owner.headers };
    await expectProblem(await t.request("/api/v1/members?limit=500", h), 400, "VALIDATION_FAILED");
    await expectProblem(await t.request("/api/v1/members?limit=abc", h), 400, "VALIDATION_FAILED");
    await expectProblem(
      await t.request("/api/v1/members?cursor=garbage", h),
      400,
      "VALIDATION_FAILED",
    );
  });

  it("answers 404 for another workspace's member and 400 for a malformed id", async () => {
    await expectProblem(
      await firm.owner.client.api.v1.members[":id"].$get({ param: { id: other.owner.memberId } }),
      404,
      "NOT_FOUND",
    );
    await expectProblem(
      await firm.owner.client.api.v1.members[":id"].$get({ param: { id: "not-a-uuid" } }),
      400,
      "VALIDATION_FAILED",
    );
    const own = await firm.owner.client.api.v1.members[":id"].$get({
      param: { id: firm.owner.memberId },
    });
    expect(own.headers.get("etag")).toMatch(/^"\d+"$/);
  });

  it("answers 401 without credentials", async () => {
    await expectProblem(await t.client.api.v1.members.$get({ query: {} }), 401, "UNAUTHENTICATED");
    await expectProblem(
      await t.request("/api/v1/members", { headers: { authorization: "Bearer rap_nope" } }),
      401,
      "UNAUTHENTICATED",
    );
  });
});

describe("changing members", () => {
  const patch = (id: string, body: unknown, headers: Record<string, string>) =>
    t.request(`/api/v1/members/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("changes a role with If-Match and refuses stale or missing versions", async () => {
    const target = await firm.addMember("member");
    const res = await patch(
      target.memberId,
      { role: "manager" },
      { ...firm.owner.headers, "if-match": '"1"' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"2"');
    expect(((await res.json()) as { role: string }).role).toBe("manager");

    await expectProblem(
      await patch(
        target.memberId,
        { role: "viewer" },
        { ...firm.owner.headers, "if-match": '"1"' },
      ),
      412,
      "STALE_VERSION",
    );
    await expectProblem(
      await patch(target.memberId, { role: "viewer" }, firm.owner.headers),
      428,
      "PRECONDITION_REQUIRED",
    );
    await expectProblem(
      await patch(target.memberId, {}, { ...firm.owner.headers, "if-match": '"2"' }),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(
      await patch(target.memberId, { role: 7 }, { ...firm.owner.headers, "if-match": '"2"' }),
      400,
      "VALIDATION_FAILED",
    );
  });

  it("never leaves a workspace without an active owner", async () => {
    const solo = await t.createWorkspace("Solo");
    await expectProblem(
      await patch(
        solo.owner.memberId,
        { role: "admin" },
        { ...solo.owner.headers, "if-match": '"1"' },
      ),
      409,
      "LAST_OWNER",
    );
    await expectProblem(
      await patch(
        solo.owner.memberId,
        { status: "deactivated" },
        { ...solo.owner.headers, "if-match": '"1"' },
      ),
      409,
      "LAST_OWNER",
    );
    const second = await solo.addMember("admin");
    const promoted = await patch(
      second.memberId,
      { role: "owner" },
      { ...solo.owner.headers, "if-match": '"1"' },
    );
    expect(promoted.status).toBe(200);
    const stepDown = await patch(
      solo.owner.memberId,
      { role: "admin" },
      { ...solo.owner.headers, "if-match": '"1"' },
    );
    expect(stepDown.status).toBe(200);
  });

  it("deactivating a member stops their tokens at once", async () => {
    const leaver = await firm.addMember("member");
    expect((await leaver.client.api.v1.me.$get()).status).toBe(200);
    const res = await patch(
      leaver.memberId,
      { status: "deactivated" },
      { ...firm.owner.headers, "if-match": '"1"' },
    );
    expect(res.status).toBe(200);
    await expectProblem(await leaver.client.api.v1.me.$get(), 401, "UNAUTHENTICATED");
  });

  it("lets admins manage members but not owners", async () => {
    const admin = await firm.addMember("admin");
    const member = await firm.addMember("member");
    expect(
      (await patch(member.memberId, { role: "viewer" }, { ...admin.headers, "if-match": '"1"' }))
        .status,
    ).toBe(200);
    await expectProblem(
      await patch(firm.owner.memberId, { role: "viewer" }, { ...admin.headers, "if-match": '"1"' }),
      403,
      "FORBIDDEN",
    );
    await expectProblem(
      await patch(admin.memberId, { role: "viewer" }, { ...member.headers, "if-match": '"1"' }),
      403,
      "FORBIDDEN",
    );
  });

  it("cannot activate someone who never accepted; inviting again sends a fresh link", async () => {
    const { member, invitationUrl } = await expectJson(
      await firm.owner.client.api.v1.members.$post({
        json: { email: "ghost@firm.test", name: "Ghost", role: "member" },
      }),
      201,
    );
    const oldToken = invitationUrl.split("/invite/")[1] ?? "";
    const cancel = await patch(
      member.id,
      { status: "deactivated" },
      { ...firm.owner.headers, "if-match": '"1"' },
    );
    expect(cancel.status).toBe(200);
    await expectProblem(
      await patch(member.id, { status: "active" }, { ...firm.owner.headers, "if-match": '"2"' }),
      409,
      "CONFLICT",
    );
    const again = await expectJson(
      await firm.owner.client.api.v1.members.$post({
        json: { email: "ghost@firm.test", name: "Ghost", role: "viewer" },
      }),
      201,
    );
    expect(again.member).toMatchObject({ id: member.id, status: "invited", role: "viewer" });
    await expectProblem(
      await t.client.api.v1.invitations[":token"].$get({ param: { token: oldToken } }),
      404,
      "NOT_FOUND",
    );
    const newToken = again.invitationUrl.split("/invite/")[1] ?? "";
    await expectJson(
      await t.client.api.v1.invitations[":token"].$get({ param: { token: newToken } }),
      200,
    );
  });

  it("answers 404 when changing another workspace's member", async () => {
    await expectProblem(
      await patch(
        other.owner.memberId,
        { role: "viewer" },
        { ...firm.owner.headers, "if-match": '"1"' },
      ),
      404,
      "NOT_FOUND",
    );
  });
});
