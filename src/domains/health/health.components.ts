/**
 * The health score as pure functions of a plain HealthInputs object (gathered by
 * health.gather.ts, stored beside every score): one formula per component, then the
 * weighted mean with the weights of components without data given to the others. Pure, so
 * the same inputs at the same time always give the same score, and tests pin each formula
 * with hand-computed numbers. Every component scores 0-100 and says why in one line.
 */
import type { TrendVerdict } from "../alarms";
import type { RelationshipFlagCode } from "../relationships";
import { normaliseScore } from "../surveys";
import {
  bandOf,
  type HealthBand,
  type HealthComponent,
  type HealthComponentKey,
  type HealthTrend,
  type HealthWeights,
  healthComponentKeys,
  TREND_THRESHOLD,
} from "./health.inputs";

const DAY_MS = 86_400_000;

/** Recency without any cadence rule is judged against a touch every 30 days. */
export const DEFAULT_EXPECTED_DAYS = 30;
/** Satisfaction level: the answers of the last 180 days. */
export const SATISFACTION_DAYS = 180;
/** A trend verdict's score: rising 100, steady 80, falling 40, any alarm 10. */
export const TREND_SCORES = { rising: 100, steady: 80, falling: 40, alarm: 10 } as const;
/** What each relationship flag takes off 100 (all four: 0). */
export const FLAG_PENALTIES: Record<RelationshipFlagCode, number> = {
  single_threaded: 40,
  no_decision_maker: 25,
  champion_left: 20,
  no_executive_sponsor: 15,
};

export type SurveyKind = "nps" | "csat" | "check_in";

/** Everything a score is computed from; JSON-safe (instants as ISO strings). */
export type HealthInputs = {
  /** The instant the score is judged at. */
  asOf: string;
  accountCreatedAt: string;
  /** The cadence rules that apply to the account and how overdue each is (0 = on time). */
  cadence: { kind: string; everyDays: number; daysOverdue: number }[];
  /** The last completed meaningful touch at or before asOf. */
  lastTouchAt: string | null;
  /** Scored survey answers of the last year, oldest first. */
  answers: { kind: SurveyKind; score: number; answeredAt: string }[];
  satisfactionTrend: TrendVerdict | null;
  /**
   * Tone of the last touches and answers, oldest first: the scorer's value, the member's
   * corrected label if any, and the value the trend used (effectiveToneValue).
   */
  tone: { at: string; score: number; correctedLabel: string | null; value: number }[];
  toneTrend: TrendVerdict | null;
  /** The relationship map's flags (relationshipFlags). */
  flags: { code: RelationshipFlagCode; reason: string }[];
  /** Open tasks raised by an alarm (survey, trend, tone, silence). */
  alarms: { source: string; title: string }[];
};

/** A component before weighting: its score (null when there is no data) and its reason. */
export type ComponentResult = { score: number | null; reason: string };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const kindLabel = (kind: string) => (kind === "any" ? "any touch" : kind.replaceAll("_", "-"));
const clamp = (n: number) => Math.min(100, Math.max(0, n));

/**
 * Cadence compliance: the mean over the rules of 100 for a rule on time, and for an overdue
 * one 50 × (1 − daysOverdue / everyDays), floored at 0 (a full cycle late scores 0).
 */
export function cadenceComponent(inputs: HealthInputs): ComponentResult {
  const rules = inputs.cadence;
  if (rules.length === 0) {
    return { score: null, reason: "No cadence rule applies to this account: cadence is left out" };
  }
  const ruleScore = (r: HealthInputs["cadence"][number]) =>
    r.daysOverdue === 0 ? 100 : 50 * Math.max(0, 1 - r.daysOverdue / r.everyDays);
  const score = Math.round(rules.reduce((sum, r) => sum + ruleScore(r), 0) / rules.length);
  const overdue = rules.filter((r) => r.daysOverdue > 0);
  if (overdue.length === 0) {
    return {
      score,
      reason: `${rules.length === 1 ? "The cadence rule is" : `All ${rules.length} cadence rules are`} on time`,
    };
  }
  const which = overdue
    .map((r) => `${kindLabel(r.kind)} by ${plural(r.daysOverdue, "day")} (every ${r.everyDays})`)
    .join(", ");
  return { score, reason: `${overdue.length} of ${rules.length} cadence rules overdue: ${which}` };
}

