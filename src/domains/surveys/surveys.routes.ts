/**
 * Surveys over HTTP (under /api/v1): the workspace's survey settings, sending requests,
 * listing and cancelling them, and the results. The public answer page is in
 * surveys.public.routes.ts.
 */

import { createRoute, z } from "@hono/zod-openapi";
import { requireIfMatch, setEtag } from "../../platform/http/concurrency";
import { withholdFromReplay } from "../../platform/http/idempotency";
import { pageQuerySchema, pageSchema } from "../../platform/http/pagination";
import { ctxFor, inTransaction } from "../../platform/http/request-ctx";
import { errors, idParam, jsonBody, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import {
  changeSurveySettingsInput,
  sendSurveyInput,
  surveyKinds,
  surveyPlaceholders,
  surveyRequestFilterInput,
  surveyRequestStatuses,
  surveyResultsInput,
  surveySkipReasons,
} from "./surveys.inputs";
import {
  answerPath,
  cancelSurveyRequest,
  listSurveyRequests,
  type SurveyRequestView,
  sendSurveys,
  statusOf,
} from "./surveys.requests";
import { getSurveyResults } from "./surveys.results";
import {
  getSurveySettings,
  type SurveySettingsView,
  updateSurveySettings,
} from "./surveys.settings";

const tags = ["surveys"];

const templateSchema = z.object({
  question: z.string(),
  followUp: z.string(),
  openQuestions: z.array(z.string()).optional(),
});

export const surveySettingsSchema = z
  .object({
    templates: z.object({ nps: templateSchema, csat: templateSchema, check_in: templateSchema }),
    throttleDays: z.object({
      nps: z.number().int(),
      csat: z.number().int(),
      check_in: z.number().int(),
    }),
    expiresAfterDays: z.number().int(),
    /** The placeholders wording may use. */
    placeholders: z.array(z.string()),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("SurveySettings");

function presentSettings(s: SurveySettingsView): z.infer<typeof surveySettingsSchema> {
  return {
    templates: s.templates,
    throttleDays: s.throttleDays,
    expiresAfterDays: s.expiresAfterDays,
    placeholders: [...surveyPlaceholders],
    version: s.version,
    updatedAt: s.updatedAt.toISOString(),
  };
}

const answerSchema = z.object({
  id: z.string(),
  score: z.number().int().nullable(),
  comment: z.string().nullable(),
  responses: z.array(z.object({ question: z.string(), answer: z.string() })),
  answeredAt: z.string(),
  editableUntil: z.string(),
});

export const surveyRequestSchema = z
  .object({
    id: z.string(),
    kind: z.enum(surveyKinds),
    contactId: z.string(),
    accountId: z.string(),
    about: z.string().nullable(),
    status: z.enum(surveyRequestStatuses),
    expiresAt: z.string(),
    /** Whether the link went out by email (false: the contact has no email; copy the link). */
    emailed: z.boolean(),
    createdById: z.string().nullable(),
    createdAt: z.string(),
    answeredAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    version: z.number().int(),
    answer: answerSchema.nullable(),
  })
  .openapi("SurveyRequest");

/** The one place a request becomes API output: never its token hash. */
export function presentSurveyRequest(
  r: SurveyRequestView,
  now: Date,
): z.infer<typeof surveyRequestSchema> {
  return {
    id: r.id,
    kind: r.kind,
    contactId: r.contactId,
    accountId: r.accountId,
    about: r.about,
    status: statusOf(r, now),
    expiresAt: r.expiresAt.toISOString(),
    emailed: r.outboxMessageId !== null,
    createdById: r.createdById,
    createdAt: r.createdAt.toISOString(),
    answeredAt: r.answeredAt?.toISOString() ?? null,
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
    version: r.version,
    answer: r.answer
      ? {
          id: r.answer.id,
          score: r.answer.score,
          comment: r.answer.comment,
          responses: r.answer.responses,
          answeredAt: r.answer.answeredAt.toISOString(),
          editableUntil: r.answer.editableUntil.toISOString(),
        }
      : null,
  };
}

const sentSchema = z
  .object({
    data: z.array(
      z.object({
        id: z.string(),
        contactId: z.string(),
        accountId: z.string(),
        /** The public answer page; shown once (only its hash is stored). */
        url: z.string(),
        expiresAt: z.string(),
        emailedTo: z.string().nullable(),
        /** Set when the link was not mailed: copy it to the person another way. */
        note: z.string().nullable(),
      }),
    ),
    skipped: z.array(
      z.object({ contactId: z.string(), reason: z.enum(surveySkipReasons), message: z.string() }),
    ),
  })
  .openapi("SentSurveys");

const figures = {
  sent: z.number().int(),
  answered: z.number().int(),
  responseRate: z.number().nullable(),
  promoters: z.number().int().nullable(),
  passives: z.number().int().nullable(),
  detractors: z.number().int().nullable(),
  nps: z.number().int().nullable(),
  average: z.number().nullable(),
};

export const surveyResultsSchema = z
  .object({
    kind: z.enum(surveyKinds),
    interval: z.enum(["month", "quarter"]),
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    series: z.array(z.object({ period: z.string(), periodStart: z.string(), ...figures })),
    byAccount: z.array(z.object({ accountId: z.string(), accountName: z.string(), ...figures })),
    totals: z.object(figures),
  })
  .openapi("SurveyResults");

const optionalIfMatch = z.object({ "if-match": z.string().optional() });

const getSettingsRoute = createRoute({
  method: "get",
  path: "/survey-settings",
  tags,
  summary:
    "The workspace's survey wording, throttles and link lifetime (created with defaults on first use)",
  responses: { 200: jsonContent(surveySettingsSchema, "The settings"), ...errors() },
});

const patchSettingsRoute = createRoute({
  method: "patch",
  path: "/survey-settings",
  tags,
  summary: "Change the survey settings (managers and above; If-Match required)",
  request: { headers: optionalIfMatch, body: jsonBody(changeSurveySettingsInput) },
  responses: { 200: jsonContent(surveySettingsSchema, "Updated"), ...errors(403, 412, 428) },
});

const sendRoute = createRoute({
  method: "post",
  path: "/survey-requests",
  tags,
  summary:
    "Send a survey to contacts, an account's current people or a segment's: one link per person, mailed through the outbox; throttled people are skipped, not refused",
  request: { body: jsonBody(sendSurveyInput) },
  responses: {
    201: jsonContent(sentSchema, "Requests made and people skipped"),
    ...errors(403, 409, 413),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/survey-requests",
  tags,
  summary: "Survey requests, newest first, with their answers",
  request: { query: pageQuerySchema.extend(surveyRequestFilterInput.shape) },
  responses: {
    200: jsonContent(pageSchema(surveyRequestSchema), "A page of requests"),
    ...errors(),
  },
});

const cancelRoute = createRoute({
  method: "post",
  path: "/survey-requests/{id}/cancel",
  tags,
  summary: "Withdraw an unanswered request: its link says so from now on (409 once answered)",
  request: { params: idParam },
  responses: { 200: jsonContent(surveyRequestSchema, "Cancelled"), ...errors(403, 404, 409) },
});

const resultsRoute = createRoute({
  method: "get",
  path: "/surveys/results",
  tags,
  summary:
    "Results per period (by the month or quarter requests were sent), per account and in total: sent, answered, response rate, NPS and average",
  request: { query: surveyResultsInput },
  responses: { 200: jsonContent(surveyResultsSchema, "The results"), ...errors() },
});

export function createSurveyRoutes() {
  return createRouter()
    .openapi(getSettingsRoute, async (c) => {
      const settings = await inTransaction(c, (ctx) => getSurveySettings(ctx));
      setEtag(c, settings.version);
      return c.json(presentSettings(settings), 200);
    })
    .openapi(patchSettingsRoute, async (c) => {
      const version = requireIfMatch(c);
      const body = c.req.valid("json");
      const settings = await inTransaction(c, (ctx) => updateSurveySettings(ctx, version, body));
      setEtag(c, settings.version);
      return c.json(presentSettings(settings), 200);
    })
    .openapi(sendRoute, async (c) => {
      const body = c.req.valid("json");
      const { publicUrl } = c.get("deps").config;
      const { sent, skipped } = await inTransaction(c, (ctx) => sendSurveys(ctx, body, publicUrl));
      const data = sent.map(({ request, token, emailedTo }) => ({
        id: request.id,
        contactId: request.contactId,
        accountId: request.accountId,
        url: `${publicUrl}${answerPath(token)}`,
        expiresAt: request.expiresAt.toISOString(),
        emailedTo,
        note: emailedTo ? null : "No email address: copy the link and send it to them yourself.",
      }));
      withholdFromReplay(c);
      return c.json({ data, skipped }, 201);
    })
    .openapi(listRoute, async (c) => {
      const ctx = ctxFor(c);
      const page = await listSurveyRequests(ctx, c.req.valid("query"));
      const now = ctx.now();
      return c.json(
        { data: page.data.map((r) => presentSurveyRequest(r, now)), nextCursor: page.nextCursor },
        200,
      );
    })
    .openapi(cancelRoute, async (c) => {
      const { id } = c.req.valid("param");
      const request = await inTransaction(c, (ctx) => cancelSurveyRequest(ctx, id));
      return c.json(presentSurveyRequest(request, c.get("deps").now()), 200);
    })
    .openapi(resultsRoute, async (c) => {
      const results = await getSurveyResults(ctxFor(c), c.req.valid("query"));
      return c.json(results, 200);
    });
}
