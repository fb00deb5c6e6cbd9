/** Assertions for typed-client responses: check the status and get that status's body type. */
import { expect } from "vitest";

type AnyResponse = { status: number; json(): Promise<unknown>; text(): Promise<string> };

/** Asserts the status (showing the body when it differs) and returns the typed body. */
export async function expectJson<R extends AnyResponse, S extends R["status"]>(
  res: R,
  status: S,
): Promise<Awaited<ReturnType<Extract<R, { status: S }>["json"]>>> {
  const text = await res.text();
  expect(res.status, `unexpected status ${res.status}: ${text}`).toBe(status);
  return (text ? JSON.parse(text) : undefined) as never;
}

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: string; message: string }[];
};

/** Asserts a problem+json answer with the given status and code, and returns it. */
export async function expectProblem(
  res: Response | AnyResponse,
  status: number,
  code: string,
): Promise<Problem> {
  const text = await res.text();
  expect(res.status, `unexpected status ${res.status}: ${text}`).toBe(status);
  if (res instanceof Response)
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = JSON.parse(text) as Problem;
  expect(body.code).toBe(code);
  expect(body.status).toBe(status);
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/); // never a stack trace
  return body;
}
