/**
 * Every router in Rapport is made here, so all share one validation hook: a request that
 * fails its zod schema answers 400 problem+json with the path of each bad field.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context";
import { AppError, zodFieldErrors } from "./errors";

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const errors = zodFieldErrors(result.error);
        throw new AppError("VALIDATION_FAILED", describe(errors), { errors });
      }
    },
  });
}

function describe(errors: { path: string; message: string }[]): string {
  const first = errors[0];
  if (!first) return "The request is not valid.";
  const where = first.path ? `${first.path}: ` : "";
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  return `${where}${first.message}${more}`;
}
