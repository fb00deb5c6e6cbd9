/**
 * Contacts over HTTP: list with filters and sorts, create, read (memory redacted or
 * audited), change, archive, unarchive, merge; affiliations are mounted from their own file.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { requireIfMatch, setEtag } from "../../platform/http/concurrency";
import type { AppEnv } from "../../platform/http/context";
import { pageQuerySchema, pageSchema } from "../../platform/http/pagination";
import { ctxFor, inTransaction } from "../../platform/http/request-ctx";
import { errors, idParam, jsonBody, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import { createAffiliationRoutes } from "./contacts.affiliations.routes";
import {
  changeContactInput,
  contactFilterInput,
  createContactInput,
  mergeContactInput,
} from "./contacts.inputs";
import { mergeContact } from "./contacts.merge.queries";
import {
  contactSchema,
  contactSummarySchema,
  presentContact,
  presentContactSummary,
} from "./contacts.present";
import {
  archiveContact,
  createContact,
  listContacts,
  readContact,
  unarchiveContact,
  updateContact,
} from "./contacts.queries";

const tags = ["contacts"];
const optionalIfMatch = z.object({ "if-match": z.string().optional() });

const listRoute = createRoute({
  method: "get",
  path: "/contacts",
  tags,
  summary:
    "List contacts (no personal memory), filtered and sorted (sort=name|createdAt|updatedAt, - for descending)",
  request: { query: pageQuerySchema.extend(contactFilterInput.shape) },
  responses: {
    200: jsonContent(pageSchema(contactSummarySchema), "A page of contacts"),
    ...errors(),
  },
});

const createContactRoute = createRoute({
  method: "post",
  path: "/contacts",
  tags,
  summary: "Create a contact (409 with existingId when a live contact has one of its emails)",
  request: { body: jsonBody(createContactInput) },
  responses: { 201: jsonContent(contactSchema, "Created"), ...errors(403, 409, 413) },
});

const getRoute = createRoute({
  method: "get",
  path: "/contacts/{id}",
  tags,
  summary: "One contact (ETag carries its version); personal memory redacted or its read audited",
  request: { params: idParam },
  responses: { 200: jsonContent(contactSchema, "The contact"), ...errors(404) },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/contacts/{id}",
  tags,
  summary: "Change a contact (If-Match required)",
  request: { params: idParam, headers: optionalIfMatch, body: jsonBody(changeContactInput) },
  responses: {
    200: jsonContent(contactSchema, "Updated"),
    ...errors(403, 404, 409, 412, 413, 428),
  },
});

const archiveRoute = createRoute({
  method: "post",
  path: "/contacts/{id}/archive",
  tags,
  summary: "Archive a contact (If-Match optional): hidden from lists, its emails freed",
  request: { params: idParam, headers: optionalIfMatch },
  responses: { 200: jsonContent(contactSchema, "Archived"), ...errors(403, 404, 412) },
});

const unarchiveRoute = createRoute({
  method: "post",
  path: "/contacts/{id}/unarchive",
  tags,
  summary: "Bring an archived contact back (409 when a live contact took one of its emails)",
  request: { params: idParam, headers: optionalIfMatch },
  responses: { 200: jsonContent(contactSchema, "Unarchived"), ...errors(403, 404, 409, 412) },
});

const mergeRoute = createRoute({
  method: "post",
  path: "/contacts/{id}/merge",
  tags,
  summary:
    "Merge another contact into this one: its affiliations and emails move here, lists are unioned, blanks filled; it is archived pointing here",
  request: { params: idParam, body: jsonBody(mergeContactInput) },
  responses: {
    200: jsonContent(contactSchema, "The merged contact"),
    ...errors(403, 404, 409, 413),
  },
});

/** If-Match is optional on archive and unarchive; when sent, it must be current. */
function optionalVersion(c: Context<AppEnv>): number | undefined {
  return c.req.header("if-match") ? requireIfMatch(c) : undefined;
}

export function createContactRoutes() {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const page = await listContacts(ctxFor(c), c.req.valid("query"));
      return c.json(
        {
          data: page.data.map((row) => presentContactSummary(row.contact, row.current)),
          nextCursor: page.nextCursor,
        },
        200,
      );
    })
    .openapi(createContactRoute, async (c) => {
      const body = c.req.valid("json");
      const view = await inTransaction(c, (ctx) => createContact(ctx, body));
      setEtag(c, view.contact.version);
      return c.json(presentContact(view), 201);
    })
    .openapi(getRoute, async (c) => {
      const { id } = c.req.valid("param");
      // A transaction: memory is only answered once its read is on the record.
      const view = await inTransaction(c, (ctx) => readContact(ctx, id));
      setEtag(c, view.contact.version);
      return c.json(presentContact(view), 200);
    })
    .openapi(updateRoute, async (c) => {
      const version = requireIfMatch(c);
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const view = await inTransaction(c, (ctx) => updateContact(ctx, id, version, body));
      setEtag(c, view.contact.version);
      return c.json(presentContact(view), 200);
    })
    .openapi(archiveRoute, async (c) => {
      const version = optionalVersion(c);
      const { id } = c.req.valid("param");
      const view = await inTransaction(c, (ctx) => archiveContact(ctx, id, version));
      setEtag(c, view.contact.version);
      return c.json(presentContact(view), 200);
    })
    .openapi(unarchiveRoute, async (c) => {
      const version = optionalVersion(c);
      const { id } = c.req.valid("param");
      const view = await inTransaction(c, (ctx) => unarchiveContact(ctx, id, version));
      setEtag(c, view.contact.version);
      return c.json(presentContact(view), 200);
    })
    .openapi(mergeRoute, async (c) => {
      const { id } = c.req.valid("param");
      const { sourceId } = c.req.valid("json");
      const view = await inTransaction(c, (ctx) => mergeContact(ctx, id, sourceId));
      setEtag(c, view.contact.version);
      return c.json(presentContact(view), 200);
    })
    .route("/", createAffiliationRoutes());
}
