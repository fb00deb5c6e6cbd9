/**
 * Tone over HTTP: read a subject's tone with its corrections, and correct its label.
 * Everyone in the workspace reads interactions and answers, so everyone reads their tone;
 * members and above correct it (viewers no).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { requireIfMatch, setEtag } from "../../platform/http/concurrency";
import { ctxFor, inTransaction } from "../../platform/http/request-ctx";
import { errors, jsonBody, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import { correctToneInput, toneLabels, toneSubjects } from "./tone.inputs";
import { correctTone, getTone, type ToneView } from "./tone.queries";

export const toneCorrectionSchema = z
  .object({
    id: z.string(),
    fromLabel: z.enum(toneLabels),
    toLabel: z.enum(toneLabels),
    note: z.string().nullable(),
    byMemberId: z.string(),
    at: z.string(),
  })
  .openapi("ToneCorrection");

export const toneSchema = z
  .object({
    subjectType: z.enum(toneSubjects),
    subjectId: z.string(),
    accountId: z.string(),
    /** The scorer's comparative score (word scores / words), roughly −5..5. */
    score: z.number(),
    /** What the score says (≤ −0.1 negative, ≥ 0.1 positive). */
    label: z.enum(toneLabels),
    /** A member's correction, when there is one. */
    correctedLabel: z.enum(toneLabels).nullable(),
    /** The label that counts: the correction if any, else the computed one. */
    effectiveLabel: z.enum(toneLabels),
    language: z.string(),
    scorer: z.string(),
    subjectAt: z.string(),
    corrections: z.array(toneCorrectionSchema),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("Tone");

/** The one place a tone score becomes API output (never the text hash). */
export function presentTone(t: ToneView): z.infer<typeof toneSchema> {
  return {
    subjectType: t.subjectType,
    subjectId: t.subjectId,
    accountId: t.accountId,
    score: t.score,
    label: t.label,
    correctedLabel: t.correctedLabel,
    effectiveLabel: t.effectiveLabel,
    language: t.language,
    scorer: t.scorer,
    subjectAt: t.subjectAt.toISOString(),
    corrections: t.corrections.map((c) => ({
      id: c.id,
      fromLabel: c.fromLabel,
      toLabel: c.toLabel,
      note: c.note,
      byMemberId: c.byMemberId,
      at: c.at.toISOString(),
    })),
    version: t.version,
    updatedAt: t.updatedAt.toISOString(),
  };
}

const tags = ["tone"];
const subjectParams = z.object({
  subjectType: z
    .enum(toneSubjects, { error: `Must be one of ${toneSubjects.join(", ")}` })
    .openapi({ param: { name: "subjectType", in: "path" } }),
  subjectId: z
    .uuid({ error: "Must be a UUID" })
    .openapi({ param: { name: "subjectId", in: "path" } }),
});

const getRoute = createRoute({
  method: "get",
  path: "/tone/{subjectType}/{subjectId}",
  tags,
  summary: "The tone of an interaction or survey answer, its effective label and corrections",
  request: { params: subjectParams },
  responses: { 200: jsonContent(toneSchema, "The tone"), ...errors(404) },
});

const correctRoute = createRoute({
  method: "put",
  path: "/tone/{subjectType}/{subjectId}",
  tags,
  summary:
    "Correct the tone label (members and above; kept in the history and audited; If-Match optional)",
  request: {
    params: subjectParams,
    headers: z.object({ "if-match": z.string().optional() }),
    body: jsonBody(correctToneInput),
  },
  responses: { 200: jsonContent(toneSchema, "Corrected"), ...errors(403, 404, 412, 413) },
});

export function createToneRoutes() {
  return createRouter()
    .openapi(getRoute, async (c) => {
      const tone = await getTone(ctxFor(c), c.req.valid("param"));
      setEtag(c, tone.version);
      return c.json(presentTone(tone), 200);
    })
    .openapi(correctRoute, async (c) => {
      const version = c.req.header("if-match") ? requireIfMatch(c) : undefined;
      const ref = c.req.valid("param");
      const body = c.req.valid("json");
      const tone = await inTransaction(c, (ctx) => correctTone(ctx, ref, body, version));
      setEtag(c, tone.version);
      return c.json(presentTone(tone), 200);
    });
}
