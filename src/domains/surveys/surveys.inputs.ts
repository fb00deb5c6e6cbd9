/**
 * The fixed lists of the surveys domain, shared by the schema, the routes, the public answer
 * page and the web forms. Imports only zod: the browser bundles this file.
 */
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
