/**
 * What a score means, in one place: NPS categories, detractors, and scores on one 0-100
 * scale so the health engine can weigh an NPS and a CSAT together.
 */
import type { SurveyKind } from "./surveys.inputs";

export type NpsCategory = "promoter" | "passive" | "detractor";

/** Promoters 9-10, passives 7-8, detractors 0-6. */
export function npsCategoryOf(score: number): NpsCategory {
  if (score >= 9) return "promoter";
  if (score >= 7) return "passive";
  return "detractor";
}

/** An unhappy client who needs a call: NPS 0-6 or CSAT 1-2 (check-ins raise no alarm). */
export function isDetractor(kind: SurveyKind, score: number | null): boolean {
  if (score === null) return false;
  if (kind === "nps") return score <= 6;
  if (kind === "csat") return score <= 2;
  return false;
}

/** A score on 0-100: NPS 0-10 → ×10; CSAT and check-in 1-5 → (s−1)×25. Null stays null. */
export function normaliseScore(kind: SurveyKind, score: number | null): number | null {
  if (score === null) return null;
  return kind === "nps" ? score * 10 : (score - 1) * 25;
}

/** NPS of a set of 0-10 scores: % promoters − % detractors, rounded; null for none. */
export function netPromoterScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return Math.round(((promoters - detractors) * 100) / scores.length);
}
