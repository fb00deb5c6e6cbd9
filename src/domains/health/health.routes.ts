/**
 * Health over HTTP: an account's score with its components and 90-day history, the
 * portfolio ranked by risk and its band-by-tier counts, and the workspace's weights
 * (everyone reads them, since every score shows them; managers and above change them).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { requireIfMatch, setEtag } from "../../platform/http/concurrency";
import { pageQuerySchema, pageSchema } from "../../platform/http/pagination";
import { ctxFor, inTransaction } from "../../platform/http/request-ctx";
import { errors, idParam, jsonBody, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import {
  changeHealthSettingsInput,
  defaultHealthWeights,
  healthBands,
  healthComponentKeys,
  healthTrends,
  portfolioFilterInput,
  portfolioSummaryFilterInput,
} from "./health.inputs";
import { listPortfolio, summarisePortfolio } from "./health.portfolio";
import {
  type AccountHealthView,
  getAccountHealth,
  getHealthSettings,
  type HealthSettingsView,
  updateHealthSettings,
} from "./health.queries";

const band = z.enum(healthBands);
const trend = z.enum(healthTrends);
const weightsSchema = z.object(
  Object.fromEntries(healthComponentKeys.map((key) => [key, z.number().int()])) as Record<
    (typeof healthComponentKeys)[number],
    z.ZodNumber
  >,
);

export const healthComponentSchema = z
  .object({
    key: z.enum(healthComponentKeys),
    score: z.number().int().nullable().openapi({ description: "0-100; null when left out" }),
    weight: z.number().int().openapi({ description: "Share of the score in percent" }),
    reason: z.string(),
  })
  .openapi("HealthComponent");

export const accountHealthSchema = z
  .object({
    accountId: z.string(),
    score: z.number().int(),
    band,
    trend,
    topConcern: z.string().nullable(),
    change7d: z.number().int().nullable(),
    computedAt: z.string(),
    components: z.array(healthComponentSchema),
    history: z.array(z.object({ at: z.string(), score: z.number().int() })),
  })
  .openapi("AccountHealth");

export function presentAccountHealth(h: AccountHealthView): z.infer<typeof accountHealthSchema> {
  return {
    accountId: h.accountId,
    score: h.score,
    band: h.band,
    trend: h.trend,
    topConcern: h.topConcern,
    change7d: h.change7d,
    computedAt: h.computedAt.toISOString(),
    components: h.components,
    history: h.history.map((p) => ({ at: p.at.toISOString(), score: p.score })),
  };
}

export const healthSettingsSchema = z
  .object({
    weights: weightsSchema,
    defaults: weightsSchema,
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("HealthSettings");

function presentSettings(s: HealthSettingsView): z.infer<typeof healthSettingsSchema> {
  return {
    weights: s.weights,
    defaults: defaultHealthWeights,
    version: s.version,
    updatedAt: s.updatedAt.toISOString(),
  };
}

export const portfolioRowSchema = z
  .object({
    accountId: z.string(),
    name: z.string(),
    score: z.number().int(),
    band,
    trend,
    topConcern: z.string().nullable(),
    ownerId: z.string(),
    ownerName: z.string().nullable(),
    tier: z.string().nullable(),
    segment: z.string().nullable(),
    lastTouchAt: z.string().nullable(),
    change7d: z.number().int().nullable(),
  })
  .openapi("PortfolioAccount");

const bandCounts = {
  healthy: z.number().int(),
  watch: z.number().int(),
  at_risk: z.number().int(),
  total: z.number().int(),
};
export const portfolioSummarySchema = z
  .object({
    tiers: z.array(z.object({ tier: z.string().nullable(), ...bandCounts })),
    total: z.object(bandCounts),
  })
  .openapi("PortfolioSummary");

const tags = ["health"];

const accountHealthRoute = createRoute({
  method: "get",
  path: "/accounts/{id}/health",
  tags,
  summary: "An account's health: score, band, trend, components with reasons, 90-day history",
  request: { params: idParam },
  responses: { 200: jsonContent(accountHealthSchema, "The account's health"), ...errors(404) },
});

const portfolioRoute = createRoute({
  method: "get",
  path: "/health/portfolio",
  tags,
  summary: "Live accounts ranked by risk (lowest score first)",
  request: { query: pageQuerySchema.extend(portfolioFilterInput.shape) },
  responses: {
    200: jsonContent(pageSchema(portfolioRowSchema), "A page of accounts"),
    ...errors(),
  },
});

const summaryRoute = createRoute({
  method: "get",
  path: "/health/portfolio/summary",
  tags,
  summary: "How many live accounts are in each band, per tier",
  request: { query: portfolioSummaryFilterInput },
  responses: { 200: jsonContent(portfolioSummarySchema, "Counts by tier and band"), ...errors() },
});

const getSettingsRoute = createRoute({
  method: "get",
  path: "/health/settings",
  tags,
  summary: "The workspace's health weights (ETag carries the version)",
  responses: { 200: jsonContent(healthSettingsSchema, "The weights"), ...errors() },
});

const updateSettingsRoute = createRoute({
  method: "patch",
  path: "/health/settings",
  tags,
  summary: "Change health weights (managers and above; If-Match required); scores follow",
  request: {
    headers: z.object({ "if-match": z.string().optional() }),
    body: jsonBody(changeHealthSettingsInput),
  },
  responses: {
    200: jsonContent(healthSettingsSchema, "Updated"),
    ...errors(403, 412, 413, 428),
  },
});

export function createHealthRoutes() {
  return createRouter()
    .openapi(accountHealthRoute, async (c) => {
      const health = await getAccountHealth(ctxFor(c), c.req.valid("param").id);
      return c.json(presentAccountHealth(health), 200);
    })
    .openapi(portfolioRoute, async (c) => {
      const page = await listPortfolio(ctxFor(c), c.req.valid("query"));
      return c.json(page, 200);
    })
    .openapi(summaryRoute, async (c) => {
      const summary = await summarisePortfolio(ctxFor(c), c.req.valid("query"));
      return c.json(summary, 200);
    })
    .openapi(getSettingsRoute, async (c) => {
      const settings = await getHealthSettings(ctxFor(c));
      setEtag(c, settings.version);
      return c.json(presentSettings(settings), 200);
    })
    .openapi(updateSettingsRoute, async (c) => {
      const version = requireIfMatch(c);
      const body = c.req.valid("json");
      const settings = await inTransaction(c, (ctx) => updateHealthSettings(ctx, version, body));
      setEtag(c, settings.version);
      return c.json(presentSettings(settings), 200);
    });
}
