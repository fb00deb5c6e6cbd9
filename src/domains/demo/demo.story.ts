/**
 * The story the demo tells: most clients are steady, some grow, about one in eight drifts
 * away over the last three to four months (fewer touches, souring notes, falling scores, and
 * for some the champion or the decision maker leaves), a few are neglected by us, and former
 * clients soured before they left. Each account's mood over time drives the tone of what is
 * written and the scores it gives; how often it is touched follows from the arc too.
 */
import type { AccountStatus } from "../accounts";
import { addDays, DAY_MS, isoDay, type Random } from "./demo.random";

export type Arc = "steady" | "growing" | "drifting" | "neglected" | "churned" | "prospect";
export type Tone = "positive" | "neutral" | "negative";

export type Drift = {
  start: Date;
  /** 0.5 (cooling) … 1 (leaving): how far the mood falls. */
  severity: number;
  /** ISO days the champion / decision maker left, when they did. */
  championLeavesOn: string | null;
  deciderLeavesOn: string | null;
  /** They stopped writing to us: no inbound touch during the drift (a silence alarm). */
  silent: boolean;
};

type Draft = { status: AccountStatus; tier: string | null };

/** One arc per account; drifters are drawn from active clients, key and growth ones first. */
export function chooseArcs(rng: Random, drafts: readonly Draft[]): Arc[] {
  const arcs: Arc[] = drafts.map((d) =>
    d.status === "prospect"
      ? "prospect"
      : d.status === "former"
        ? "churned"
        : d.status === "onboarding" && rng.chance(0.5)
          ? "growing"
          : "steady",
  );
  const active = drafts.flatMap((d, i) => (d.status === "active" ? [i] : []));
  const wanted = Math.min(active.length, Math.max(1, Math.round(drafts.length / 8)));
  const weight = (i: number) => {
    const tier = drafts[i]?.tier;
    return tier === "key" ? 3 : tier === "growth" ? 2 : 1;
  };
  const pool = [...active];
  for (let k = 0; k < wanted; k++) {
    const i = rng.weighted(pool.map((p) => [p, weight(p)] as const));
    arcs[i] = "drifting";
    pool.splice(pool.indexOf(i), 1);
  }
  for (const i of pool) {
    const roll = rng.next();
    if (roll < 0.16) arcs[i] = "growing";
    else if (roll < 0.24) arcs[i] = "neglected";
  }
  return arcs;
}

/** The first drifter is the worst: the champion left this week and scores collapsed. */
export function planDrift(rng: Random, now: Date, worst: boolean): Drift {
  const start = addDays(now, -rng.int(90, 125));
  const severity = worst ? 1 : rng.float(0.55, 1);
  const championLeaves = worst || rng.chance(0.55);
  // Half the departures fall in the last week, so "declined in 7 days" has its reasons.
  const recent = worst || rng.chance(0.5);
  return {
    start,
    severity,
    championLeavesOn: championLeaves
      ? isoDay(recent ? addDays(now, -rng.int(2, 6)) : addDays(start, rng.int(25, 60)))
      : null,
    deciderLeavesOn: worst || rng.chance(0.25) ? isoDay(addDays(now, -rng.int(10, 40))) : null,
    silent: worst || severity > 0.75,
  };
}

export type MoodSubject = {
  arc: Arc;
  drift: Drift | null;
  createdAt: Date;
  endAt: Date;
};

/** How the client feels about us at an instant, −1 … 1. */
export function moodAt(account: MoodSubject, at: Date, now: Date): number {
  const t = at.getTime();
  switch (account.arc) {
    case "growing": {
      const span = Math.max(DAY_MS, now.getTime() - account.createdAt.getTime());
      return -0.05 + 0.75 * Math.min(1, Math.max(0, (t - account.createdAt.getTime()) / span));
    }
    case "drifting": {
      const drift = account.drift;
      if (!drift || t < drift.start.getTime()) return 0.45;
      // Sours within the first half of the drift, then stays sour: −0.75 … −1 at the bottom.
      const span = 0.5 * (now.getTime() - drift.start.getTime());
      const progress = Math.min(1, (t - drift.start.getTime()) / span);
      return 0.45 - (0.95 + 0.5 * drift.severity) * progress;
    }
    case "churned": {
      const souring = account.endAt.getTime() - 120 * DAY_MS;
      if (t < souring) return 0.3;
      return 0.3 - 1.0 * Math.min(1, (t - souring) / (120 * DAY_MS));
    }
    case "prospect":
      return 0.25;
    default:
      return 0.3;
  }
}

/** The tone of one touch at that mood: a little chance either way, as in real notes. */
export function toneAt(rng: Random, mood: number): Tone {
  if (rng.chance(0.04)) return rng.chance(0.5) ? "negative" : "neutral";
  const x = mood + rng.float(-0.35, 0.35);
  return x > 0.3 ? "positive" : x < -0.2 ? "negative" : "neutral";
}

const clamp = (n: number, low: number, high: number) => Math.min(high, Math.max(low, n));

export function npsAt(rng: Random, mood: number): number {
  return clamp(Math.round(6.9 + 3.3 * mood + rng.float(-1.2, 1.2)), 0, 10);
}

export function csatAt(rng: Random, mood: number): number {
  return clamp(Math.round(3.6 + 1.8 * mood + rng.float(-0.7, 0.7)), 1, 5);
}

/**
 * How densely touches fall at an instant, relative to the account's normal rhythm: drifting
 * clients are touched a third as often once the drift starts, growing ones more each year.
 */
export function touchDensityAt(account: MoodSubject, at: Date, now: Date): number {
  const t = at.getTime();
  if (account.arc === "drifting" && account.drift && t >= account.drift.start.getTime()) {
    return 0.35;
  }
  if (account.arc === "growing") {
    const span = Math.max(DAY_MS, now.getTime() - account.createdAt.getTime());
    return 0.6 + 0.8 * Math.min(1, Math.max(0, (t - account.createdAt.getTime()) / span));
  }
  return 1;
}
