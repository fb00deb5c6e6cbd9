/**
 * Maps an ApiError's `errors[].path` onto form inputs. Paths the form has no input for
 * (and errors with no paths at all) are returned as `general`, so nothing is swallowed.
 */
import { useState } from "react";
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

/** The same rules the API applies, checked early so the user is not kept waiting. */
export const rules = {
  required: (value: string) => (value.trim() ? undefined : "Required"),
  email: (value: string) =>
    !value.trim()
      ? "Required"
      : /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())
        ? undefined
        : "Must be an email address",
  // MIN_PASSWORD_LENGTH in src/platform/auth/secrets.ts (a server-only module).
  newPassword: (value: string) => (value.length >= 10 ? undefined : "At least 10 characters"),
};
