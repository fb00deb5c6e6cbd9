/** API tokens of the signed-in member (admins see and revoke all). */

import { createRoute, z } from "@hono/zod-openapi";
import { withholdFromReplay } from "../http/idempotency";
import { pageQuerySchema, pageSchema } from "../http/pagination";
import { ctxFor, inTransaction } from "../http/request-ctx";
import { errors, idParam, jsonBody, jsonContent } from "../http/responses";
import { createRouter } from "../http/router";
import { createTokenInput } from "./auth.inputs";
import { createApiToken, listApiTokens, revokeApiToken } from "./tokens.queries";

const tokenSchema = z
  .object({
    id: z.string(),
    memberId: z.string(),
    label: z.string(),
    prefix: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("ApiToken");

type TokenRow = {
  id: string;
  memberId: string;
  label: string;
  prefix: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

function presentToken(t: TokenRow) {
  return {
    id: t.id,
    memberId: t.memberId,
    label: t.label,
    prefix: t.prefix,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
  };
}

const listRoute = createRoute({
  method: "get",
  path: "/tokens",
  tags: ["tokens"],
  summary: "List API tokens (your own; admins see all)",
  request: { query: pageQuerySchema },
  responses: { 200: jsonContent(pageSchema(tokenSchema), "A page of tokens"), ...errors() },
});

const createTokenRoute = createRoute({
  method: "post",
  path: "/tokens",
  tags: ["tokens"],
  summary: "Create an API token acting as you; the secret is shown only in this response",
  request: {
    body: jsonBody(createTokenInput),
  },
  responses: {
    201: jsonContent(tokenSchema.extend({ token: z.string() }).openapi("NewApiToken"), "Created"),
    ...errors(403),
  },
});

const revokeRoute = createRoute({
  method: "delete",
  path: "/tokens/{id}",
  tags: ["tokens"],
  summary: "Revoke an API token (immediately)",
  request: { params: idParam },
  responses: { 200: jsonContent(tokenSchema, "Revoked"), ...errors(403, 404) },
});

export function createTokenRoutes() {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const page = await listApiTokens(ctxFor(c), c.req.valid("query"));
      return c.json({ data: page.data.map(presentToken), nextCursor: page.nextCursor }, 200);
    })
    .openapi(createTokenRoute, async (c) => {
      const { label } = c.req.valid("json");
      const created = await inTransaction(c, (ctx) =>
        createApiToken(ctx, { label, memberId: ctx.actor.memberId ?? "" }),
      );
      withholdFromReplay(c);
      return c.json({ ...presentToken(created), token: created.token }, 201);
    })
    .openapi(revokeRoute, async (c) => {
      const { id } = c.req.valid("param");
      const revoked = await inTransaction(c, (ctx) => revokeApiToken(ctx, id));
      return c.json(presentToken(revoked), 200);
    });
}
