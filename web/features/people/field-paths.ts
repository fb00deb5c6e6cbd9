/**
 * Field errors for forms with rows (family members, important dates, several emails): the
 * API and zod both name a nested input by its dotted path ("importantDates.2.day"), and so
 * do these helpers, so a message lands under the exact input it is about.
 */
import { useMemo } from "react";
import type { z } from "zod";
import { ApiError } from "../../app/api";

/** Every failing input of `values` under `schema`, keyed by dotted path; first message wins. */
export function validatePaths(schema: z.ZodType, values: unknown): Record<string, string> {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join(".");
    if (path && !errors[path]) errors[path] = issue.message;
  }
  return errors;
}

/**
 * The same server error with its field paths rewritten (e.g. "emails.0" → "email" for a
 * form with one email input). Memoised on the error, because useFieldErrors treats a new
 * object as a new answer from the server.
 */
export function useRemappedError(error: unknown, remap: (path: string) => string): unknown {
  // biome-ignore lint/correctness/useExhaustiveDependencies: remap is a pure path rule
  return useMemo(() => {
    if (!(error instanceof ApiError)) return error;
    return new ApiError({
      title: error.title,
      status: error.status,
      detail: error.detail,
      code: error.code,
      errors: error.fieldErrors.map((fieldError) => ({
        ...fieldError,
        path: remap(fieldError.path),
      })),
    });
  }, [error]);
}
