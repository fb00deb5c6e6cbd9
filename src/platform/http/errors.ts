/**
 * Errors as RFC 9457 problem+json with stable codes. Domain code throws AppError with a
 * code; the app turns it into a response. Unexpected errors become a bare 500: the
 * details go to the log under the request id, never to the client.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";

export type FieldError = { path: string; message: string };

export const errorTitles = {
  VALIDATION_FAILED: [400, "The request is not valid"],
  MALFORMED_JSON: [400, "The request body is not valid JSON"],
  UNAUTHENTICATED: [401, "Sign in first"],
  INVALID_CREDENTIALS: [401, "Email or password is wrong"],
  FORBIDDEN: [403, "Your role does not allow this"],
  CSRF_FAILED: [403, "The request is missing its CSRF token"],
  NOT_FOUND: [404, "Not found"],
  CONFLICT: [409, "The request conflicts with the current state"],
  ALREADY_EXISTS: [409, "It already exists"],
  LAST_OWNER: [409, "A workspace needs at least one active owner"],
  IDEMPOTENCY_KEY_IN_USE: [409, "A request with this Idempotency-Key is still running"],
  IDEMPOTENCY_KEY_REUSED: [422, "This Idempotency-Key was used with a different request"],
  IDEMPOTENCY_SECRET_WITHHELD: [409, "This request already ran; its secret is shown only once"],
  STALE_VERSION: [412, "The record changed since you read it"],
  PAYLOAD_TOO_LARGE: [413, "The request body is too large"],
  UNSUPPORTED_MEDIA_TYPE: [415, "Unsupported content type"],
  PRECONDITION_REQUIRED: [428, "Send If-Match with the version you read"],
  RATE_LIMITED: [429, "Too many attempts, try again later"],
  INTERNAL: [500, "Something went wrong on our side"],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof errorTitles;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extra: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      [key: string]: unknown;
    } = {},
  ) {
    super(detail ?? errorTitles[code][1]);
    this.status = errorTitles[code][0];
  }
}

export const notFound = (what = "record") => new AppError("NOT_FOUND", `No such ${what}.`);

export function zodFieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || (issue.code === "unrecognized_keys" ? "" : "(root)"),
    message:
      issue.code === "unrecognized_keys"
        ? `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`
        : issue.message,
  }));
}

export function problemBody(error: AppError, instance?: string) {
  const { headers: _headers, ...extra } = error.extra;
  return {
    type: `https://rapport.dev/problems/${error.code.toLowerCase().replaceAll("_", "-")}`,
    title: errorTitles[error.code][1],
    status: error.status,
    detail: error.detail ?? errorTitles[error.code][1],
    code: error.code,
    ...(instance ? { instance } : {}),
    ...extra,
  };
}

export function problemResponse(c: Context, error: AppError): Response {
  const body = problemBody(error, new URL(c.req.url).pathname);
  const headers: Record<string, string> = { "content-type": "application/problem+json" };
  for (const [name, value] of Object.entries(error.extra.headers ?? {})) headers[name] = value;
  return c.body(JSON.stringify(body), error.status as ContentfulStatusCode, headers);
}

/** Maps anything thrown to an AppError; returns undefined for a real bug (500). */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) return new AppError("PAYLOAD_TOO_LARGE");
    if (error.status === 400 && /json/i.test(error.message)) {
      return new AppError("MALFORMED_JSON", "The request body could not be parsed as JSON.");
    }
    if (error.status === 400) return new AppError("VALIDATION_FAILED", error.message);
    if (error.status === 401) return new AppError("UNAUTHENTICATED");
    if (error.status === 404) return new AppError("NOT_FOUND");
    if (error.status === 415) return new AppError("UNSUPPORTED_MEDIA_TYPE");
  }
  return undefined;
}
