/**
 * When an account was touched and how: the instants of its completed touches over its life
 * (stratified samples of the arc's touch density, so the count is exact and the rhythm
 * regular), then kind and direction for each, walking forward in time so the tier's
 * cadence rules are kept (a check-in every month for key clients, a strategy session each
 * quarter) and the client is heard from often enough — except where the story says we let
 * it slip (a drift, a neglected account).
 */
import type { InteractionDirection, InteractionKind } from "../interactions";
import type { AccountPlan } from "./demo.firm";
import { addDays, atTime, DAY_MS, HOUR_MS, type Random, workingDay } from "./demo.random";
import { touchDensityAt } from "./demo.story";

/** The longest gap the tier's `any` cadence rule allows (what silence is judged against). */
export function allowedDaysOf(plan: Pick<AccountPlan, "tier" | "status">): number | null {
  if (plan.status === "prospect") return 21;
  return plan.tier === "key"
    ? 14
    : plan.tier === "growth"
      ? 30
      : plan.tier === "standard"
        ? 60
        : null;
}

/** The kind-specific rules a tier starts with (see cadence's defaultCadenceRules). */
function kindRulesOf(plan: Pick<AccountPlan, "tier" | "status">) {
  if (plan.status === "prospect") return { checkIn: null, strategy: null };
  if (plan.tier === "key") return { checkIn: 30, strategy: 90 };
  if (plan.tier === "growth") return { checkIn: 60, strategy: null };
  return { checkIn: null, strategy: null };
}

/** Where the last touch lands: recent for healthy accounts, a while ago when the story says so. */
function lastTouchBound(rng: Random, plan: AccountPlan, now: Date): Date {
  const allowed = allowedDaysOf(plan) ?? 45;
  switch (plan.arc) {
    case "neglected":
      return addDays(now, -Math.round(allowed * rng.float(1.3, 2.2)));
    case "drifting":
      // We went quiet too: the last touch is about one cadence interval old, or older.
      return addDays(now, -Math.round(allowed * rng.float(0.9, 1.6)));
    case "churned":
      return addDays(plan.endAt, -rng.int(5, 20));
    default:
      return plan.status === "paused"
        ? addDays(now, -rng.int(5, 30))
        : new Date(now.getTime() - rng.int(2, 30) * HOUR_MS);
  }
}

/** `count` instants in [from, to], following the arc's density, oldest first. */
export function touchInstants(rng: Random, plan: AccountPlan, count: number, now: Date): Date[] {
  const from = addDays(plan.createdAt, 1).getTime();
  const to = Math.max(from + DAY_MS, lastTouchBound(rng, plan, now).getTime());
  const bins = Math.max(1, Math.ceil((to - from) / DAY_MS));
  const width = (to - from) / bins;
  const cumulative: number[] = [];
  let total = 0;
  for (let b = 0; b < bins; b++) {
    total += touchDensityAt(plan, new Date(from + (b + 0.5) * width), now);
    cumulative.push(total);
  }
  const instants: Date[] = [];
  let bin = 0;
  for (let k = 0; k < count; k++) {
    // Stratified: the k-th touch falls in the k-th slice of the density, at a random spot.
    const target = ((k + rng.next()) / count) * total;
    while (bin < bins - 1 && (cumulative[bin] ?? 0) < target) bin++;
    const before = bin === 0 ? 0 : (cumulative[bin - 1] ?? 0);
    const share = ((target - before) / Math.max(1e-9, (cumulative[bin] ?? 0) - before)) % 1;
    instants.push(new Date(from + (bin + share) * width));
  }
  if (instants.length > 0) instants[instants.length - 1] = new Date(to);
  return instants;
}

export type TouchShape = {
  kind: InteractionKind;
  direction: InteractionDirection | null;
  inDrift: boolean;
  /** Met at a time slot (meetings, visits…): has scheduledAt, startedAt, lateness. */
  scheduled: boolean;
};

