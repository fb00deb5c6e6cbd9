import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idempotencyKeys } from "../http/idempotency.schema";
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

describe("API tokens", () => {
  it("shows the secret once, stores only a prefix, and the token acts as its member", async () => {
    const member = await firm.addMember("member");
    const created = await expectJson(
      await member.client.api.v1.tokens.$post({ json: { label: "Zapier" } }),
      201,
    );
    expect(created.token).toMatch(/^rap_/);
    expect(created.prefix).toBe(created.token.slice(0, 10));

    const viaNew = t.clientFor({ authorization: `Bearer ${created.token}` });
    const me = await expectJson(await viaNew.api.v1.me.$get(), 200);
    expect(me.member.id).toBe(member.memberId);
    expect(me.via).toBe("token");

    const list = await expectJson(await member.client.api.v1.tokens.$get({ query: {} }), 200);
    expect(list.data.map((tok) => tok.label)).toContain("Zapier");
    expect(JSON.stringify(list)).not.toContain(created.token);
  });

  it("revoking a token stops it immediately", async () => {
    const created = await expectJson(
      await firm.owner.client.api.v1.tokens.$post({ json: { label: "CI" } }),
      201,
    );
    const client = t.clientFor({ authorization: `Bearer ${created.token}` });
    expect((await client.api.v1.me.$get()).status).toBe(200);
    const revoked = await expectJson(
      await firm.owner.client.api.v1.tokens[":id"].$delete({ param: { id: created.id } }),
      200,
    );
    expect(revoked.revokedAt).not.toBeNull();
    await expectProblem(await client.api.v1.me.$get(), 401, "UNAUTHENTICATED");
  });

  it("members see and revoke only their own tokens; admins see all", async () => {
    const a = await firm.addMember("member");
    const b = await firm.addMember("member");
    const tokA = await expectJson(
      await a.client.api.v1.tokens.$post({ json: { label: "A's" } }),
      201,
    );
    const bList = await expectJson(await b.client.api.v1.tokens.$get({ query: {} }), 200);
    expect(bList.data.some((tok) => tok.id === tokA.id)).toBe(false);
    await expectProblem(
      await b.client.api.v1.tokens[":id"].$delete({ param: { id: tokA.id } }),
      404,
      "NOT_FOUND",
    );
    const ownerList = await expectJson(
      await firm.owner.client.api.v1.tokens.$get({ query: { limit: "200" } }),
      200,
    );
    expect(ownerList.data.some((tok) => tok.id === tokA.id)).toBe(true);
  });

  it("answers 404 for another workspace's token", async () => {
    const foreign = await expectJson(
      await other.owner.client.api.v1.tokens.$post({ json: { label: "theirs" } }),
      201,
    );
    await expectProblem(
      await firm.owner.client.api.v1.tokens[":id"].$delete({ param: { id: foreign.id } }),
      404,
      "NOT_FOUND",
    );
  });

  it("rejects bad input", async () => {
    const post = (body: string) =>
      t.request("/api/v1/tokens", {
        method: "POST",
        headers: { ...firm.owner.headers, "content-type": "application/json" },
        body,
      });
    await expectProblem(await post(JSON.stringify({})), 400, "VALIDATION_FAILED");
    await expectProblem(await post(JSON.stringify({ label: "  " })), 400, "VALIDATION_FAILED");
    await expectProblem(await post(JSON.stringify({ label: 5 })), 400, "VALIDATION_FAILED");
    await expectProblem(
      await post(JSON.stringify({ label: "x".repeat(101) })),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(
      await post(JSON.stringify({ label: "ok", memberId: other.owner.memberId })),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(await post("label=ok"), 400, "MALFORMED_JSON");
    await expectProblem(
      await t.request("/api/v1/tokens/123", { method: "DELETE", headers: firm.owner.headers }),
      400,
      "VALIDATION_FAILED",
    );
  });
});

describe("Idempotency-Key", () => {
  it("replays the first result of a retried create instead of creating twice", async () => {
    const member = await firm.addMember("member");
    const send = (name: string, key = "retry-1") =>
      t.request("/api/v1/accounts", {
        method: "POST",
        headers: { ...member.headers, "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify({ name }),
      });
    const first = await send("Retry Logistics");
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    const second = await send("Retry Logistics");
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await second.json()).toEqual(firstBody);
    const list = await expectJson(
      await member.client.api.v1.accounts.$get({ query: { q: "Retry Logistics" } }),
      200,
    );
    expect(list.data).toHaveLength(1);

    await expectProblem(await send("Something else"), 422, "IDEMPOTENCY_KEY_REUSED");
    expect((await send("Other Retry Co", "retry-2")).status).toBe(201);
    await expectProblem(await send("Bad key", "k".repeat(201)), 400, "VALIDATION_FAILED");
  });

  it("never keeps a secret shown once: a retried token create answers 409, not the token", async () => {
    const member = await firm.addMember("member");
    const send = () =>
      t.request("/api/v1/tokens", {
        method: "POST",
        headers: {
          ...member.headers,
          "content-type": "application/json",
          "idempotency-key": "token-once",
        },
        body: JSON.stringify({ label: "Nightly sync" }),
      });
    const first = await send();
    expect(first.status).toBe(201);
    const { token } = (await first.json()) as { token: string };
    await expectProblem(await send(), 409, "IDEMPOTENCY_SECRET_WITHHELD");
    const list = await expectJson(await member.client.api.v1.tokens.$get({ query: {} }), 200);
    expect(list.data.filter((tok) => tok.label === "Nightly sync")).toHaveLength(1);
    // Nothing of the answer was stored: the secret is nowhere but in the first response.
    const stored = await t.db
      .select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, "token-once"));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
  });
});
