/**
 * Trend detectors: is an account's satisfaction (survey answers) or tone (scored touches)
 * falling, steady or rising, and is the fall worth a task? Pure functions over points, so
 * the alarms scan, the health score and the tests share one rule.
 *
 * Method: a one-sided CUSUM against a robust baseline, with capped steps.
 * - The baseline is the median of the earlier half of the recent points (at least two): a
 *   median, so one odd early answer does not move it.
 * - Each later point adds `baseline − value − slack` to the "falling" sum (and the mirror to
 *   the "rising" sum); a sum never goes below zero. The slack ignores wobble smaller than it.
 * - Each step is capped at `cap`, and `threshold` is above `cap`: ONE answer, however bad,
 *   can never raise an alarm on its own; it takes a second low answer (or several
 *   moderately low ones) to cross. One good answer after a fall pulls the sum back down,
 *   so the alarm clears when the client recovers.
 * - Nothing alarms before `minPoints` points: a trend of two answers is an anecdote.
 * The level reported is the median of the points since the sum last stood at zero: the run
 * that makes up the change, so "from 8.4 to 5.1" compares the old normal with the new one
 * (a median again, so one outlier inside the run does not decide whether it is negative).
 */

export type TrendPoint = { at: Date; value: number };

export type TrendVerdict = {
  direction: "falling" | "steady" | "rising";
  alarm: boolean;
  /** The current level (median of the recent run); null without points. Same scale as values. */
  level: number | null;
  /** The earlier normal (median of the earlier half); null with too few points. */
  baseline: number | null;
  /** How many points were considered (at most maxPoints, the most recent). */
  points: number;
  /** One plain-language line. */
  reason: string;
};

export type TrendOptions = {
  /** Fewer points than this never alarm and read as steady. */
  minPoints?: number;
  /** Only the most recent points count. */
  maxPoints?: number;
  /** Deviation from the baseline ignored per point. */
  slack?: number;
  /** Most one point can add to a sum. */
  cap?: number;
  /** A sum at or above this is a change. */
  threshold?: number;
};

/**
 * Satisfaction on 0..1 (see normaliseScore). Slack 0.1 is one NPS point; cap 0.25 is one
 * CSAT step; threshold 0.45 then needs two answers far below the baseline (NPS 9 → 4, 4),
 * three one-step CSAT drops (5 → 4, 4, 4) or five NPS answers two points down.
 */
export const satisfactionTrendDefaults: Required<TrendOptions> = {
  minPoints: 4,
  maxPoints: 12,
  slack: 0.1,
  cap: 0.25,
  threshold: 0.45,
};

/**
 * Tone in the scorer's comparative units, clipped to −1..1 (a three-word "Great, thanks!"
 * scores far beyond what a summary does). A summary's tone wobbles by about ±0.2, hence
 * slack 0.1; two touches 0.5 below the old normal cross 0.6, one never does (cap 0.4).
 */
export const toneTrendDefaults: Required<TrendOptions> & {
  /** A recent median at or below this is negative (the tone label's threshold). */
  negativeAt: number;
  /** How many latest touches make "recently negative". */
  recent: number;
} = {
  minPoints: 4,
  maxPoints: 10,
  slack: 0.1,
  cap: 0.4,
  threshold: 0.6,
  negativeAt: -0.1,
  recent: 3,
};

type Shift = {
  direction: TrendVerdict["direction"];
  baseline: number;
  level: number;
  /** Points in the run that made up the change (or all later points when steady). */
  run: number;
};

const epsilon = 1e-9;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** The most recent values, oldest first. */
function recentValues(points: TrendPoint[], maxPoints: number): number[] {
  return [...points]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .slice(-maxPoints)
    .map((point) => point.value);
}

