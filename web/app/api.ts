/**
 * The one way the web UI talks to the server: a Hono `hc` client typed from the server's
 * AppType, so a renamed field or route breaks the web build instead of a user's screen.
 * Cookie-authenticated writes must echo the readable `rapport_csrf` cookie in
 * X-CSRF-Token (double-submit); the custom fetch below does that for every call.
 */
import type { ClientResponse } from "hono/client";
import { hc } from "hono/client";
import type { SuccessStatusCode } from "hono/utils/http-status";
import type { AppType } from "../../src/server/app";

export type FieldError = { path: string; message: string };

/** RFC 9457 problem+json as the server sends it (DESIGN §5). */
export type Problem = {
  type?: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
};

/** A non-2xx answer, carrying the problem body so forms can show field errors. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];
  /** From Retry-After on 429/503: how long the server asks us to wait. */
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: Problem, retryAfterSeconds?: number) {
    super(problem.detail || problem.title);
    this.name = "ApiError";
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail || problem.title;
    this.fieldErrors = problem.errors ?? [];
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The message for one input, matched on the problem's `errors[].path`. */
  fieldError(path: string): string | undefined {
    return this.fieldErrors.find((error) => error.path === path)?.message;
  }
}

const CSRF_COOKIE = "rapport_csrf";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// Me.csrfToken is kept as a fallback for browsers that hide the cookie from scripts.
let csrfFromMe: string | null = null;

export function rememberCsrfToken(token: string | null): void {
  csrfFromMe = token;
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

const fetchWithCsrf: typeof fetch = (input, init) => {
  const method = (init?.method ?? "GET").toUpperCase();
  const headers = new Headers(init?.headers);
  if (!SAFE_METHODS.has(method)) {
    const token = readCookie(CSRF_COOKIE) ?? csrfFromMe;
    if (token) headers.set("X-CSRF-Token", token);
  }
  return fetch(input, { ...init, headers, credentials: "same-origin" });
};

/** Typed routes: `api.v1.members.$get({ query: { limit: "50" } })`, `api.health.$get()`. */
export const api = hc<AppType>("/", { fetch: fetchWithCsrf }).api;

/** The body type of the 2xx JSON answers a client call can produce. */
export type SuccessBody<R> =
  R extends ClientResponse<infer Body, infer Status, "json">
    ? Status extends SuccessStatusCode
      ? Body
      : never
    : never;

async function toApiError(response: Response): Promise<ApiError> {
  const fallback: Problem = {
    title: response.statusText || "Request failed",
    status: response.status,
    detail:
      response.status >= 500
        ? "The server could not complete the request. Try again in a moment."
        : `The server answered ${response.status}.`,
    code: response.status >= 500 ? "INTERNAL" : "HTTP_ERROR",
  };
  const retryAfter = Number(response.headers.get("retry-after"));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  try {
    const body = (await response.json()) as Partial<Problem>;
    if (typeof body.code === "string") {
      return new ApiError({ ...fallback, ...body } as Problem, retryAfterSeconds);
    }
  } catch {
    // Not JSON (e.g. a proxy's HTML error page): the fallback says what happened.
  }
  return new ApiError(fallback, retryAfterSeconds);
}

/** Awaits a typed call; returns its JSON body on 2xx, throws ApiError otherwise. */
export async function readJson<R>(call: Promise<R>): Promise<SuccessBody<R>> {
  const response = (await call) as unknown as Response;
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as SuccessBody<R>;
}

/** Awaits a typed call that answers without a body (204); throws ApiError otherwise. */
export async function expectOk(call: Promise<unknown>): Promise<void> {
  const response = (await call) as Response;
  if (!response.ok) throw await toApiError(response);
}

/** The message to show for anything a mutation or query threw. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof TypeError) return "Could not reach the server. Check your connection.";
  return error instanceof Error ? error.message : "Something went wrong.";
}
