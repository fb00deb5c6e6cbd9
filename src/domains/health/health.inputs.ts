/**
 * The fixed lists of the health domain, shared by the schema, routes and web forms: the
 * components, bands, trends, default weights and thresholds (so the UI explains a score
 * with the same numbers the server used). Imports only zod: the browser bundles this file.
 */
import { z } from "zod";

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

/**
 * One component as computed: its own 0-100 score, its weight and why, in plain words.
 * A component without data has score null and weight 0 (its weight went to the others);
 * weight is the share of the total in percent after that redistribution (they sum to 100).
 */
export type HealthComponent = {
  key: HealthComponentKey;
  score: number | null;
  weight: number;
  reason: string;
};

export type HealthWeights = Record<HealthComponentKey, number>;

/**
 * The job that recomputes health: payload `{ accountId }` for one account, `{}` for the
 * whole workspace (the job row's workspace_id). Interactions, contacts, surveys and tone
 * enqueue it by this name, so none of them imports the health domain.
 */
export const healthRecomputeJobName = "health.recompute";

/** The weights a workspace starts with (they sum to 100; each is editable 0-100). */
export const defaultHealthWeights: HealthWeights = {
  cadence: 20,
  recency: 15,
  satisfaction: 20,
  satisfaction_trend: 10,
  tone_trend: 10,
  multi_threading: 15,
  alarms: 10,
};

/** healthy at 70 and above, watch from 40 to 69, at risk below 40. */
export const HEALTHY_FROM = 70;
export const WATCH_FROM = 40;

/** The trend arrow compares with the latest snapshot at least 7 days old; ±5 points moves it. */
export const TREND_DAYS = 7;
export const TREND_THRESHOLD = 5;
export const HISTORY_DAYS = 90;

export function bandOf(score: number): HealthBand {
  return score >= HEALTHY_FROM ? "healthy" : score >= WATCH_FROM ? "watch" : "at_risk";
}

const weight = z
  .number({ error: "Must be a whole number from 0 to 100" })
  .int("Must be a whole number from 0 to 100")
  .min(0, "At least 0")
  .max(100, "At most 100");

export const healthWeightsInput = z.strictObject(
  Object.fromEntries(healthComponentKeys.map((key) => [key, weight.optional()])) as Record<
    HealthComponentKey,
    z.ZodOptional<typeof weight>
  >,
);

export const changeHealthSettingsInput = z.strictObject({
  /** Only the weights sent change; the others keep their value. */
  weights: healthWeightsInput.refine(
    (w) => Object.keys(w).length > 0,
    "Send at least one weight to change",
  ),
});
export type ChangeHealthSettingsInput = z.output<typeof changeHealthSettingsInput>;

export const portfolioFilterInput = z.strictObject({
  ownerId: z.uuid({ error: "Must be a member id" }).optional(),
  tier: z.string().trim().min(1, "Required").max(40).optional(),
  segment: z.string().trim().min(1, "Required").max(100).optional(),
  band: z.enum(healthBands, { error: `Must be one of ${healthBands.join(", ")}` }).optional(),
  /** `7d`: only accounts whose score fell by at least TREND_THRESHOLD over TREND_DAYS. */
  declined: z.literal("7d", { error: "Must be 7d" }).optional(),
});
export type PortfolioFilter = z.output<typeof portfolioFilterInput>;

export const portfolioSummaryFilterInput = portfolioFilterInput.pick({
  ownerId: true,
  segment: true,
});
