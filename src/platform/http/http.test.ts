import { compileErrors, validate } from "@readme/openapi-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectJson, expectProblem } from "../testing/http";
import { createTestApp, TEST_PASSWORD, type TestApp } from "../testing/test-app";

let t: TestApp;
let firm: Awaited<ReturnType<TestApp["createWorkspace"]>>;

beforeAll(async () => {
  t = await createTestApp();
  firm = await t.createWorkspace("Firm");
});
afterAll(async () => {
  await t.close();
});

function sessionFrom(res: Response) {
  const jar: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = (pair ?? "").indexOf("=");
    jar[(pair ?? "").slice(0, eq)] = (pair ?? "").slice(eq + 1);
  }
  return {
    cookie: `rapport_session=${jar.rapport_session}; rapport_csrf=${jar.rapport_csrf}`,
    csrf: jar.rapport_csrf ?? "",
  };
}

describe("health and documents", () => {
  it("reports status, database and version without auth", async () => {
    const body = await expectJson(await t.client.api.health.$get(), 200);
    expect(body).toEqual({ status: "ok", database: t.database.kind, version: "test" });
  });

  it("serves a valid OpenAPI 3.1 document listing every route with its schemas", async () => {
    const res = await t.request("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: object; requestBody?: object }>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
    const expected = [
      "get /api/health",
      "post /api/v1/auth/login",
      "post /api/v1/auth/logout",
      "get /api/v1/me",
      "get /api/v1/onboarding",
      "post /api/v1/onboarding",
      "get /api/v1/invitations/{token}",
      "post /api/v1/invitations/{token}/accept",
      "get /api/v1/members",
      "post /api/v1/members",
      "get /api/v1/members/{id}",
      "patch /api/v1/members/{id}",
      "get /api/v1/tokens",
      "post /api/v1/tokens",
      "delete /api/v1/tokens/{id}",
      "get /api/v1/audit-events",
      "get /api/v1/outbox",
    ];
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    for (const route of expected) expect(listed).toContain(route);
    expect(doc.paths["/api/v1/members"]?.post?.requestBody).toBeDefined();
    expect(Object.keys(doc.paths["/api/v1/members/{id}"]?.patch?.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "404", "412", "428"]),
    );
  });

  it("serves the API reference page", async () => {
    const res = await t.request("/api/docs");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("/api/docs/swagger-ui-bundle.js");
    expect((await t.request("/api/docs/swagger-ui-bundle.js")).status).toBe(200);
  });

  it("answers unknown API routes with a problem, not the web app", async () => {
    await expectProblem(
      await t.request("/api/v1/nothing-here", { headers: firm.owner.headers }),
      404,
      "NOT_FOUND",
    );
  });
});

describe("every response", () => {
  it("carries a request id and security headers", async () => {
    const res = await t.request("/api/health");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });

  it("keeps a sane incoming request id and replaces a bad one", async () => {
    const kept = await t.request("/api/health", { headers: { "x-request-id": "lb-12345678" } });
    expect(kept.headers.get("x-request-id")).toBe("lb-12345678");
    const replaced = await t.request("/api/health", { headers: { "x-request-id": "<script>" } });
    expect(replaced.headers.get("x-request-id")).not.toBe("<script>");
  });
});

describe("the NUL character", () => {
  it("is refused as bad input in bodies and queries, never reaching the database", async () => {
    const post = (body: string) =>
      t.request("/api/v1/members", {
        method: "POST",
        headers: { ...firm.owner.headers, "content-type": "application/json" },
        body,
      });
    await expectProblem(
      await post(JSON.stringify({ email: "nul@firm.test", name: "Nul\u0000Name", role: "member" })),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(
      await t.request("/api/v1/audit-events?entityType=a%00b", { headers: firm.owner.headers }),
      400,
      "VALIDATION_FAILED",
    );
    // An escaped backslash followed by "u0000" is ordinary text.
    const ok = await post(
      JSON.stringify({ email: "slash@firm.test", name: "Back\\u0000slash", role: "member" }),
    );
    expect(ok.status).toBe(201);
  });
});

describe("unexpected errors", () => {
  it("answer 500 problem+json with the request id and no internals", async () => {
    const broken = await createTestApp();
    const ws = await broken.createWorkspace("Doomed");
    await broken.database.close(); // every query now throws
    const res = await broken.request("/api/v1/me", { headers: ws.owner.headers });
    const problem = await expectProblem(res, 500, "INTERNAL");
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toBeTruthy();
    expect(problem.detail).toContain(requestId);
    expect(JSON.stringify(problem)).not.toMatch(/pglite|postgres|select|closed|Error:/i);
  });
});

describe("cookie sessions", () => {
  it("require the CSRF token on writes and accept it when sent", async () => {
    const login = await t.client.api.v1.auth.login.$post({
      json: { email: firm.email, password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
    const { cookie, csrf } = sessionFrom(login);

    const read = await t.request("/api/v1/me", { headers: { cookie } });
    expect(read.status).toBe(200);

    const write = (headers: Record<string, string>) =>
      t.request("/api/v1/tokens", {
        method: "POST",
        headers: { cookie, "content-type": "application/json", ...headers },
        body: JSON.stringify({ label: "from the browser" }),
      });
    await expectProblem(await write({}), 403, "CSRF_FAILED");
    await expectProblem(await write({ "x-csrf-token": "csrf_forged" }), 403, "CSRF_FAILED");
    expect((await write({ "x-csrf-token": csrf })).status).toBe(201);

    const logout = await t.request("/api/v1/auth/logout", {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrf },
    });
    expect(logout.status).toBe(204);
    await expectProblem(
      await t.request("/api/v1/me", { headers: { cookie } }),
      401,
      "UNAUTHENTICATED",
    );
  });

  it("expire after their lifetime", async () => {
    const login = await t.client.api.v1.auth.login.$post({
      json: { email: firm.email, password: TEST_PASSWORD },
    });
    const { cookie } = sessionFrom(login);
    t.clock.advance(31 * 86_400_000);
    await expectProblem(
      await t.request("/api/v1/me", { headers: { cookie } }),
      401,
      "UNAUTHENTICATED",
    );
    t.clock.advance(-31 * 86_400_000);
  });
});

describe("login rate limits", () => {
  it("slow down guessing per email with 429 and Retry-After", async () => {
    const limited = await createTestApp();
    const ws = await limited.createWorkspace("Target");
    const attempt = (password: string) =>
      limited.client.api.v1.auth.login.$post({ json: { email: ws.email, password } });
    for (let i = 0; i < 10; i++) expect((await attempt(`guess-${i}`)).status).toBe(401);
    const blocked = await attempt(TEST_PASSWORD);
    await expectProblem(blocked, 429, "RATE_LIMITED");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    limited.clock.advance(16 * 60_000);
    expect((await attempt(TEST_PASSWORD)).status).toBe(200);
    await limited.close();
  });

  it("reject bad login input", async () => {
    const post = (body: string) =>
      t.request("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
    await expectProblem(
      await post(JSON.stringify({ email: "x@y.test" })),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(
      await post(JSON.stringify({ email: "nope", password: "x" })),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(
      await post(JSON.stringify({ email: "x@y.test", password: 1 })),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(await post("{"), 400, "MALFORMED_JSON");
  });
});
