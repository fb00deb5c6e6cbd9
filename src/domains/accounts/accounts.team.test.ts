import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/audit.schema";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { buildAccount } from "./accounts.factory";

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

async function newAccount(actor: Actor, ownerId?: string) {
  return expectJson(
    await actor.client.api.v1.accounts.$post({ json: buildAccount(ownerId ? { ownerId } : {}) }),
    201,
  );
}

const team = (actor: Actor, id: string) =>
  actor.client.api.v1.accounts[":id"].team.$get({ param: { id } });
const put = (
  actor: Actor,
  id: string,
  memberId: string,
  json: { role: string; responsibility?: string | null },
) =>
  actor.client.api.v1.accounts[":id"].team[":memberId"].$put({
    param: { id, memberId },
    json: json as never,
  });
const remove = (actor: Actor, id: string, memberId: string) =>
  actor.client.api.v1.accounts[":id"].team[":memberId"].$delete({ param: { id, memberId } });

describe("the team on our side of an account", () => {
  it("always includes the account's owner, as lead unless listed otherwise", async () => {
    const account = await newAccount(firm.owner);
    const { data } = await expectJson(await team(firm.owner, account.id), 200);
    expect(data).toEqual([
      expect.objectContaining({ memberId: firm.owner.memberId, role: "lead", isOwner: true }),
    ]);
  });

  it("adds members with a role and responsibility, changes them, and takes them off with history kept", async () => {
    const account = await newAccount(firm.owner);
    const delivery = await firm.addMember("member");
    let { data } = await expectJson(
      await put(firm.owner, account.id, delivery.memberId, {
        role: "delivery",
        responsibility: "Runs the monthly report",
      }),
      200,
    );
    expect(data.find((e) => e.memberId === delivery.memberId)).toMatchObject({
      role: "delivery",
      responsibility: "Runs the monthly report",
      isOwner: false,
    });
    ({ data } = await expectJson(
      await put(firm.owner, account.id, delivery.memberId, { role: "after_hours" }),
      200,
    ));
    expect(data.filter((e) => e.memberId === delivery.memberId)).toEqual([
      expect.objectContaining({ role: "after_hours", responsibility: null }),
    ]);
    ({ data } = await expectJson(await remove(firm.owner, account.id, delivery.memberId), 200));
    expect(data.some((e) => e.memberId === delivery.memberId)).toBe(false);
    await expectProblem(await remove(firm.owner, account.id, delivery.memberId), 404, "NOT_FOUND");

    const actions = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "account"), eq(auditEvents.entityId, account.id)))
      .orderBy(auditEvents.id);
    expect(actions.map((a) => a.action)).toEqual([
      "account.created",
      "account.team_member_added",
      "account.team_member_changed",
      "account.team_member_removed",
    ]);
  });

  it("never takes the owner off the team", async () => {
    const account = await newAccount(firm.owner);
    await expectProblem(await remove(firm.owner, account.id, firm.owner.memberId), 409, "CONFLICT");
  });

  it("lets team members change the account, and only them among members", async () => {
    const lead = await firm.addMember("member");
    const outsider = await firm.addMember("member");
    const account = await newAccount(firm.owner);
    const rename = (actor: Actor, version: number) =>
      actor.client.api.v1.accounts[":id"].$patch({
        param: { id: account.id },
        json: { name: `Renamed ${version}` },
        header: { "if-match": `"${version}"` },
      });
    await expectProblem(await rename(lead, 1), 403, "FORBIDDEN");
    await expectJson(await put(firm.owner, account.id, lead.memberId, { role: "lead" }), 200);
    await expectJson(await rename(lead, 1), 200);
    await expectProblem(await rename(outsider, 2), 403, "FORBIDDEN");
    await expectProblem(
      await put(outsider, account.id, outsider.memberId, { role: "support" }),
      403,
      "FORBIDDEN",
    );
    const viewer = await firm.addMember("viewer");
    await expectJson(await team(viewer, account.id), 200);
    await expectProblem(
      await put(viewer, account.id, viewer.memberId, { role: "support" }),
      403,
      "FORBIDDEN",
    );
  });

  it("refuses deactivated members, foreign members and foreign accounts", async () => {
    const account = await newAccount(firm.owner);
    await expectProblem(
      await put(firm.owner, account.id, other.owner.memberId, { role: "support" }),
      404,
      "NOT_FOUND",
    );
    const foreign = await newAccount(other.owner);
    await expectProblem(await team(firm.owner, foreign.id), 404, "NOT_FOUND");
    await expectProblem(
      await put(firm.owner, foreign.id, firm.owner.memberId, { role: "lead" }),
      404,
      "NOT_FOUND",
    );
    const leaver = await firm.addMember("member");
    const deactivate = await t.request(`/api/v1/members/${leaver.memberId}`, {
      method: "PATCH",
      headers: { ...firm.owner.headers, "content-type": "application/json", "if-match": '"1"' },
      body: JSON.stringify({ status: "deactivated" }),
    });
    expect(deactivate.status).toBe(200);
    await expectProblem(
      await put(firm.owner, account.id, leaver.memberId, { role: "support" }),
      409,
      "CONFLICT",
    );
  });

  it("rejects bad input", async () => {
    const account = await newAccount(firm.owner);
    const raw = (memberId: string, body: string) =>
      t.request(`/api/v1/accounts/${account.id}/team/${memberId}`, {
        method: "PUT",
        headers: { ...firm.owner.headers, "content-type": "application/json" },
        body,
      });
    const m = firm.owner.memberId;
    await expectProblem(await raw(m, JSON.stringify({})), 400, "VALIDATION_FAILED");
    await expectProblem(await raw(m, JSON.stringify({ role: "boss" })), 400, "VALIDATION_FAILED");
    await expectProblem(
      await raw(m, JSON.stringify({ role: "lead", responsibility: 5 })),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(
      await raw(m, JSON.stringify({ role: "lead", extra: true })),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(
      await raw(m, JSON.stringify({ role: "lead", responsibility: "x".repeat(501) })),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(
      await raw("not-a-uuid", JSON.stringify({ role: "lead" })),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(await raw(m, "{"), 400, "MALFORMED_JSON");
  });
});
