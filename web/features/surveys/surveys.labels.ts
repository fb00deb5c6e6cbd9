/**
 * Words for surveys, so the dialog, the report, the settings and the timeline say "NPS",
 * "Check-in" and "promoter" the same way; and the placeholder filling the server does to the
 * wording, repeated here for previews (surveys.settings.ts cannot be bundled: it imports the
 * database layer).
 */
import type { SurveyKind, SurveySkipReason } from "../../../src/domains/surveys/surveys.inputs";

export const surveyKindLabels: Record<SurveyKind, string> = {
  nps: "NPS",
  csat: "CSAT",
  check_in: "Check-in",
};

/** What each kind is for, in the words of a member choosing one. */
export const surveyKindPurposes: Record<SurveyKind, string> = {
  nps: "How likely to recommend",
  csat: "About a piece of work",
  check_in: "How is it going?",
};

export const surveyKindScales: Record<SurveyKind, string> = {
  nps: "a score from 0 to 10",
  csat: "a score from 1 to 5",
  check_in: "open questions, then an optional score from 1 to 5",
};

export const skipReasonLabels: Record<SurveySkipReason, string> = {
  throttled: "Asked recently",
  no_current_account: "Not at an account now",
  archived: "Archived",
  not_your_account: "Not your account",
  duplicate: "Named twice",
};

export const placeholderHelp: Record<string, string> = {
  workspace: "your firm's name",
  contact: "the person's first name",
  about: "what a CSAT is about (or “our recent work for you”)",
};

export type WordingValues = { workspace: string; contact: string; about: string | null };

export function fillWording(text: string, values: WordingValues): string {
  return text.replace(/\{(workspace|contact|about)\}/g, (_m, name: string) => {
    if (name === "workspace") return values.workspace;
    if (name === "contact") return values.contact;
    return values.about?.trim() || "our recent work for you";
  });
}

/** The category of an answer, from the timeline's `status` ("promoter", "satisfied"). */
export const answerCategoryLabels: Record<string, { label: string; color: string }> = {
  promoter: { label: "Promoter", color: "rapport" },
  passive: { label: "Passive", color: "gray" },
  detractor: { label: "Detractor", color: "orange" },
  satisfied: { label: "Satisfied", color: "rapport" },
  neutral: { label: "Neutral", color: "gray" },
  dissatisfied: { label: "Dissatisfied", color: "orange" },
};

const days = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

/** "asked 12 days ago; NPS is asked at most every 90 days" */
export function throttleWords(kind: SurveyKind, askedAt: string, throttleDays: number): string {
  const ago = Math.max(0, Math.round((Date.now() - new Date(askedAt).getTime()) / 86_400_000));
  return `asked ${days.format(-ago, "day")}; ${surveyKindLabels[kind]} is asked at most every ${throttleDays} days`;
}