/** The shortest interval of the account's cadence rules, else DEFAULT_EXPECTED_DAYS. */
export function expectedDaysOf(inputs: HealthInputs): number {
  const intervals = inputs.cadence.map((r) => r.everyDays);
  return intervals.length > 0 ? Math.min(...intervals) : DEFAULT_EXPECTED_DAYS;
}

const wholeDaysBetween = (from: string, to: string) =>
  Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / DAY_MS));

/**
 * Recency: d whole days since the last meaningful touch (since the account was added when
 * there was none) against E = expectedDaysOf: 100 while d ≤ E, then 100 × (1 − (d − E) / E),
 * reaching 0 at 2E.
 */
export function recencyComponent(inputs: HealthInputs): ComponentResult {
  const expected = expectedDaysOf(inputs);
  const since = inputs.lastTouchAt ?? inputs.accountCreatedAt;
  const days = wholeDaysBetween(since, inputs.asOf);
  const score = Math.round(
    days <= expected ? 100 : clamp(100 * (1 - (days - expected) / expected)),
  );
  const cadence = `expected at least every ${plural(expected, "day")}`;
  const late = days > expected ? `, ${plural(days - expected, "day")} late` : "";
  const reason = inputs.lastTouchAt
    ? `Last meaningful touch ${plural(days, "day")} ago; ${cadence}${late}`
    : `No meaningful touch in the ${plural(days, "day")} since the account was added; ${cadence}${late}`;
  return { score, reason };
}

const KIND_NAMES: Record<SurveyKind, string> = { nps: "NPS", csat: "CSAT", check_in: "check-in" };

/**
 * Satisfaction level: the mean of the answers of the last SATISFACTION_DAYS, each on 0-100
 * (normaliseScore: NPS × 10, CSAT and check-in (score − 1) × 25).
 */
export function satisfactionComponent(inputs: HealthInputs): ComponentResult {
  const since = Date.parse(inputs.asOf) - SATISFACTION_DAYS * DAY_MS;
  const recent = inputs.answers.filter((a) => Date.parse(a.answeredAt) >= since);
  if (recent.length === 0) {
    return {
      score: null,
      reason: `No survey answers in the last ${SATISFACTION_DAYS} days: satisfaction is left out`,
    };
  }
  const values = recent.map((a) => normaliseScore(a.kind, a.score) ?? 0);
  const score = Math.round(values.reduce((sum, v) => sum + v, 0) / values.length);
  const latest = recent
    .slice(-3)
    .reverse()
    .map((a) => `${KIND_NAMES[a.kind]} ${a.score}`)
    .join(", ");
  return {
    score,
    reason: `Average of ${plural(recent.length, "survey answer")} in the last ${SATISFACTION_DAYS} days is ${score}/100 (latest: ${latest})`,
  };
}

/** A trend detector's verdict as a score: an alarm 10, else TREND_SCORES by direction. */
export function trendScore(verdict: TrendVerdict): number {
  return verdict.alarm ? TREND_SCORES.alarm : TREND_SCORES[verdict.direction];
}

/** Left out while the detector has too few points to judge (it then gives no baseline). */
function trendComponent(verdict: TrendVerdict | null, what: string, none: string): ComponentResult {
  if (!verdict) return { score: null, reason: `${none}: ${what} is left out` };
  if (verdict.baseline === null) {
    return { score: null, reason: `${verdict.reason}: ${what} is left out` };
  }
  const alarm = verdict.alarm ? " (alarm)" : "";
  return { score: trendScore(verdict), reason: `${verdict.direction}${alarm}: ${verdict.reason}` };
}

export const satisfactionTrendComponent = (inputs: HealthInputs) =>
  trendComponent(
    inputs.satisfactionTrend,
    "satisfaction trend",
    "No scored survey answers in the last year",
  );

export const toneTrendComponent = (inputs: HealthInputs) =>
  trendComponent(inputs.toneTrend, "tone trend", "No scored touches in the last 180 days");

const FLAG_NAMES: Record<RelationshipFlagCode, string> = {
  single_threaded: "single-threaded",
  no_decision_maker: "no decision maker",
  champion_left: "champion left",
  no_executive_sponsor: "no executive sponsor",
};

