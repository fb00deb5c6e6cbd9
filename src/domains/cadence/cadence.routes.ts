/**
 * Cadence over HTTP: the rules (list, create, read, change, archive via POST …/archive) and
 * the derived states (overdue pairs for the agenda and portfolio, every state of one account
 * for its page).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { requireIfMatch, setEtag } from "../../platform/http/concurrency";
import { pageQuerySchema, pageSchema } from "../../platform/http/pagination";
import { ctxFor, inTransaction } from "../../platform/http/request-ctx";
import { errors, jsonBody, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import { getAccount } from "../accounts";
import {
  cadenceKinds,
  cadenceOverdueFilterInput,
  cadenceRuleFilterInput,
  cadenceScopes,
  cadenceStates,
  cadenceStatusFilterInput,
  changeCadenceRuleInput,
  createCadenceRuleInput,
} from "./cadence.inputs";
import {
  archiveCadenceRule,
  createCadenceRule,
  getCadenceRule,
  listCadenceRules,
  updateCadenceRule,
} from "./cadence.rules";
import type { CadenceRule } from "./cadence.schema";
import { type CadenceStateRow, listCadenceStates } from "./cadence.states";

export const cadenceRuleSchema = z
  .object({
    id: z.string(),
    scope: z.enum(cadenceScopes),
    tier: z.string().nullable(),
    accountId: z.string().nullable(),
    kind: z.enum(cadenceKinds),
    everyDays: z.number().int(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    archivedAt: z.string().nullable(),
  })
  .openapi("CadenceRule");

export function presentCadenceRule(r: CadenceRule): z.infer<typeof cadenceRuleSchema> {
  return {
    id: r.id,
    scope: r.scope,
    tier: r.tier,
    accountId: r.accountId,
    kind: r.kind,
    everyDays: r.everyDays,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    archivedAt: r.archivedAt?.toISOString() ?? null,
  };
}

export const cadenceStateSchema = z
  .object({
    accountId: z.string(),
    accountName: z.string(),
    ownerId: z.string(),
    ruleId: z.string(),
    scope: z.enum(cadenceScopes),
    tier: z.string().nullable(),
    kind: z.enum(cadenceKinds),
    everyDays: z.number().int(),
    lastTouchId: z.string().nullable(),
    lastTouchAt: z.string().nullable(),
    dueOn: z.string(),
    daysUntilDue: z.number().int(),
    state: z.enum(cadenceStates),
    daysOverdue: z.number().int(),
  })
  .openapi("CadenceState");

export function presentCadenceState(s: CadenceStateRow): z.infer<typeof cadenceStateSchema> {
  return { ...s, lastTouchAt: s.lastTouchAt?.toISOString() ?? null };
}

const tags = ["cadence"];
const optionalIfMatch = z.object({ "if-match": z.string().optional() });
const ruleParam = z.object({
  ruleId: z.uuid({ error: "Must be a UUID" }).openapi({ param: { name: "ruleId", in: "path" } }),
});

const listRoute = createRoute({
  method: "get",
  path: "/cadence-rules",
  tags,
  summary: "The workspace's cadence rules, oldest first (defaults are seeded on first use)",
  request: { query: pageQuerySchema.extend(cadenceRuleFilterInput.shape) },
  responses: { 200: jsonContent(pageSchema(cadenceRuleSchema), "A page of rules"), ...errors() },
});

const createRuleRoute = createRoute({
  method: "post",
  path: "/cadence-rules",
  tags,
  summary: "Add a rule for a tier, one account or every prospect (managers and above)",
  request: { body: jsonBody(createCadenceRuleInput) },
  responses: { 201: jsonContent(cadenceRuleSchema, "Created"), ...errors(403, 409, 413) },
});

const getRoute = createRoute({
  method: "get",
  path: "/cadence-rules/{ruleId}",
  tags,
  summary: "One cadence rule (ETag carries its version)",
  request: { params: ruleParam },
  responses: { 200: jsonContent(cadenceRuleSchema, "The rule"), ...errors(404) },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/cadence-rules/{ruleId}",
  tags,
  summary: "Change a rule's kind or interval (If-Match required; managers and above)",
  request: { params: ruleParam, headers: optionalIfMatch, body: jsonBody(changeCadenceRuleInput) },
  responses: {
    200: jsonContent(cadenceRuleSchema, "Updated"),
    ...errors(403, 404, 409, 412, 413, 428),
  },
});

const archiveRoute = createRoute({
  method: "post",
  path: "/cadence-rules/{ruleId}/archive",
  tags,
  summary: "Archive a rule (If-Match optional): it stops applying and its open tasks are dismissed",
  request: { params: ruleParam, headers: optionalIfMatch },
  responses: { 200: jsonContent(cadenceRuleSchema, "Archived"), ...errors(403, 404, 412) },
});

const overdueRoute = createRoute({
  method: "get",
  path: "/cadence/overdue",
  tags,
  summary: "Every overdue (account, rule) pair, most overdue first",
  request: { query: cadenceOverdueFilterInput },
  responses: {
    200: jsonContent(z.object({ data: z.array(cadenceStateSchema) }), "Overdue touches"),
    ...errors(),
  },
});

const statusRoute = createRoute({
  method: "get",
  path: "/cadence/status",
  tags,
  summary: "One account's state under every rule that applies to it, soonest due first",
  request: { query: cadenceStatusFilterInput },
  responses: {
    200: jsonContent(z.object({ data: z.array(cadenceStateSchema) }), "Cadence states"),
    ...errors(404),
  },
});

export function createCadenceRoutes() {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const page = await listCadenceRules(ctxFor(c), c.req.valid("query"));
      return c.json({ data: page.data.map(presentCadenceRule), nextCursor: page.nextCursor }, 200);
    })
    .openapi(createRuleRoute, async (c) => {
      const body = c.req.valid("json");
      const rule = await inTransaction(c, (ctx) => createCadenceRule(ctx, body));
      setEtag(c, rule.version);
      return c.json(presentCadenceRule(rule), 201);
    })
    .openapi(getRoute, async (c) => {
      const rule = await getCadenceRule(ctxFor(c), c.req.valid("param").ruleId);
      setEtag(c, rule.version);
      return c.json(presentCadenceRule(rule), 200);
    })
    .openapi(updateRoute, async (c) => {
      const version = requireIfMatch(c);
      const { ruleId } = c.req.valid("param");
      const body = c.req.valid("json");
      const rule = await inTransaction(c, (ctx) => updateCadenceRule(ctx, ruleId, version, body));
      setEtag(c, rule.version);
      return c.json(presentCadenceRule(rule), 200);
    })
    .openapi(archiveRoute, async (c) => {
      const version = c.req.header("if-match") ? requireIfMatch(c) : undefined;
      const { ruleId } = c.req.valid("param");
      const rule = await inTransaction(c, (ctx) => archiveCadenceRule(ctx, ruleId, version));
      setEtag(c, rule.version);
      return c.json(presentCadenceRule(rule), 200);
    })
    .openapi(overdueRoute, async (c) => {
      const states = await listCadenceStates(ctxFor(c), {
        ...c.req.valid("query"),
        overdueOnly: true,
      });
      states.sort((a, b) => b.daysOverdue - a.daysOverdue);
      return c.json({ data: states.map(presentCadenceState) }, 200);
    })
    .openapi(statusRoute, async (c) => {
      const ctx = ctxFor(c);
      const { accountId } = c.req.valid("query");
      await getAccount(ctx, accountId);
      const states = await listCadenceStates(ctx, { accountId });
      return c.json({ data: states.map(presentCadenceState) }, 200);
    });
}
