/**
 * Shared OpenAPI pieces: the problem+json schema and the error responses routes declare,
 * so the document lists every answer a client may get.
 */
import { z } from "@hono/zod-openapi";

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problemSchema } },
});

export const errorResponses = {
  400: problem("Invalid input"),
  401: problem("Not signed in"),
  403: problem("Forbidden for this role"),
  404: problem("Not found in this workspace"),
  409: problem("Conflict with the current state"),
  412: problem("Stale version: reload and retry"),
  413: problem("Body too large"),
  428: problem("If-Match required"),
  429: problem("Rate limited"),
  500: problem("Unexpected error"),
} as const;

type Code = keyof typeof errorResponses;

/** Picks the error responses a route can produce (400, 401 and 500 are always included). */
export function errors<const C extends Code>(...codes: C[]) {
  const picked: Partial<Record<Code, (typeof errorResponses)[Code]>> = {
    400: errorResponses[400],
    401: errorResponses[401],
    500: errorResponses[500],
  };
  for (const code of codes) picked[code] = errorResponses[code];
  return picked as Pick<typeof errorResponses, C | 400 | 401 | 500>;
}

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const idParam = z.object({
  id: z.uuid({ error: "Must be a UUID" }).openapi({ param: { name: "id", in: "path" } }),
});
