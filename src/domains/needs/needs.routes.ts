/** Needs over HTTP: an account's list and create, then read, change and archive one need. */
import { createRoute, z } from "@hono/zod-openapi";
import { requireIfMatch, setEtag } from "../../platform/http/concurrency";
import { pageQuerySchema, pageSchema } from "../../platform/http/pagination";
import { ctxFor, inTransaction } from "../../platform/http/request-ctx";
import { errors, idParam, jsonBody, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import {
  changeNeedInput,
  createNeedInput,
  needFilterInput,
  needKinds,
  needPriorities,
  needStatuses,
} from "./needs.inputs";
import { archiveNeed, createNeed, getNeed, listNeeds, updateNeed } from "./needs.queries";
import type { Need } from "./needs.schema";

export const needSchema = z
  .object({
    id: z.string(),
    accountId: z.string(),
    kind: z.enum(needKinds),
    title: z.string(),
    detail: z.string().nullable(),
    priority: z.enum(needPriorities),
    status: z.enum(needStatuses),
    learnedOn: z.string(),
    /** When the status last changed; null while it never has. */
    statusChangedAt: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    archivedAt: z.string().nullable(),
  })
  .openapi("Need");

/** The one place a need becomes API output. */
export function presentNeed(n: Need): z.infer<typeof needSchema> {
  return {
    id: n.id,
    accountId: n.accountId,
    kind: n.kind,
    title: n.title,
    detail: n.detail,
    priority: n.priority,
    status: n.status,
    learnedOn: n.learnedOn,
    statusChangedAt: n.statusChangedAt?.toISOString() ?? null,
    version: n.version,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
    archivedAt: n.archivedAt?.toISOString() ?? null,
  };
}

const tags = ["needs"];
const optionalIfMatch = z.object({ "if-match": z.string().optional() });
const needParam = z.object({
  needId: z.uuid({ error: "Must be a UUID" }).openapi({ param: { name: "needId", in: "path" } }),
});

const listRoute = createRoute({
  method: "get",
  path: "/accounts/{id}/needs",
  tags,
  summary: "An account's needs: open first, then priority high to low, then learned newest",
  request: { params: idParam, query: pageQuerySchema.extend(needFilterInput.shape) },
  responses: { 200: jsonContent(pageSchema(needSchema), "A page of needs"), ...errors(404) },
});

const createNeedRoute = createRoute({
  method: "post",
  path: "/accounts/{id}/needs",
  tags,
  summary: "Record a goal, challenge or need (learnedOn defaults to today, never in the future)",
  request: { params: idParam, body: jsonBody(createNeedInput) },
  responses: { 201: jsonContent(needSchema, "Created"), ...errors(403, 404, 409, 413) },
});

const getRoute = createRoute({
  method: "get",
  path: "/needs/{needId}",
  tags,
  summary: "One need (ETag carries its version)",
  request: { params: needParam },
  responses: { 200: jsonContent(needSchema, "The need"), ...errors(404) },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/needs/{needId}",
  tags,
  summary: "Change a need (If-Match required); a status change is dated in statusChangedAt",
  request: { params: needParam, headers: optionalIfMatch, body: jsonBody(changeNeedInput) },
  responses: {
    200: jsonContent(needSchema, "Updated"),
    ...errors(403, 404, 409, 412, 413, 428),
  },
});

const archiveRoute = createRoute({
  method: "post",
  path: "/needs/{needId}/archive",
  tags,
  summary: "Archive a need (If-Match optional): hidden from the account's list, kept on record",
  request: { params: needParam, headers: optionalIfMatch },
  responses: { 200: jsonContent(needSchema, "Archived"), ...errors(403, 404, 409, 412) },
});

export function createNeedRoutes() {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const page = await listNeeds(ctxFor(c), c.req.valid("param").id, c.req.valid("query"));
      return c.json({ data: page.data.map(presentNeed), nextCursor: page.nextCursor }, 200);
    })
    .openapi(createNeedRoute, async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const need = await inTransaction(c, (ctx) => createNeed(ctx, id, body));
      setEtag(c, need.version);
      return c.json(presentNeed(need), 201);
    })
    .openapi(getRoute, async (c) => {
      const need = await getNeed(ctxFor(c), c.req.valid("param").needId);
      setEtag(c, need.version);
      return c.json(presentNeed(need), 200);
    })
    .openapi(updateRoute, async (c) => {
      const version = requireIfMatch(c);
      const { needId } = c.req.valid("param");
      const body = c.req.valid("json");
      const need = await inTransaction(c, (ctx) => updateNeed(ctx, needId, version, body));
      setEtag(c, need.version);
      return c.json(presentNeed(need), 200);
    })
    .openapi(archiveRoute, async (c) => {
      const version = c.req.header("if-match") ? requireIfMatch(c) : undefined;
      const { needId } = c.req.valid("param");
      const need = await inTransaction(c, (ctx) => archiveNeed(ctx, needId, version));
      setEtag(c, need.version);
      return c.json(presentNeed(need), 200);
    });
}
