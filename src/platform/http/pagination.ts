/**
 * Cursor pagination used by every list: `?limit=` (default 50, max 200) and an opaque
 * `?cursor=` that encodes the sort key of the last row returned. Keyset pagination keeps
 * page N as cheap as page 1 and stable while rows are added.
 */
import { z } from "@hono/zod-openapi";
import { AppError } from "./errors";

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export const pageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(DEFAULT_LIMIT)
    .openapi({ description: `Page size, 1-${MAX_LIMIT}` }),
  cursor: z
    .string()
    .max(500)
    .optional()
    .openapi({ description: "nextCursor of the previous page" }),
});

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

/** Decodes a cursor made by encodeCursor with `arity` values, or answers 400. */
export function decodeCursor(
  cursor: string | undefined,
  arity: number,
): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === "string" || typeof v === "number")
    ) {
      return values;
    }
  } catch {
    // fall through to the 400 below
  }
  throw new AppError("VALIDATION_FAILED", "The cursor is not valid.", {
    errors: [{ path: "cursor", message: "Not a cursor this list gave out" }],
  });
}

/**
 * Takes rows fetched with limit + 1 and returns the page plus the cursor of its last row
 * (null when there is no next page).
 */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => (string | number)[]) {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  const last = data[data.length - 1];
  return { data, nextCursor: hasMore && last ? encodeCursor(cursorOf(last)) : null };
}
