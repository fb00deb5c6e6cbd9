/**
 * The weights form's arithmetic, apart from its layout: each weight's share of the total
 * (rounded as the server rounds it, so the form and the account panels agree), what changed
 * since the saved version, and the server's field paths mapped onto the form's inputs.
 */
import {
  type HealthComponentKey,
  type HealthWeights,
  healthComponentKeys,
} from "../../../src/domains/health/health.inputs";
import { ApiError } from "../../app/api";

export type Values = Record<HealthComponentKey, number | "">;

export const numberOr0 = (value: number | "") => (value === "" ? 0 : value);

/** Whole percentages that add up to 100 (largest remainder), as the server rounds them. */
export function sharesOf(values: Values): Record<HealthComponentKey, number> {
  const parts = healthComponentKeys.map((key) => numberOr0(values[key]));
  const total = parts.reduce((sum, part) => sum + part, 0);
  const exact = parts.map((part) => (total === 0 ? 0 : (part * 100) / total));
  const floors = exact.map(Math.floor);
  let left = total === 0 ? 0 : 100 - floors.reduce((sum, f) => sum + f, 0);
  const order = exact
    .map((e, i) => ({ i, rest: e - Math.floor(e) }))
    .sort((a, b) => b.rest - a.rest);
  for (const { i } of order) {
    if (left === 0) break;
    if (parts[i] === 0) continue;
    floors[i] = (floors[i] ?? 0) + 1;
    left -= 1;
  }
  return Object.fromEntries(healthComponentKeys.map((key, i) => [key, floors[i] ?? 0])) as Record<
    HealthComponentKey,
    number
  >;
}

export const changesOf = (
  saved: HealthWeights,
  values: Values,
): Partial<Record<HealthComponentKey, number | null>> =>
  Object.fromEntries(
    healthComponentKeys
      .filter((key) => values[key] !== saved[key])
      .map((key) => [key, values[key] === "" ? null : values[key]]),
  );

/** The server names fields `weights.cadence`; the form has one input per key. */
export function withKeyPaths(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return error;
  return new ApiError({
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    errors: error.fieldErrors.map((e) => ({ ...e, path: e.path.replace(/^weights\./, "") })),
  });
}
