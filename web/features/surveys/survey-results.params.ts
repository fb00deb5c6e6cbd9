/**
 * The Surveys report's choices in the URL (?survey=csat&surveyInterval=quarter&surveyRange=24m
 * &surveyTier=key), beside the Activity report's own, so a results view can be bookmarked and
 * shared. Its periods are months or quarters over a year or two: the Activity report's
 * "last 30 days" would leave a survey trend with one point, so the section has its own range.
 */
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { type SurveyKind, surveyKinds } from "../../../src/domains/surveys/surveys.inputs";
import type { SurveyResultsQuery } from "./surveys.api";

export const surveyRanges = [
  { id: "12m", label: "Last 12 months" },
  { id: "24m", label: "Last 24 months" },
  { id: "ytd", label: "This year" },
] as const;
export type SurveyRange = (typeof surveyRanges)[number]["id"];
export type SurveyInterval = "month" | "quarter";

export type SurveyResultsParams = {
  kind: SurveyKind;
  interval: SurveyInterval;
  range: SurveyRange;
  tier: string | null;
};

/** The first day of the month `monthsBack` months before today's. */
function monthsBefore(today: string, monthsBack: number): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 - monthsBack, 1)).toISOString().slice(0, 10);
}

/** The API query: "last 12 months" is its default period, so only the others send days. */
export function resultsQueryOf(params: SurveyResultsParams, today: string): SurveyResultsQuery {
  const from =
    params.range === "24m"
      ? monthsBefore(today, 23)
      : params.range === "ytd"
        ? `${today.slice(0, 4)}-01-01`
        : undefined;
  return {
    kind: params.kind,
    interval: params.interval,
    ...(from ? { from, to: today } : {}),
    ...(params.tier ? { tier: params.tier } : {}),
  };
}

const keys = {
  kind: "survey",
  interval: "surveyInterval",
  range: "surveyRange",
  tier: "surveyTier",
} as const;

export function useSurveyResultsParams() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo<SurveyResultsParams>(() => {
    const kind = search.get(keys.kind) as SurveyKind;
    const range = search.get(keys.range) as SurveyRange;
    return {
      kind: surveyKinds.includes(kind) ? kind : "nps",
      interval: search.get(keys.interval) === "quarter" ? "quarter" : "month",
      range: surveyRanges.some((r) => r.id === range) ? range : "12m",
      tier: search.get(keys.tier) || null,
    };
  }, [search]);
  const update = useCallback(
    (change: Partial<SurveyResultsParams>) =>
      setSearch(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [field, value] of Object.entries(change)) {
            const key = keys[field as keyof typeof keys];
            if (value === null || value === "") next.delete(key);
            else next.set(key, String(value));
          }
          return next;
        },
        // Like the Activity report: each choice is a view worth going Back to.
        { replace: false, preventScrollReset: true },
      ),
    [setSearch],
  );
  return { params, update };
}

const monthName = new Intl.DateTimeFormat(undefined, {
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** "2026-03" → "Mar 2026"; "2026-Q1" → "Q1 2026". */
export function periodLabel(period: string): string {
  const quarter = /^(\d{4})-Q(\d)$/.exec(period);
  if (quarter) return `Q${quarter[2]} ${quarter[1]}`;
  return monthName.format(new Date(`${period}-01T00:00:00Z`));
}
