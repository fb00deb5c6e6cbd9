/**
 * Maps an ApiError's `errors[].path` onto form inputs. Paths the form has no input for
 * (and errors with no paths at all) are returned as `general`, so nothing is swallowed.
 */
import { useState } from "react";
import type { z } from "zod";
import { ApiError, describeError } from "../app/api";

export type FormErrors<Field extends string> = {
  fields: Partial<Record<Field, string>>;
  general?: string;
};

export function formErrorsFrom<Field extends string>(
  error: unknown,
  fields: readonly Field[],
): FormErrors<Field> {
  if (!error) return { fields: {} };
  if (!(error instanceof ApiError)) return { fields: {}, general: describeError(error) };
  const byField: Partial<Record<Field, string>> = {};
  const unplaced: string[] = [];
  for (const fieldError of error.fieldErrors) {
    const field = fields.find((name) => name === fieldError.path);
    if (field && !byField[field]) byField[field] = fieldError.message;
    else if (!field) unplaced.push(fieldError.message);
  }
  const placedSome = Object.keys(byField).length > 0;
  const general = placedSome
    ? unplaced.length > 0
      ? unplaced.join(" ")
      : undefined
    : error.detail;
  return { fields: byField, general };
}

/**
 * Field errors for a form: the ones checked in the browser before sending and the ones
 * the server answered with. Each clears as soon as the user edits that input (a stale
 * "Required" under a filled field confuses more than it helps).
 */
export function useFieldErrors<Field extends string>(
  serverError: unknown,
  fields: readonly Field[],
) {
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const [edited, setEdited] = useState<ReadonlySet<Field>>(new Set());
  const [seenError, setSeenError] = useState<unknown>(serverError);
  if (serverError !== seenError) {
    // A new answer from the server: show all of its errors again.
    setSeenError(serverError);
    setEdited(new Set());
  }
  const server = formErrorsFrom(serverError, fields);
  return {
    general: server.general,
    of: (field: Field): string | undefined =>
      local[field] ?? (edited.has(field) ? undefined : server.fields[field]),
    edited: (field: Field) => {
      if (local[field])
        setLocal(({ [field]: _cleared, ...rest }) => rest as Partial<Record<Field, string>>);
      if (!edited.has(field)) setEdited((previous) => new Set(previous).add(field));
    },
    /** Shows browser-side errors; returns true when there are none and the form may send. */
    check: (errors: Partial<Record<Field, string | undefined>>): boolean => {
      const found = Object.fromEntries(
        Object.entries(errors).filter((entry): entry is [string, string] => Boolean(entry[1])),
      ) as Partial<Record<Field, string>>;
      setLocal(found);
      return Object.keys(found).length === 0;
    },
  };
}

/**
 * Checks values against the API's own input schema (src/platform/auth/auth.inputs.ts), so
 * the browser and the server apply one set of rules. Returns the first message per field.
 */
export function validate<Field extends string>(
  schema: z.ZodType,
  values: Record<Field, unknown>,
): Partial<Record<Field, string>> {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "") as Field;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}
