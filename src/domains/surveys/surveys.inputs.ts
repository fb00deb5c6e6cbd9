/**
 * The fixed lists of the surveys domain, shared by the schema, the routes, the public answer
 * page and the web forms. Imports only zod: the browser bundles this file.
 */
import { z } from "zod";
import { accountStatuses } from "../accounts/accounts.inputs";

export const surveyKinds = ["nps", "csat", "check_in"] as const;
export type SurveyKind = (typeof surveyKinds)[number];

/** The wording of one kind of survey, editable per workspace (Settings → Surveys). */
export type SurveyTemplate = {
  /** The main question, e.g. "How likely are you to recommend {workspace} to a colleague?" */
  question: string;
  /** The free-text follow-up, e.g. "What is the main reason for your score?" */
  followUp: string;
  /** Check-in only: the open questions asked before the optional 1-5 score. */
  openQuestions?: string[];
};

/** One open question of a check-in and what they wrote. */
export type CheckInResponse = { question: string; answer: string };

/** NPS 0-10, CSAT 1-5, check-in 1-5 (optional). */
export const scoreRange: Record<SurveyKind, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  check_in: { min: 1, max: 5 },
};

// ---------------------------------------------------------------------------------------------
// Input schemas of the surveys API and the public answer page.

/** Placeholders the wording may use; anything else in braces is a typo we refuse. */
export const surveyPlaceholders = ["workspace", "contact", "about"] as const;
const PLACEHOLDER = /\{([^{}]*)\}/g;

const wording = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "Required")
    .max(max, `At most ${max} characters`)
    .refine(
      (text) =>
        [...text.matchAll(PLACEHOLDER)].every((m) =>
          (surveyPlaceholders as readonly string[]).includes(m[1] ?? ""),
        ),
      `Only the placeholders ${surveyPlaceholders.map((p) => `{${p}}`).join(", ")} may be used`,
    );

export const surveyTemplateInput = z.strictObject({
  question: wording(300),
  followUp: wording(300),
  openQuestions: z.array(wording(300)).min(1).max(5).optional(),
});

export const changeSurveySettingsInput = z
  .strictObject({
    /** Each kind given replaces that kind's wording whole; kinds not given keep theirs. */
    templates: z
      .strictObject({
        nps: surveyTemplateInput.optional(),
        csat: surveyTemplateInput.optional(),
        check_in: surveyTemplateInput.required({ openQuestions: true }).optional(),
      })
      .optional(),
    /** Days before a contact may be asked the same kind again; kinds not given keep theirs. */
    throttleDays: z
      .strictObject({
        nps: z.int().min(0).max(730).optional(),
        csat: z.int().min(0).max(730).optional(),
        check_in: z.int().min(0).max(730).optional(),
      })
      .optional(),
    expiresAfterDays: z.int().min(1).max(90).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "Send at least one field to change");
export type ChangeSurveySettingsInput = z.input<typeof changeSurveySettingsInput>;

/** At most this many people per send: a bigger segment is split by the sender. */
export const MAX_SURVEY_RECIPIENTS = 1000;

export const surveySegmentInput = z
  .strictObject({
    tier: z.string().trim().min(1).max(40).optional(),
    status: z.enum(accountStatuses).optional(),
    tag: z.string().trim().min(1).max(100).optional(),
  })
  .refine((s) => Object.keys(s).length > 0, "Name a tier, status or tag");

export const sendSurveyInput = z
  .strictObject({
    kind: z.enum(surveyKinds),
    contactIds: z
      .array(z.uuid({ error: "Must be a contact id" }))
      .min(1, "Name at least one contact")
      .max(MAX_SURVEY_RECIPIENTS)
      .optional(),
    accountId: z.uuid({ error: "Must be an account id" }).optional(),
    segment: surveySegmentInput.optional(),
    /** What a CSAT is about ("the migration in March"); shown in the mail and on the page. */
    about: z.string().trim().min(1).max(300).optional(),
    /** Ignore the throttle (managers and above). */
    force: z.boolean().optional(),
  })
  .superRefine((b, ctx) => {
    const given = (["contactIds", "accountId", "segment"] as const).filter((k) => b[k]);
    if (given.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: given.length > 1 ? [given[1] as string] : ["contactIds"],
        message: "Send exactly one of contactIds, accountId or segment",
      });
    }
  });
export type SendSurveyInput = z.input<typeof sendSurveyInput>;

export const surveyRequestStatuses = ["open", "answered", "expired", "cancelled"] as const;
export type SurveyRequestStatus = (typeof surveyRequestStatuses)[number];

export const surveyRequestFilterInput = z.strictObject({
  accountId: z.uuid({ error: "Must be an account id" }).optional(),
  contactId: z.uuid({ error: "Must be a contact id" }).optional(),
  kind: z.enum(surveyKinds).optional(),
  status: z.enum(surveyRequestStatuses).optional(),
});

/** Why a contact got no request: not an error, listed beside the requests made. */
export const surveySkipReasons = [
  "throttled",
  "no_current_account",
  "archived",
  "not_your_account",
  "duplicate",
] as const;
export type SurveySkipReason = (typeof surveySkipReasons)[number];

const isoDate = z.iso.date({ error: "Must be a date (YYYY-MM-DD)" });

export const surveyResultsInput = z
  .strictObject({
    kind: z.enum(surveyKinds).default("nps"),
    accountId: z.uuid({ error: "Must be an account id" }).optional(),
    tier: z.string().trim().min(1).max(40).optional(),
    /** The accounts' market segment. */
    segment: z.string().trim().min(1).max(100).optional(),
    /** First day (inclusive) of requests sent, in the workspace's zone; default 12 months back. */
    from: isoDate.optional(),
    /** Last day (inclusive); default today. */
    to: isoDate.optional(),
    interval: z.enum(["month", "quarter"]).default("month"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ["to"],
    message: "Must not be before from",
  });

// The public answer (POST /r/{token}): nothing but the answer, with hard limits.

export const MAX_ANSWER_TEXT = 5_000;
export const MAX_ANSWER_BODY_BYTES = 20 * 1024;

const answerText = z
  .string()
  .max(MAX_ANSWER_TEXT, `At most ${MAX_ANSWER_TEXT.toLocaleString("en")} characters`)
  .refine((s) => !s.includes("\0"), "Contains a character that cannot be stored");

export const surveyAnswerInput = z.strictObject({
  score: z.int({ error: "Choose a score" }).min(0).max(10).nullable().optional(),
  comment: answerText.nullable().optional(),
  /** Check-in: the answers to the open questions, in their order. */
  responses: z.array(answerText).max(5).optional(),
});
export type SurveyAnswerInput = z.input<typeof surveyAnswerInput>;
