/**
 * The generator's only source of chance: one seeded Faker instance (never the global one),
 * and small helpers over its uniform numbers. Every value the generator writes is drawn
 * from here in a fixed order, so the same seed and `now` give the same firm. Dates are
 * derived from `now` with the helpers below, never from the real clock.
 */
import { en, Faker } from "@faker-js/faker";

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export type Random = {
  faker: Faker;
  /** Uniform in [0, 1). */
  next(): number;
  /** Whole number in [min, max], both included. */
  int(min: number, max: number): number;
  float(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  /** One of the values, each as likely as its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** n distinct items in random order (all of them when n is larger). */
  sample<T>(list: readonly T[], n: number): T[];
};

export function createRandom(seed: number): Random {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  // Faker's float: max exclusive by default, so next() is in [0, 1).
  const next = () => faker.number.float();
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => {
    if (list.length === 0) throw new Error("pick from an empty list");
    return list[Math.floor(next() * list.length)] as T;
  };
  return {
    faker,
    next,
    int,
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick,
    weighted(entries) {
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [value, w] of entries) {
        roll -= w;
        if (roll < 0) return value;
      }
      return (entries.at(-1) as readonly [never, number])[0];
    },
    sample(list, n) {
      const copy = [...list];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j] as (typeof copy)[number], copy[i] as (typeof copy)[number]];
      }
      return copy.slice(0, n);
    },
  };
}

/**
 * Splits `total` over items in proportion to their weights, each getting at least its
 * minimum, so the parts add up to exactly `total` (largest remainder). The bulk profiles
 * promise exact row counts while key accounts get more than standard ones.
 */
export function allocate(total: number, weights: readonly number[], minimum = 0): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const floor = Math.min(minimum, Math.floor(total / n));
  const rest = total - floor * n;
  const sum = weights.reduce((s, w) => s + w, 0);
  // All weights zero: share equally rather than divide by zero.
  const exact = weights.map((w) => (sum > 0 ? (rest * w) / sum : rest / n));
  const parts = exact.map((e) => Math.floor(e));
  let left = rest - parts.reduce((s, p) => s + p, 0);
  const order = exact
    .map((e, i) => ({ i, r: e - Math.floor(e) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts.map((p) => p + floor);
}

export const addDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS);
export const isoDay = (at: Date) => at.toISOString().slice(0, 10);
/** 0 Sunday … 6 Saturday (the firm's days are UTC days: the demo workspace keeps UTC). */
export const weekday = (at: Date) => at.getUTCDay();

/** The same day at hh:mm UTC. */
export function atTime(day: Date, hour: number, minute = 0): Date {
  const d = new Date(day);
  d.setUTCHours(hour, minute, 0, 0);
  return d;
}

/** Saturday → Friday, Sunday → Monday: client meetings happen on working days. */
export function workingDay(at: Date): Date {
  const dow = weekday(at);
  if (dow === 6) return addDays(at, -1);
  if (dow === 0) return addDays(at, 1);
  return at;
}

/** The same day, or the Monday after a weekend: for meetings still to come. */
export function nextWorkingDay(at: Date): Date {
  const dow = weekday(at);
  return dow === 6 ? addDays(at, 2) : dow === 0 ? addDays(at, 1) : at;
}

/** Lower-case ASCII letters and digits joined by dashes: "Hartmann & Söhne" → "hartmann-sohne". */
export function slugOf(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
