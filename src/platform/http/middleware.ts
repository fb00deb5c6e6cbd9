/**
 * The request pipeline shared by every route: request id and access log, who is asking
 * (session cookie or bearer token), CSRF for cookie-authenticated writes, and the error
 * handler that turns anything thrown into problem+json.
 */
import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { actorFromApiToken, actorFromSession } from "../auth/sessions.queries";
import type { AppDeps, AppEnv } from "./context";
import { AppError, problemResponse, toAppError } from "./errors";

const SESSION_COOKIE = "rapport_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.set("deps", deps);
    c.set("requestId", requestId);
    c.set("actor", undefined);
    const started = performance.now();
    await next();
    c.header("X-Request-Id", requestId);
    deps.logger.info(
      {
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        member: c.get("actor")?.memberId,
      },
      "request",
    );
  };
}

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db, now } = c.get("deps");
  const authorization = c.req.header("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const actor = match?.[1] ? await actorFromApiToken(db, match[1], now()) : undefined;
    // A wrong token is an error even on public routes: the caller meant to authenticate.
    if (!actor) throw new AppError("UNAUTHENTICATED", "The API token is not valid or was revoked.");
    c.set("actor", actor);
    return next();
  }
  const sessionToken = getCookie(c, SESSION_COOKIE);
  if (sessionToken) {
    const actor = await actorFromSession(db, sessionToken, now());
    if (actor) {
      if (
        !SAFE_METHODS.has(c.req.method) &&
        !csrfMatches(c.req.header("x-csrf-token"), actor.csrfToken)
      ) {
        throw new AppError(
          "CSRF_FAILED",
          "Send the X-CSRF-Token header with the value of the rapport_csrf cookie.",
        );
      }
      c.set("actor", actor);
    }
  }
  return next();
};

function csrfMatches(sent: string | undefined, expected: string | undefined): boolean {
  if (!sent || !expected) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function handleError(error: Error, c: Context<AppEnv>): Response {
  const known = toAppError(error);
  if (known) return problemResponse(c, known);
  const requestId = c.get("requestId");
  c.get("deps")?.logger.error({ err: error, requestId }, "unexpected error");
  if (requestId) c.header("X-Request-Id", requestId);
  return problemResponse(
    c,
    new AppError(
      "INTERNAL",
      `Something went wrong on our side. Quote request id ${requestId ?? "(none)"} when reporting it.`,
    ),
  );
}

/**
 * PostgreSQL text cannot hold the NUL character: a body or query carrying one would fail
 * deep in the database as a 500. Refuse it up front, for every route, naming each field.
 */
export const rejectNulCharacters: MiddlewareHandler<AppEnv> = async (c, next) => {
  const paths: string[] = [];
  const url = new URL(c.req.url);
  if (url.search.includes("%00")) {
    for (const [name, value] of url.searchParams)
      if ((name + value).includes("\0")) paths.push(name);
  }
  if (!SAFE_METHODS.has(c.req.method) && c.req.header("content-type")?.includes("json")) {
    const body = await c.req.raw.clone().text();
    if (body.includes("\\u0000") || body.includes("\0")) {
      try {
        collectNulPaths(JSON.parse(body), "", paths);
      } catch {
        // malformed JSON: the validator answers that
      }
    }
  }
  if (paths.length > 0) {
    throw new AppError("VALIDATION_FAILED", "Text may not contain the NUL character (\\u0000).", {
      errors: paths.map((path) => ({ path, message: "Contains a NUL character" })),
    });
  }
  return next();
};

function collectNulPaths(value: unknown, path: string, found: string[]): void {
  if (typeof value === "string") {
    if (value.includes("\0")) found.push(path || "(root)");
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      collectNulPaths(item, path ? `${path}.${index}` : String(index), found);
    }
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes("\0")) found.push(at);
      collectNulPaths(item, at, found);
    }
  }
}
