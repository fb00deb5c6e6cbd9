/**
 * The survey settings form's values and what it sends: each kind's wording whole when any of
 * it changed (the API replaces a kind's wording whole), throttles and link lifetime only when
 * changed. Errors are keyed by the API's dotted paths ("templates.nps.question"), so the
 * browser's check and the server's answer land under the same input.
 */
import {
  type ChangeSurveySettingsInput,
  changeSurveySettingsInput,
  type SurveyKind,
  surveyKinds,
} from "../../../src/domains/surveys/surveys.inputs";
import { ApiError } from "../../app/api";
import type { SurveySettings } from "./surveys.api";

export type KindValues = {
  question: string;
  followUp: string;
  openQuestions: string[];
  throttleDays: number | string;
};
export type Values = { kinds: Record<SurveyKind, KindValues>; expiresAfterDays: number | string };
export type Errors = Record<string, string>;

export function valuesOf(settings: SurveySettings): Values {
  const kinds = Object.fromEntries(
    surveyKinds.map((kind) => {
      const t = settings.templates[kind];
      return [
        kind,
        {
          question: t.question,
          followUp: t.followUp,
          openQuestions: t.openQuestions ?? [],
          throttleDays: settings.throttleDays[kind],
        },
      ];
    }),
  ) as Record<SurveyKind, KindValues>;
  return { kinds, expiresAfterDays: settings.expiresAfterDays };
}

const sameList = (a: string[], b: string[]) =>
  a.length === b.length && a.every((value, i) => value === b[i]);

// An emptied number input is "" to Mantine: sent as NaN, the schema says it is required.
const numberOf = (value: number | string) => (value === "" ? Number.NaN : Number(value));

export function changeOf(settings: SurveySettings, values: Values): ChangeSurveySettingsInput {
  const templates: NonNullable<ChangeSurveySettingsInput["templates"]> = {};
  const throttleDays: NonNullable<ChangeSurveySettingsInput["throttleDays"]> = {};
  for (const kind of surveyKinds) {
    const was = settings.templates[kind];
    const now = values.kinds[kind];
    if (
      now.question !== was.question ||
      now.followUp !== was.followUp ||
      !sameList(now.openQuestions, was.openQuestions ?? [])
    ) {
      const wording = { question: now.question, followUp: now.followUp };
      if (kind === "check_in")
        templates.check_in = { ...wording, openQuestions: now.openQuestions };
      else templates[kind] = wording;
    }
    if (numberOf(now.throttleDays) !== settings.throttleDays[kind]) {
      throttleDays[kind] = numberOf(now.throttleDays);
    }
  }
  return {
    ...(Object.keys(templates).length ? { templates } : {}),
    ...(Object.keys(throttleDays).length ? { throttleDays } : {}),
    ...(numberOf(values.expiresAfterDays) !== settings.expiresAfterDays
      ? { expiresAfterDays: numberOf(values.expiresAfterDays) }
      : {}),
  };
}

const wordsFor = (message: string) =>
  /expected (int|number), received NaN/i.test(message) || /received nan/i.test(message)
    ? "Required"
    : message;

/** The schema's findings by dotted path, the first per input. */
export function check(change: ChangeSurveySettingsInput): Errors {
  const result = changeSurveySettingsInput.safeParse(change);
  if (result.success) return {};
  const errors: Errors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join(".");
    if (path && !errors[path]) errors[path] = wordsFor(issue.message);
  }
  return errors;
}

/** The server's field errors by path, and whatever it said that no input owns. */
export function serverErrors(error: unknown, known: (path: string) => boolean) {
  if (!(error instanceof ApiError)) return { fields: {} as Errors, general: undefined };
  const fields: Errors = {};
  const unplaced: string[] = [];
  for (const e of error.fieldErrors) {
    if (known(e.path)) fields[e.path] ??= e.message;
    else unplaced.push(e.message);
  }
  const general =
    unplaced.length > 0 ? unplaced.join(" ") : error.fieldErrors.length ? undefined : error.detail;
  return { fields, general };
}
