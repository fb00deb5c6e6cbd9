/**
 * Optimistic concurrency over HTTP: single records carry `ETag: "<version>"`, and a PATCH
 * must send `If-Match` with the version it read. A stale version is 412, never a silent
 * overwrite; no If-Match at all is 428.
 */
import type { Context } from "hono";
import { AppError } from "./errors";

export function etagFor(version: number): string {
  return `"${version}"`;
}

export function setEtag(c: Context, version: number): void {
  c.header("ETag", etagFor(version));
}

/** Reads If-Match as a version number; throws 428 when absent, 412 when malformed. */
export function requireIfMatch(c: Context): number {
  const header = c.req.header("if-match");
  if (!header) throw new AppError("PRECONDITION_REQUIRED");
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match?.[1]) {
    throw new AppError("STALE_VERSION", 'If-Match must be the ETag you read, e.g. "3".');
  }
  return Number(match[1]);
}

export function assertVersion(expected: number, actual: number): void {
  if (expected !== actual) {
    throw new AppError(
      "STALE_VERSION",
      `You sent version ${expected}; the record is at version ${actual}. Reload and try again.`,
      {
        currentVersion: actual,
      },
    );
  }
}
