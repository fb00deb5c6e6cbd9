import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { buildAccount } from "../accounts/accounts.factory";

let t: TestApp;
let firm: Awaited<ReturnType<TestApp["createWorkspace"]>>;

beforeAll(async () => {
  t = await createTestApp();
  firm = await t.createWorkspace("Firm");
});
afterAll(async () => {
  await t.close();
});

type Actor = typeof firm.owner;
const settings = (actor: Actor) => actor.client.api.v1.workspace.$get();
const change = (actor: Actor, json: Record<string, unknown>, version?: number) =>
  t.request("/api/v1/workspace", {
    method: "PATCH",
    headers: {
      ...actor.headers,
      "content-type": "application/json",
      ...(version === undefined ? {} : { "if-match": `"${version}"` }),
    },
    body: JSON.stringify(json),
  });

describe("workspace settings", () => {
  it("start with the default tiers and no core markets, and admins change them", async () => {
    const res = await settings(firm.owner);
    expect(res.headers.get("etag")).toBe('"1"');
    expect(await expectJson(res, 200)).toMatchObject({
      name: "Firm",
      tiers: ["key", "growth", "standard"],
      coreSegments: [],
      timeZone: "UTC",
      toneLanguage: "en",
    });
    const updated = await change(
      firm.owner,
      { tiers: ["strategic", "key", "growth", "standard"], coreSegments: ["Legal", "Healthcare"] },
      1,
    );
    expect(updated.status).toBe(200);
    expect(updated.headers.get("etag")).toBe('"2"');
    await expectProblem(await change(firm.owner, { name: "Stale" }, 1), 412, "STALE_VERSION");
    await expectProblem(
      await change(firm.owner, { name: "No version" }),
      428,
      "PRECONDITION_REQUIRED",
    );
  });

  it("are read by everyone and changed only by admins and owners", async () => {
    const viewer = await firm.addMember("viewer");
    await expectJson(await settings(viewer), 200);
    const manager = await firm.addMember("manager");
    await expectProblem(await change(manager, { name: "Mine now" }, 2), 403, "FORBIDDEN");
  });

  it("make account tiers the workspace's own list", async () => {
    const strategic = await expectJson(
      await firm.owner.client.api.v1.accounts.$post({ json: buildAccount({ tier: "strategic" }) }),
      201,
    );
    expect(strategic.tier).toBe("strategic");
    const wrong = await firm.owner.client.api.v1.accounts.$post({
      json: buildAccount({ tier: "platinum" }),
    });
    const problem = await expectProblem(wrong, 400, "VALIDATION_FAILED");
    expect(problem.errors?.[0]?.path).toBe("tier");

    // A tier still in use cannot be dropped.
    const { version } = await expectJson(await settings(firm.owner), 200);
    await expectProblem(
      await change(firm.owner, { tiers: ["key", "growth", "standard"] }, version),
      409,
      "CONFLICT",
    );
  });

  it("flag accounts outside the firm's core markets", async () => {
    const legal = await expectJson(
      await firm.owner.client.api.v1.accounts.$post({ json: buildAccount({ segment: "legal" }) }),
      201,
    );
    const retail = await expectJson(
      await firm.owner.client.api.v1.accounts.$post({ json: buildAccount({ segment: "Retail" }) }),
      201,
    );
    const none = await expectJson(
      await firm.owner.client.api.v1.accounts.$post({ json: buildAccount({ segment: null }) }),
      201,
    );
    expect([legal.outsideCoreMarkets, retail.outsideCoreMarkets, none.outsideCoreMarkets]).toEqual([
      false,
      true,
      true,
    ]);

    const { version } = await expectJson(await settings(firm.owner), 200);
    expect((await change(firm.owner, { coreSegments: [] }, version)).status).toBe(200);
    const again = await expectJson(
      await firm.owner.client.api.v1.accounts[":id"].$get({ param: { id: retail.id } }),
      200,
    );
    expect(again.outsideCoreMarkets).toBe(false);
  });

  it("keep the firm's time zone", async () => {
    const { version } = await expectJson(await settings(firm.owner), 200);
    const res = await change(firm.owner, { timeZone: "Europe/Lisbon" }, version);
    expect(await expectJson(res, 200)).toMatchObject({ timeZone: "Europe/Lisbon" });
  });

  it("reject bad input", async () => {
    const { version } = await expectJson(await settings(firm.owner), 200);
    const bad = async (json: Record<string, unknown>, path: string) => {
      const problem = await expectProblem(
        await change(firm.owner, json, version),
        400,
        "VALIDATION_FAILED",
      );
      expect(problem.errors?.map((e) => e.path)).toContain(path);
    };
    await bad({ tiers: [] }, "tiers");
    await bad({ tiers: ["key", "KEY"] }, "tiers");
    await bad({ tiers: "key" }, "tiers");
    await bad({ coreSegments: [""] }, "coreSegments.0");
    await bad({ name: "" }, "name");
    await bad({ timeZone: "Mars/Olympus_Mons" }, "timeZone");
    await bad({ timeZone: 1 }, "timeZone");
    await bad({ toneLanguage: "xx" }, "toneLanguage");
    await expectProblem(await change(firm.owner, {}, version), 400, "VALIDATION_FAILED");
    await expectProblem(
      await change(firm.owner, { plan: "enterprise" }, version),
      400,
      "VALIDATION_FAILED",
    );
    const malformed = await t.request("/api/v1/workspace", {
      method: "PATCH",
      headers: {
        ...firm.owner.headers,
        "content-type": "application/json",
        "if-match": `"${version}"`,
      },
      body: "{",
    });
    await expectProblem(malformed, 400, "MALFORMED_JSON");
  });
});
