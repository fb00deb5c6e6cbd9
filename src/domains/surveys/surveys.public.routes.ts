/**
 * The public answer page at `/r/{token}` (mounted at the root, outside /api: no session, the
 * token is the credential). GET shows the form, the thank-you or a friendly closed page;
 * POST takes a form (or JSON from scripts), saves the answer and redirects (303, PRG) to
 * `?thanks=1`. Both are rate limited per address, the body is capped at 20 KB, and nothing
 * but the answer is accepted. HTML callers get pages, JSON callers problem+json.
 */
import { getConnInfo } from "@hono/node-server/conninfo";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../platform/http/context";
import { AppError, type FieldError, zodFieldErrors } from "../../platform/http/errors";
import { RateLimiter } from "../../platform/http/rate-limit";
import { errors, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import {
  findSurveyLink,
  type SurveyLink,
  SurveyLinkError,
  saveSurveyAnswer,
  stateOf,
} from "./surveys.answers";
import { MAX_ANSWER_BODY_BYTES, surveyAnswerInput } from "./surveys.inputs";
import {
  type AnswerValues,
  type ClosedPage,
  renderAnswerForm,
  renderClosed,
  renderThanks,
} from "./surveys.page";

type C = Context<AppEnv>;

const PAGE_HEADERS = {
  "cache-control": "no-store",
  "x-robots-tag": "noindex",
  "referrer-policy": "no-referrer",
};

function clientAddress(c: C): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

const wantsJson = (c: C) => (c.req.header("content-type") ?? "").toLowerCase().includes("json");

const html = (
  c: C,
  body: string,
  status: ContentfulStatusCode,
  headers: Record<string, string> = {},
) => c.html(body, status, { ...PAGE_HEADERS, ...headers });

/** problem+json without the AppError table: 410 and the link states are this page's own. */
function problem(
  c: C,
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const body = {
    type: `https://rapport.dev/problems/${code.toLowerCase().replaceAll("_", "-")}`,
    title: detail,
    status,
    detail,
    code,
    instance: new URL(c.req.url).pathname,
    ...extra,
  };
  return c.body(JSON.stringify(body), status as ContentfulStatusCode, {
    ...PAGE_HEADERS,
    ...headers,
    "content-type": "application/problem+json",
  });
}

const linkProblems = {
  not_found: [404, "NOT_FOUND", "No such survey: the link may be incomplete."],
  expired: [410, "SURVEY_EXPIRED", "This survey has closed; the link has expired."],
  cancelled: [410, "SURVEY_CANCELLED", "This survey was withdrawn."],
  locked: [
    409,
    "ANSWER_LOCKED",
    "The answer was saved more than 24 hours ago and can no longer be changed.",
  ],
} as const;

function closed(c: C, state: keyof typeof linkProblems, link?: SurveyLink, token?: string) {
  const [status, code, detail] = linkProblems[state];
  if (wantsJson(c)) return problem(c, status, code, detail);
  if (state === "locked" && link && token) {
    return html(c, renderThanks(link, token, "locked", `${detail} Thank you for it!`), 409);
  }
  return html(c, renderClosed(state === "locked" ? "not_found" : state, link), status);
}

function refused(
  c: C,
  page: ClosedPage,
  status: ContentfulStatusCode,
  code: string,
  detail: string,
  headers: Record<string, string> = {},
) {
  if (wantsJson(c)) return problem(c, status, code, detail, {}, headers);
  return html(c, renderClosed(page, undefined, detail), status, headers);
}

/** Form fields into the answer's shape; unknown or repeated fields are errors, not ignored. */
function fromForm(form: URLSearchParams): { value: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value: Record<string, unknown> = {};
  const unknown = [
    ...new Set([...form.keys()].filter((k) => !["score", "comment", "responses"].includes(k))),
  ];
  if (unknown.length > 0)
    errors.push({
      path: "",
      message: `Unknown field${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`,
    });
  const scores = form.getAll("score");
  if (scores.length > 1) errors.push({ path: "score", message: "Choose one score" });
  const score = scores[0]?.trim();
  if (score) value.score = /^\d{1,2}$/.test(score) ? Number(score) : score;
  const comments = form.getAll("comment");
  if (comments.length > 1) errors.push({ path: "comment", message: "Send one comment" });
  if (comments[0] !== undefined) value.comment = comments[0];
  if (form.has("responses")) value.responses = form.getAll("responses");
  return { value, errors };
}

const tokenParam = z.object({
  token: z.string().openapi({ param: { name: "token", in: "path" } }),
});
const answerOut = z.object({
  id: z.string(),
  kind: z.string(),
  score: z.number().int().nullable(),
  comment: z.string().nullable(),
  responses: z.array(z.object({ question: z.string(), answer: z.string() })),
  answeredAt: z.string(),
  editableUntil: z.string(),
});

const pageRoute = createRoute({
  method: "get",
  path: "/r/{token}",
  tags: ["surveys"],
  summary:
    "The public answer page (HTML, no sign-in): the form, the thank-you (?thanks=1) or a closed page (404 unknown, 410 expired or withdrawn)",
  security: [],
  request: { params: tokenParam, query: z.object({ thanks: z.string().optional() }) },
  responses: {
    200: { description: "text/html", content: { "text/html": { schema: z.string() } } },
    ...errors(404, 429),
  },
});

const answerRoute = createRoute({
  method: "post",
  path: "/r/{token}",
  tags: ["surveys"],
  summary:
    "Answer (form: 303 to ?thanks=1; JSON: 201 first answer, 200 a change within 24 hours). 409 after the 24 hours, 410 expired or withdrawn",
  security: [],
  request: {
    params: tokenParam,
    body: {
      required: true,
      content: {
        "application/x-www-form-urlencoded": { schema: surveyAnswerInput },
        "application/json": { schema: surveyAnswerInput },
      },
    },
  },
  responses: {
    201: jsonContent(answerOut, "Saved"),
    200: jsonContent(answerOut, "Changed"),
    ...errors(404, 409, 413, 429),
  },
});

export function createSurveyPublicRoutes() {
  // Per app instance, so each test app starts with clean counters.
  const reads = new RateLimiter(60, 60_000);
  const writes = new RateLimiter(20, 60_000);
  const router = createRouter();
  router.openAPIRegistry.registerPath(pageRoute);
  router.openAPIRegistry.registerPath(answerRoute);

  const limited = (c: C, limiter: RateLimiter) => {
    const wait = limiter.hit(clientAddress(c), c.get("deps").now().getTime());
    if (wait === 0) return undefined;
    return refused(
      c,
      "rate_limited",
      429,
      "RATE_LIMITED",
      `Too many attempts from your address. Please try again in ${wait} seconds.`,
      {
        "retry-after": String(wait),
      },
    );
  };

  const guarded = (handler: (c: C) => Promise<Response>) => async (c: C) => {
    try {
      return await handler(c);
    } catch (error) {
      c.get("deps").logger.error(
        { err: error, requestId: c.get("requestId") },
        "survey page failed",
      );
      const detail = `Something went wrong on our side. Quote request id ${c.get("requestId")} when reporting it.`;
      return wantsJson(c)
        ? problem(c, 500, "INTERNAL", detail)
        : html(c, renderClosed("error"), 500);
    }
  };

  router.get(
    "/r/:token",
    guarded(async (c) => {
      const stop = limited(c, reads);
      if (stop) return stop;
      const token = c.req.param("token") ?? "";
      const { db, now } = c.get("deps");
      const link = await findSurveyLink(db, token, now());
      if (!link) return html(c, renderClosed("not_found"), 404);
      const state = stateOf(link, now());
      if (state === "expired" || state === "cancelled")
        return html(c, renderClosed(state, link), 410);
      if (state === "locked" || (link.answer && c.req.query("thanks") !== undefined)) {
        return html(c, renderThanks(link, token, state), 200);
      }
      const a = link.answer;
      const values: AnswerValues = {
        score: a?.score ?? null,
        comment: a?.comment ?? "",
        responses: a?.responses.map((r) => r.answer) ?? [],
      };
      return html(c, renderAnswerForm(link, token, values, { state }), 200);
    }),
  );

  router.post(
    "/r/:token",
    (c, next) => limited(c as C, writes) ?? next(),
    bodyLimit({
      maxSize: MAX_ANSWER_BODY_BYTES,
      onError: (c) =>
        refused(
          c as C,
          "too_large",
          413,
          "PAYLOAD_TOO_LARGE",
          `Your answer is larger than ${MAX_ANSWER_BODY_BYTES / 1024} KB; please shorten it and send it again.`,
        ),
    }),
    guarded(async (c) => {
      const token = c.req.param("token") ?? "";
      const { db, now, logger } = c.get("deps");
      const type = (c.req.header("content-type") ?? "").toLowerCase();
      const json = type.includes("json");
      if (!json && !type.startsWith("application/x-www-form-urlencoded")) {
        return refused(
          c,
          "unsupported",
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          "Send the answer as a form (application/x-www-form-urlencoded) or as JSON.",
        );
      }
      const link = await findSurveyLink(db, token, now());
      if (!link) return closed(c, "not_found");
      const state = stateOf(link, now());
      if (state === "expired" || state === "cancelled" || state === "locked")
        return closed(c, state, link, token);

      const text = await c.req.text();
      let raw: unknown;
      let shapeErrors: FieldError[] = [];
      if (json) {
        try {
          raw = JSON.parse(text);
        } catch {
          return problem(c, 400, "MALFORMED_JSON", "The request body could not be parsed as JSON.");
        }
      } else {
        const form = fromForm(new URLSearchParams(text));
        raw = form.value;
        shapeErrors = form.errors;
      }
      const parsed = surveyAnswerInput.safeParse(raw);
      const fieldErrors = [...shapeErrors, ...(parsed.success ? [] : zodFieldErrors(parsed.error))];
      const echo = (): AnswerValues => {
        const r = (raw ?? {}) as Record<string, unknown>;
        return {
          score: typeof r.score === "number" ? r.score : null,
          comment: typeof r.comment === "string" ? r.comment : "",
          responses: Array.isArray(r.responses) ? r.responses.map(String) : [],
        };
      };
      const invalid = (list: FieldError[]) =>
        json
          ? problem(c, 400, "VALIDATION_FAILED", list[0]?.message ?? "The answer is not valid.", {
              errors: list,
            })
          : html(c, renderAnswerForm(link, token, echo(), { errors: list, state }), 400);
      if (fieldErrors.length > 0 || !parsed.success) return invalid(fieldErrors);
      try {
        const { answer, created } = await saveSurveyAnswer(db, now(), token, parsed.data, logger);
        c.get("deps").onJobsEnqueued?.();
        if (!json) return c.redirect(`/r/${token}?thanks=1`, 303);
        return c.json(
          {
            id: answer.id,
            kind: answer.kind,
            score: answer.score,
            comment: answer.comment,
            responses: answer.responses,
            answeredAt: answer.answeredAt.toISOString(),
            editableUntil: answer.editableUntil.toISOString(),
          },
          created ? 201 : 200,
          PAGE_HEADERS,
        );
      } catch (error) {
        if (error instanceof SurveyLinkError) return closed(c, error.state, error.link, token);
        if (error instanceof AppError && error.code === "VALIDATION_FAILED")
          return invalid(error.extra.errors ?? []);
        throw error;
      }
    }),
  );
  return router;
}