/** Multi-threading: 100 minus FLAG_PENALTIES of each relationship flag raised. */
export function multiThreadingComponent(inputs: HealthInputs): ComponentResult {
  const flags = inputs.flags;
  if (flags.length === 0) {
    return {
      score: 100,
      reason: "No relationship flags: several people, a decision maker and a sponsor",
    };
  }
  const score = clamp(100 - flags.reduce((sum, f) => sum + FLAG_PENALTIES[f.code], 0));
  const names = flags.map((f) => FLAG_NAMES[f.code]).join(", ");
  return {
    score,
    reason: `${names[0]?.toUpperCase()}${names.slice(1)}. ${flags[0]?.reason ?? ""}`.trim(),
  };
}

/** Open alarms: 100 with none, else 80 − 20 per open alarm task (four or more: 0). */
export function alarmsComponent(inputs: HealthInputs): ComponentResult {
  const open = inputs.alarms;
  if (open.length === 0) return { score: 100, reason: "No open alarms" };
  const score = clamp(80 - 20 * open.length);
  const list = open
    .slice(0, 3)
    .map((a) => `${a.source}: ${a.title}`)
    .join("; ");
  const more = open.length > 3 ? `; and ${open.length - 3} more` : "";
  return { score, reason: `${plural(open.length, "open alarm")}: ${list}${more}` };
}

export const componentFormulas: Record<
  HealthComponentKey,
  (inputs: HealthInputs) => ComponentResult
> = {
  cadence: cadenceComponent,
  recency: recencyComponent,
  satisfaction: satisfactionComponent,
  satisfaction_trend: satisfactionTrendComponent,
  tone_trend: toneTrendComponent,
  multi_threading: multiThreadingComponent,
  alarms: alarmsComponent,
};

/** Integer percentages of `parts` that sum to exactly 100 (largest remainder, then key order). */
function percentages(parts: number[]): number[] {
  const total = parts.reduce((sum, p) => sum + p, 0);
  if (total === 0) return parts.map(() => 0);
  const exact = parts.map((p) => (p * 100) / total);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((sum, f) => sum + f, 0);
  const order = exact
    .map((e, i) => ({ i, rest: e - Math.floor(e) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    if (parts[i] === 0) continue;
    floors[i] = (floors[i] ?? 0) + 1;
    left -= 1;
  }
  return floors;
}

export type HealthResult = {
  score: number;
  band: HealthBand;
  components: HealthComponent[];
  /** The reason of the component that costs the most points (score × weight), if any. */
  topConcern: string | null;
};

/**
 * The score: round(Σ scoreᵢ × weightᵢ / Σ weightᵢ) over the components with data, so a
 * component without data gives its weight to the others in proportion. Should every
 * component with data weigh 0, they count equally.
 */
export function computeHealth(inputs: HealthInputs, weights: HealthWeights): HealthResult {
  const results = healthComponentKeys.map((key) => ({ key, ...componentFormulas[key](inputs) }));
  const withData = results.filter((r) => r.score !== null);
  const anyWeight = withData.some((r) => weights[r.key] > 0);
  const weightOf = (r: (typeof results)[number]) =>
    r.score === null ? 0 : anyWeight ? weights[r.key] : 1;
  const raw = results.map(weightOf);
  const totalWeight = raw.reduce((sum, w) => sum + w, 0);
  const weighted = results.reduce((sum, r, i) => sum + (r.score ?? 0) * (raw[i] ?? 0), 0);
  const score = totalWeight === 0 ? 0 : Math.round(weighted / totalWeight);
  const shares = percentages(raw);
  const components = results.map((r, i) => ({
    key: r.key,
    score: r.score,
    weight: shares[i] ?? 0,
    reason: r.reason,
  }));
  let topConcern: string | null = null;
  let worstLoss = 0;
  results.forEach((r, i) => {
    const loss = (100 - (r.score ?? 100)) * (raw[i] ?? 0);
    if (loss > worstLoss) {
      worstLoss = loss;
      topConcern = r.reason;
    }
  });
  return { score, band: bandOf(score), components, topConcern };
}

/** up / down when the score moved by at least TREND_THRESHOLD since `previous`, else flat. */
export function trendOf(score: number, previous: number | null): HealthTrend {
  if (previous === null) return "flat";
  const change = score - previous;
  return change >= TREND_THRESHOLD ? "up" : change <= -TREND_THRESHOLD ? "down" : "flat";
}

/** A snapshot when there is none yet, the score changed, or the last is a day old or more. */
export function needsSnapshot(
  last: { score: number; computedAt: Date } | null,
  score: number,
  now: Date,
): boolean {
  return !last || last.score !== score || now.getTime() - last.computedAt.getTime() >= DAY_MS;
}
