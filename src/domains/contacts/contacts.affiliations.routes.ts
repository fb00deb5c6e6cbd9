/** A contact's affiliations over HTTP: list (history included), add, change, end. */
import { createRoute, z } from "@hono/zod-openapi";
import { requireIfMatch, setEtag } from "../../platform/http/concurrency";
import { ctxFor, inTransaction } from "../../platform/http/request-ctx";
import { errors, idParam, jsonBody, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import {
  type AffiliationView,
  addAffiliation,
  changeAffiliation,
  endAffiliation,
  listAffiliations,
} from "./contacts.affiliations.queries";
import {
  changeAffiliationInput,
  createAffiliationInput,
  relationshipRoles,
} from "./contacts.inputs";

export const affiliationSchema = z
  .object({
    id: z.string(),
    contactId: z.string(),
    accountId: z.string(),
    accountName: z.string(),
    role: z.enum(relationshipRoles).nullable(),
    responsibility: z.string().nullable(),
    authority: z.string().nullable(),
    accountability: z.string().nullable(),
    startedOn: z.string().nullable(),
    endedOn: z.string().nullable(),
    /** False once endedOn has come: the person moved on, the row stays as history. */
    current: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("ContactAffiliation");

/** The one place an affiliation becomes API output. */
export function presentAffiliation(a: AffiliationView): z.infer<typeof affiliationSchema> {
  return {
    id: a.id,
    contactId: a.contactId,
    accountId: a.accountId,
    accountName: a.accountName,
    role: a.role,
    responsibility: a.responsibility,
    authority: a.authority,
    accountability: a.accountability,
    startedOn: a.startedOn,
    endedOn: a.endedOn,
    current: a.current,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** POST .../end takes an optional body; without it the affiliation ends today. */
const endAffiliationInput = z.strictObject({
  endedOn: z.iso.date({ error: "Must be a date (YYYY-MM-DD)" }).optional(),
});

const tags = ["contacts"];
const optionalIfMatch = z.object({ "if-match": z.string().optional() });
const affiliationParams = idParam.extend({
  affiliationId: z
    .uuid({ error: "Must be a UUID" })
    .openapi({ param: { name: "affiliationId", in: "path" } }),
});

const listRoute = createRoute({
  method: "get",
  path: "/contacts/{id}/affiliations",
  tags,
  summary: "Where the contact works and worked: every affiliation, ended ones included",
  request: { params: idParam },
  responses: {
    200: jsonContent(
      // One page always: a person's affiliations are few, but the shape is every list's.
      z.object({ data: z.array(affiliationSchema), nextCursor: z.null() }),
      "The contact's affiliations",
    ),
    ...errors(404),
  },
});

const addRoute = createRoute({
  method: "post",
  path: "/contacts/{id}/affiliations",
  tags,
  summary: "Affiliate the contact with a live account of this workspace",
  request: { params: idParam, body: jsonBody(createAffiliationInput) },
  responses: {
    201: jsonContent(affiliationSchema, "Created"),
    ...errors(403, 404, 409, 413),
  },
});

const changeRoute = createRoute({
  method: "patch",
  path: "/contacts/{id}/affiliations/{affiliationId}",
  tags,
  summary: "Change an affiliation's role, duties or dates (If-Match required)",
  request: {
    params: affiliationParams,
    headers: optionalIfMatch,
    body: jsonBody(changeAffiliationInput),
  },
  responses: {
    200: jsonContent(affiliationSchema, "Updated"),
    ...errors(403, 404, 409, 412, 413, 428),
  },
});

const endRoute = createRoute({
  method: "post",
  path: "/contacts/{id}/affiliations/{affiliationId}/end",
  tags,
  summary:
    "The person moved on: end the affiliation on endedOn (default today); the row stays as history",
  request: {
    params: affiliationParams,
    headers: optionalIfMatch,
    body: {
      required: false,
      content: { "application/json": { schema: endAffiliationInput } },
    },
  },
  responses: {
    200: jsonContent(affiliationSchema, "Ended"),
    ...errors(403, 404, 409, 412, 413),
  },
});

export function createAffiliationRoutes() {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const list = await listAffiliations(ctxFor(c), c.req.valid("param").id);
      return c.json({ data: list.map(presentAffiliation), nextCursor: null }, 200);
    })
    .openapi(addRoute, async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const affiliation = await inTransaction(c, (ctx) => addAffiliation(ctx, id, body));
      setEtag(c, affiliation.version);
      return c.json(presentAffiliation(affiliation), 201);
    })
    .openapi(changeRoute, async (c) => {
      const version = requireIfMatch(c);
      const { id, affiliationId } = c.req.valid("param");
      const body = c.req.valid("json");
      const affiliation = await inTransaction(c, (ctx) =>
        changeAffiliation(ctx, id, affiliationId, version, body),
      );
      setEtag(c, affiliation.version);
      return c.json(presentAffiliation(affiliation), 200);
    })
    .openapi(endRoute, async (c) => {
      const version = c.req.header("if-match") ? requireIfMatch(c) : undefined;
      const { id, affiliationId } = c.req.valid("param");
      const body = c.req.valid("json");
      const affiliation = await inTransaction(c, (ctx) =>
        endAffiliation(ctx, id, affiliationId, body, version),
      );
      setEtag(c, affiliation.version);
      return c.json(presentAffiliation(affiliation), 200);
    });
}