const clientKinds: readonly (readonly [InteractionKind, number])[] = [
  ["email", 28],
  ["call", 22],
  ["video_call", 16],
  ["meeting", 13],
  ["visit", 5],
  ["event", 3],
  ["note", 7],
];
const prospectKinds: readonly (readonly [InteractionKind, number])[] = [
  ["email", 35],
  ["call", 28],
  ["meeting", 18],
  ["video_call", 12],
  ["event", 7],
];
const SCHEDULED: readonly InteractionKind[] = [
  "meeting",
  "video_call",
  "visit",
  "strategy_session",
  "check_in",
  "event",
];

/** Kind and direction of each touch, in time order, keeping (or not) the cadence rules. */
export function shapeTouches(rng: Random, plan: AccountPlan, instants: Date[]): TouchShape[] {
  const rules = kindRulesOf(plan);
  const allowed = allowedDaysOf(plan);
  let lastCheckIn = plan.createdAt.getTime();
  let lastStrategy = plan.createdAt.getTime();
  let lastInbound = plan.createdAt.getTime();
  const healthyEnd = ["steady", "growing", "prospect"].includes(plan.arc);
  return instants.map((at, k) => {
    const t = at.getTime();
    const inDrift = Boolean(plan.drift && t >= plan.drift.start.getTime());
    const lapse = inDrift || (plan.arc === "churned" && t > plan.endAt.getTime() - 90 * DAY_MS);
    const days = (since: number) => (t - since) / DAY_MS;
    let kind: InteractionKind;
    if (!lapse && rules.checkIn && days(lastCheckIn) > 0.75 * rules.checkIn) kind = "check_in";
    else if (!lapse && rules.strategy && days(lastStrategy) > 0.8 * rules.strategy)
      kind = "strategy_session";
    else kind = rng.weighted(plan.status === "prospect" ? prospectKinds : clientKinds);
    const isLast = k === instants.length - 1;
    const silent = inDrift && plan.drift?.silent;
    const needsWord =
      allowed !== null && (days(lastInbound) > 0.5 * allowed || (isLast && healthyEnd));
    let direction: InteractionDirection | null;
    if (silent) direction = "outbound";
    else if (needsWord || rng.chance(0.3)) direction = "inbound";
    else direction = "outbound";
    if (kind === "note") {
      // An internal note is nobody's word: when we need to hear from them, it is an email.
      if (direction === "inbound" && needsWord) kind = "email";
      else direction = null;
    }
    if (kind === "check_in") lastCheckIn = t;
    if (kind === "strategy_session") lastStrategy = t;
    if (direction === "inbound") lastInbound = t;
    return { kind, direction, inDrift, scheduled: SCHEDULED.includes(kind) };
  });
}

const durations: Partial<Record<InteractionKind, [number, number]>> = {
  call: [10, 45],
  video_call: [25, 60],
  meeting: [45, 90],
  visit: [60, 180],
  strategy_session: [90, 240],
  check_in: [15, 30],
  event: [120, 240],
};

export function durationOf(rng: Random, kind: InteractionKind): number | null {
  const range = durations[kind];
  return range ? Math.round(rng.int(range[0], range[1]) / 5) * 5 : null;
}

/**
 * The clock times of a touch at an instant: a meeting sits on a working-day slot and may
 * start a few minutes late (the punctuality report); a call or email at some business hour.
 * Never later than `latest`.
 */
export function timesOf(
  rng: Random,
  shape: TouchShape,
  at: Date,
  latest: Date,
): { scheduledAt: Date | null; startedAt: Date | null; occurredAt: Date } {
  let day = shape.kind === "email" ? at : workingDay(at);
  for (let tries = 0; ; tries++) {
    const slot = shape.scheduled
      ? atTime(day, rng.int(8, 16), rng.pick([0, 30]))
      : atTime(day, rng.int(7, 18), rng.int(0, 59));
    const late = shape.scheduled
      ? rng.weighted([
          [rng.int(0, 4), 80],
          [rng.int(6, 15), 15],
          [rng.int(20, 30), 5],
        ] as const)
      : 0;
    const started = new Date(slot.getTime() + late * 60_000);
    if (started.getTime() <= latest.getTime() || tries > 3) {
      const occurredAt = started.getTime() <= latest.getTime() ? started : latest;
      return shape.scheduled
        ? { scheduledAt: slot, startedAt: occurredAt, occurredAt }
        : { scheduledAt: null, startedAt: null, occurredAt };
    }
    day = addDays(day, -1);
  }
}
