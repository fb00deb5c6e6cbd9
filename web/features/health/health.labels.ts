/**
 * Words and colours for health, so the account panel, the header badge, the portfolio and
 * the weights form name a component or a band the same way. Band colours are ones the theme
 * makes contrast-safe as light badges in both schemes (theme.ts).
 */
import type { DefaultMantineColor } from "@mantine/core";
import {
  HEALTHY_FROM,
  type HealthBand,
  type HealthComponentKey,
  type HealthTrend,
  WATCH_FROM,
} from "../../../src/domains/health/health.inputs";

export const componentLabels: Record<HealthComponentKey, string> = {
  cadence: "Cadence",
  recency: "Recency",
  satisfaction: "Satisfaction",
  satisfaction_trend: "Satisfaction trend",
  tone_trend: "Tone trend",
  multi_threading: "Multi-threading",
  alarms: "Open alarms",
};

/** What each component measures, said once in the weights form and as a hint on the panel. */
export const componentDescriptions: Record<HealthComponentKey, string> = {
  cadence: "Whether the account's cadence rules are kept or overdue",
  recency: "Days since the last meaningful touch, against the expected rhythm",
  satisfaction: "Average of the survey answers of the last 180 days",
  satisfaction_trend: "Whether survey answers are rising, steady or falling",
  tone_trend: "Whether the tone of recent touches and answers is improving or souring",
  multi_threading: "Several people, a decision maker and a sponsor, from the relationship map",
  alarms: "Open tasks raised by a survey, trend, tone or silence alarm",
};

export const bandLabels: Record<HealthBand, string> = {
  healthy: "Healthy",
  watch: "Watch",
  at_risk: "At risk",
};

export const bandDescriptions: Record<HealthBand, string> = {
  healthy: `Score ${HEALTHY_FROM} or above`,
  watch: `Score ${WATCH_FROM} to ${HEALTHY_FROM - 1}`,
  at_risk: `Score below ${WATCH_FROM}`,
};

export const bandColor: Record<HealthBand, DefaultMantineColor | "rapport"> = {
  healthy: "rapport",
  watch: "yellow",
  at_risk: "red",
};

/** Riskiest first, the order leaders read the bands in. */
export const bandsByRisk: HealthBand[] = ["at_risk", "watch", "healthy"];

export const trendLabels: Record<HealthTrend, string> = {
  up: "Improving",
  flat: "Steady",
  down: "Declining",
};

/** "+6", "−8" (a real minus sign) or "±0"; null when there is no score a week old. */
export function formatChange(change: number | null): string | null {
  if (change === null) return null;
  if (change === 0) return "±0";
  return change > 0 ? `+${change}` : `−${Math.abs(change)}`;
}
