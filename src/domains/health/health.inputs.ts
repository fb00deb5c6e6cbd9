/**
 * The fixed lists of the health domain, shared by the schema, routes and web forms.
 * Imports only zod: the browser bundles this file.
 */
export const healthComponentKeys = [
  "cadence",
  "recency",
  "satisfaction",
  "satisfaction_trend",
  "tone_trend",
  "multi_threading",
  "alarms",
] as const;
export type HealthComponentKey = (typeof healthComponentKeys)[number];

export const healthBands = ["healthy", "watch", "at_risk"] as const;
export type HealthBand = (typeof healthBands)[number];

export const healthTrends = ["up", "flat", "down"] as const;
export type HealthTrend = (typeof healthTrends)[number];

/** One component as computed: its own 0-100 score, its weight and why, in plain words. */
export type HealthComponent = {
  key: HealthComponentKey;
  score: number;
  weight: number;
  reason: string;
};

export type HealthWeights = Record<HealthComponentKey, number>;
