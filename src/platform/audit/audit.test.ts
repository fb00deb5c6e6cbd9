import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectJson, expectProblem } from "../testing/http";
import { createTestApp, type TestApp } from "../testing/test-app";

let t: TestApp;
let firm: Awaited<ReturnType<TestApp["createWorkspace"]>>;
let other: Awaited<ReturnType<TestApp["createWorkspace"]>>;

beforeAll(async () => {
  t = await createTestApp();
  firm = await t.createWorkspace("Firm");
  other = await t.createWorkspace("Other");
});
afterAll(async () => {
  await t.close();
});

describe("audit events", () => {
  it("records who changed what, with before and after, and filters by entity, actor and time", async () => {
    const invited = await expectJson(
      await firm.owner.client.api.v1.members.$post({
        json: { email: "ann@firm.test", name: "Ann", role: "member" },
      }),
      201,
    );
    t.clock.advance(60_000);
    const changed = await t.request(`/api/v1/members/${invited.member.id}`, {
      method: "PATCH",
      headers: { ...firm.owner.headers, "content-type": "application/json", "if-match": '"1"' },
      body: JSON.stringify({ role: "manager" }),
    });
    expect(changed.status).toBe(200);

    const forMember = await expectJson(
      await firm.owner.client.api.v1["audit-events"].$get({
        query: { entityType: "member", entityId: invited.member.id },
      }),
      200,
    );
    expect(forMember.data.map((e) => e.action)).toEqual(["member.updated", "member.invited"]);
    const update = forMember.data[0];
    expect(update?.actorMemberId).toBe(firm.owner.memberId);
    expect(update?.before).toMatchObject({ role: "member" });
    expect(update?.after).toMatchObject({ role: "manager" });

    const byActor = await expectJson(
      await firm.owner.client.api.v1["audit-events"].$get({
        query: { actorId: firm.owner.memberId, limit: "200" },
      }),
      200,
    );
    expect(byActor.data.every((e) => e.actorMemberId === firm.owner.memberId)).toBe(true);

    const since = new Date(t.clock().getTime() - 1000).toISOString();
    const recent = await expectJson(
      await firm.owner.client.api.v1["audit-events"].$get({ query: { from: since } }),
      200,
    );
    expect(recent.data.map((e) => e.action)).toEqual(["member.updated"]);
  });

  it("never stores secrets in snapshots", async () => {
    await expectJson(
      await firm.owner.client.api.v1.tokens.$post({ json: { label: "audit me" } }),
      201,
    );
    const events = await expectJson(
      await firm.owner.client.api.v1["audit-events"].$get({
        query: { entityType: "api_token", limit: "200" },
      }),
      200,
    );
    expect(events.data.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toMatch(/tokenHash|passwordHash|rap_[A-Za-z0-9_-]{20,}/);
  });

  it("pages through events newest first", async () => {
    const page1 = await expectJson(
      await firm.owner.client.api.v1["audit-events"].$get({ query: { limit: "1" } }),
      200,
    );
    expect(page1.nextCursor).toBeTruthy();
    const page2 = await expectJson(
      await firm.owner.client.api.v1["audit-events"].$get({
        query: { limit: "1", cursor: page1.nextCursor ?? "" },
      }),
      200,
    );
    expect(String(page2.data[0]?.id) < String(page1.data[0]?.id)).toBe(true);
  });

  it("shows only this workspace's events", async () => {
    const mine = await expectJson(
      await firm.owner.client.api.v1["audit-events"].$get({ query: { limit: "200" } }),
      200,
    );
    expect(mine.data.some((e) => e.entityId === other.workspace.id)).toBe(false);
    const theirs = await expectJson(
      await firm.owner.client.api.v1["audit-events"].$get({
        query: { entityId: other.owner.memberId },
      }),
      200,
    );
    expect(theirs.data).toEqual([]);
  });

  it("is readable by managers and above only, and rejects bad filters", async () => {
    const manager = await firm.addMember("manager");
    expect((await manager.client.api.v1["audit-events"].$get({ query: {} })).status).toBe(200);
    const member = await firm.addMember("member");
    await expectProblem(
      await member.client.api.v1["audit-events"].$get({ query: {} }),
      403,
      "FORBIDDEN",
    );
    const h = { headers: firm.owner.headers };
    await expectProblem(
      await t.request("/api/v1/audit-events?from=yesterday", h),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(
      await t.request("/api/v1/audit-events?actorId=7", h),
      400,
      "VALIDATION_FAILED",
    );
  });
});
