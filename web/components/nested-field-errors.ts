/**
 * The server names fields inside lists and objects ("tiers.2", "serviceLevel.hours",
 * "milestones.0.title"); a form has one input for the whole list or group, so the message
 * belongs under that input. Some refusals carry no path at all (a 409 "that domain is
 * taken"), yet clearly concern one input: `place` puts them there.
 */
import { ApiError, type FieldError } from "../app/api";

export function withTopLevelPaths(
  error: unknown,
  place: { code: string; path: string }[] = [],
): unknown {
  if (!(error instanceof ApiError)) return error;
  const placed = place.find((rule) => rule.code === error.code);
  const errors: FieldError[] =
    error.fieldErrors.length > 0
      ? error.fieldErrors.map((fieldError) => ({
          ...fieldError,
          path: fieldError.path.split(".")[0] ?? fieldError.path,
        }))
      : placed
        ? [{ path: placed.path, message: error.detail }]
        : [];
  if (errors.length === 0) return error;
  return new ApiError(
    {
      title: error.title,
      status: error.status,
      detail: error.detail,
      code: error.code,
      errors,
    },
    error.retryAfterSeconds,
  );
}

/** 412: the record changed since this page read it. */
export function isStaleVersion(error: unknown): boolean {
  return error instanceof ApiError && error.status === 412;
}