/** Two one-sided CUSUMs (falling, rising) of the later half against the earlier half. */
function detectShift(values: number[], options: Required<TrendOptions>): Shift {
  const baselineCount = Math.max(2, Math.floor(values.length / 2));
  const baseline = median(values.slice(0, baselineCount));
  const later = values.slice(baselineCount);
  let falling = 0;
  let fallingFrom = 0;
  let rising = 0;
  let risingFrom = 0;
  later.forEach((value, index) => {
    const step = (deviation: number) => clamp(deviation - options.slack, -options.cap, options.cap);
    falling = Math.max(0, falling + step(baseline - value));
    if (falling === 0) fallingFrom = index + 1;
    rising = Math.max(0, rising + step(value - baseline));
    if (rising === 0) risingFrom = index + 1;
  });
  const threshold = options.threshold - epsilon;
  if (falling >= threshold) {
    const run = later.slice(fallingFrom);
    return { direction: "falling", baseline, level: median(run), run: run.length };
  }
  if (rising >= threshold) {
    const run = later.slice(risingFrom);
    return { direction: "rising", baseline, level: median(run), run: run.length };
  }
  return { direction: "steady", baseline, level: median(later), run: later.length };
}

const outOfTen = (value: number) => (value * 10).toFixed(1);
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
const theLast = (count: number, one: string, many: string) =>
  count === 1 ? `the last ${one}` : `the last ${plural(count, one, many)}`;

/**
 * Satisfaction over an account's (or a segment's) recent answers, values 0..1 oldest first
 * (any order is sorted). Alarms on a fall only.
 */
export function satisfactionTrend(points: TrendPoint[], options?: TrendOptions): TrendVerdict {
  const settings = { ...satisfactionTrendDefaults, ...options };
  const values = recentValues(points, settings.maxPoints);
  if (values.length < settings.minPoints) {
    return {
      direction: "steady",
      alarm: false,
      level: values.length > 0 ? median(values) : null,
      baseline: null,
      points: values.length,
      reason: `Too few answers to see a trend (${values.length}; ${settings.minPoints} needed)`,
    };
  }
  const shift = detectShift(values, settings);
  const from = outOfTen(shift.baseline);
  const to = outOfTen(shift.level);
  const over = theLast(shift.run, "answer", "answers");
  const reason =
    shift.direction === "falling"
      ? `Satisfaction has fallen over ${over}: from ${from} to ${to} out of 10`
      : shift.direction === "rising"
        ? `Satisfaction has risen over ${over}: from ${from} to ${to} out of 10`
        : `Satisfaction is steady at about ${to} out of 10 over ${plural(values.length, "answer", "answers")}`;
  return {
    direction: shift.direction,
    alarm: shift.direction === "falling",
    level: shift.level,
    baseline: shift.baseline,
    points: values.length,
    reason,
  };
}

const signed = (value: number) =>
  `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value).toFixed(2)}`;

/**
 * The tone of an account's last touches (comparative scores, oldest first). Alarms when the
 * tone has fallen to below zero (turned negative, not merely cooled), or when most of the
 * latest touches are negative however it started (a steadily unhappy client).
 */
export function toneTrend(
  points: TrendPoint[],
  options?: Partial<typeof toneTrendDefaults>,
): TrendVerdict {
  const settings = { ...toneTrendDefaults, ...options };
  const values = recentValues(points, settings.maxPoints).map((value) => clamp(value, -1, 1));
  if (values.length < settings.minPoints) {
    return {
      direction: "steady",
      alarm: false,
      level: values.length > 0 ? median(values) : null,
      baseline: null,
      points: values.length,
      reason: `Too few scored touches to see a trend (${values.length}; ${settings.minPoints} needed)`,
    };
  }
  const shift = detectShift(values, settings);
  const latest = values.slice(-settings.recent);
  const recentMedian = median(latest);
  const recentlyNegative = recentMedian <= settings.negativeAt;
  const turnedNegative = shift.direction === "falling" && shift.level < 0;
  const over = theLast(shift.run, "touch", "touches");
  const from = signed(shift.baseline);
  const to = signed(shift.level);
  let reason: string;
  if (turnedNegative) reason = `Tone has turned negative over ${over}: from ${from} to ${to}`;
  else if (recentlyNegative)
    reason = `Most of the last ${latest.length} touches were negative (median ${signed(recentMedian)})`;
  else if (shift.direction === "falling")
    reason = `Tone has cooled over ${over}: from ${from} to ${to}`;
  else if (shift.direction === "rising")
    reason = `Tone has warmed over ${over}: from ${from} to ${to}`;
  else reason = `Tone is steady at about ${to} over ${values.length} touches`;
  return {
    direction: shift.direction,
    alarm: turnedNegative || recentlyNegative,
    level: recentlyNegative && !turnedNegative ? recentMedian : shift.level,
    baseline: shift.baseline,
    points: values.length,
    reason,
  };
}
