/** Accounts over HTTP: list with filters and sorts, create, read, change, archive, unarchive. */
import { createRoute, z } from "@hono/zod-openapi";
import { requireIfMatch, setEtag } from "../../platform/http/concurrency";
import { pageQuerySchema, pageSchema } from "../../platform/http/pagination";
import { ctxFor, inTransaction } from "../../platform/http/request-ctx";
import { errors, idParam, jsonBody, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import {
  accountFilterInput,
  accountStatuses,
  changeAccountInput,
  createAccountInput,
  serviceCoverages,
  serviceHours,
} from "./accounts.inputs";
import {
  archiveAccount,
  createAccount,
  getAccount,
  isOutsideCoreMarkets,
  listAccounts,
  unarchiveAccount,
  updateAccount,
  workspaceMarketsOf,
} from "./accounts.queries";
import type { Account } from "./accounts.schema";

export const accountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    domain: z.string().nullable(),
    status: z.enum(accountStatuses),
    statusHistory: z.array(z.object({ status: z.enum(accountStatuses), changedAt: z.string() })),
    tier: z.string().nullable(),
    segment: z.string().nullable(),
    /** P25: the segment is none of the workspace's core markets (false when none are set). */
    outsideCoreMarkets: z.boolean(),
    serviceLevel: z
      .object({ coverage: z.enum(serviceCoverages), hours: z.enum(serviceHours) })
      .nullable(),
    ownerId: z.string(),
    tags: z.array(z.string()),
    size: z.number().int().nullable(),
    background: z.string().nullable(),
    aspirations: z.string().nullable(),
    milestones: z.array(
      z.object({ on: z.string(), title: z.string(), detail: z.string().optional() }),
    ),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    archivedAt: z.string().nullable(),
  })
  .openapi("Account");

/** The one place an account becomes API output. */
export function presentAccount(
  a: Account,
  coreSegments: readonly string[],
): z.infer<typeof accountSchema> {
  return {
    id: a.id,
    name: a.name,
    domain: a.domain,
    status: a.status,
    statusHistory: a.statusHistory,
    tier: a.tier,
    segment: a.segment,
    outsideCoreMarkets: isOutsideCoreMarkets(a, coreSegments),
    serviceLevel:
      a.serviceCoverage && a.serviceHours
        ? { coverage: a.serviceCoverage, hours: a.serviceHours }
        : null,
    ownerId: a.ownerId,
    tags: a.tags,
    size: a.size,
    background: a.background,
    aspirations: a.aspirations,
    milestones: a.milestones,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    archivedAt: a.archivedAt?.toISOString() ?? null,
  };
}

const tags = ["accounts"];
const optionalIfMatch = z.object({ "if-match": z.string().optional() });

const listRoute = createRoute({
  method: "get",
  path: "/accounts",
  tags,
  summary: "List accounts, filtered and sorted (sort=name|createdAt|updatedAt, - for descending)",
  request: { query: pageQuerySchema.extend(accountFilterInput.shape) },
  responses: { 200: jsonContent(pageSchema(accountSchema), "A page of accounts"), ...errors() },
});

const createAccountRoute = createRoute({
  method: "post",
  path: "/accounts",
  tags,
  summary: "Create an account; the creator owns it unless ownerId names another member",
  request: { body: jsonBody(createAccountInput) },
  responses: { 201: jsonContent(accountSchema, "Created"), ...errors(403, 409, 413) },
});

const getRoute = createRoute({
  method: "get",
  path: "/accounts/{id}",
  tags,
  summary: "One account (ETag carries its version)",
  request: { params: idParam },
  responses: { 200: jsonContent(accountSchema, "The account"), ...errors(404) },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/accounts/{id}",
  tags,
  summary: "Change an account (If-Match required); a status change is dated in statusHistory",
  request: { params: idParam, headers: optionalIfMatch, body: jsonBody(changeAccountInput) },
  responses: {
    200: jsonContent(accountSchema, "Updated"),
    ...errors(403, 404, 409, 412, 413, 428),
  },
});

const archiveRoute = createRoute({
  method: "post",
  path: "/accounts/{id}/archive",
  tags,
  summary: "Archive an account (If-Match optional): hidden from lists, its domain freed",
  request: { params: idParam, headers: optionalIfMatch },
  responses: { 200: jsonContent(accountSchema, "Archived"), ...errors(403, 404, 412) },
});

const unarchiveRoute = createRoute({
  method: "post",
  path: "/accounts/{id}/unarchive",
  tags,
  summary: "Bring an archived account back (409 when a live account took its domain)",
  request: { params: idParam, headers: optionalIfMatch },
  responses: { 200: jsonContent(accountSchema, "Unarchived"), ...errors(403, 404, 409, 412) },
});

async function present(c: Parameters<typeof ctxFor>[0], account: Account) {
  const { coreSegments } = await workspaceMarketsOf(ctxFor(c));
  return presentAccount(account, coreSegments);
}

export function createAccountRoutes() {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const ctx = ctxFor(c);
      const page = await listAccounts(ctx, c.req.valid("query"));
      const { coreSegments } = await workspaceMarketsOf(ctx);
      return c.json(
        {
          data: page.data.map((a) => presentAccount(a, coreSegments)),
          nextCursor: page.nextCursor,
        },
        200,
      );
    })
    .openapi(createAccountRoute, async (c) => {
      const body = c.req.valid("json");
      const account = await inTransaction(c, (ctx) => createAccount(ctx, body));
      setEtag(c, account.version);
      return c.json(await present(c, account), 201);
    })
    .openapi(getRoute, async (c) => {
      const account = await getAccount(ctxFor(c), c.req.valid("param").id);
      setEtag(c, account.version);
      return c.json(await present(c, account), 200);
    })
    .openapi(updateRoute, async (c) => {
      const version = requireIfMatch(c);
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const account = await inTransaction(c, (ctx) => updateAccount(ctx, id, version, body));
      setEtag(c, account.version);
      return c.json(await present(c, account), 200);
    })
    .openapi(archiveRoute, async (c) => {
      const version = c.req.header("if-match") ? requireIfMatch(c) : undefined;
      const { id } = c.req.valid("param");
      const account = await inTransaction(c, (ctx) => archiveAccount(ctx, id, version));
      setEtag(c, account.version);
      return c.json(await present(c, account), 200);
    })
    .openapi(unarchiveRoute, async (c) => {
      const version = c.req.header("if-match") ? requireIfMatch(c) : undefined;
      const { id } = c.req.valid("param");
      const account = await inTransaction(c, (ctx) => unarchiveAccount(ctx, id, version));
      setEtag(c, account.version);
      return c.json(await present(c, account), 200);
    });
}
