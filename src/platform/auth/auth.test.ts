import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectJson } from "../testing/http";
import { createTestApp, TEST_PASSWORD, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function cookiesFrom(res: Response): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const [name, ...rest] = (pair ?? "").split("=");
    if (name) jar[name.trim()] = rest.join("=");
  }
  return jar;
}

describe("onboarding", () => {
  it("creates the first workspace and signs the owner in, once", async () => {
    const status = await t.client.api.v1.onboarding.$get();
    expect(await status.json()).toEqual({ needed: true });

    const res = await t.client.api.v1.onboarding.$post({
      json: {
        workspaceName: "Northwind Partners",
        name: "Ada Owner",
        email: "ada@northwind.test",
        password: TEST_PASSWORD,
      },
    });
    const me = await expectJson(res, 201);
    expect(me.member.role).toBe("owner");
    expect(me.workspace.name).toBe("Northwind Partners");
    const cookies = cookiesFrom(res);
    expect(cookies.rapport_session).toBeTruthy();

    const again = await t.client.api.v1.onboarding.$post({
      json: { workspaceName: "Second", name: "Eve", email: "eve@x.test", password: TEST_PASSWORD },
    });
    expect(again.status).toBe(409);
    expect((await t.client.api.v1.onboarding.$get()).status).toBe(200);
  });
});

describe("login", () => {
  it("signs in with the right password and answers the same for unknown email and wrong password", async () => {
    const ok = await t.client.api.v1.auth.login.$post({
      json: { email: "ADA@northwind.test", password: TEST_PASSWORD },
    });
    expect(ok.status).toBe(200);
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith("rapport_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const wrong = await t.client.api.v1.auth.login.$post({
      json: { email: "ada@northwind.test", password: "nope" },
    });
    const unknown = await t.client.api.v1.auth.login.$post({
      json: { email: "nobody@northwind.test", password: "nope" },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = (await wrong.json()) as Record<string, unknown>;
    const b = (await unknown.json()) as Record<string, unknown>;
    expect(a.code).toBe("INVALID_CREDENTIALS");
    expect({ ...a, instance: undefined }).toEqual({ ...b, instance: undefined });
  });
});
