/**
 * The fixed lists of the alarms domain. Imports only zod and other domains' inputs: the
 * browser bundles this file.
 */
import { type SurveyKind, scoreRange } from "../surveys/surveys.inputs";

/** The task sources an alarm raises; a task with one of these is "an alarm". */
export const alarmSources = ["trend", "tone", "silence"] as const;
export type AlarmSource = (typeof alarmSources)[number];

export const alarmsScanJobName = "alarms.scan";

/**
 * A survey score on one 0..1 scale, so NPS, CSAT and check-ins can share one satisfaction
 * trend: NPS 0-10 → score/10, CSAT and check-in 1-5 → (score-1)/4.
 */
export function normaliseScore(kind: SurveyKind, score: number): number {
  const { min, max } = scoreRange[kind];
  const clamped = Math.min(max, Math.max(min, score));
  return (clamped - min) / (max - min);
}
