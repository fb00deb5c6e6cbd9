/**
 * Scoring a text's tone with the `sentiment` library (AFINN-165 word list): pure, so the
 * job, the tests and the benchmarks share it. The score is the library's comparative score
 * (sum of word scores / number of words); the label is read off it.
 *
 * Thresholds ±0.1: business notes are long and mostly neutral words, so one mild word
 * ("Agreed to send the proposal", +1 over 12 words = +0.08) must stay neutral, while a
 * summary with a few clearly charged words ("unhappy about the delays", −0.4) is not.
 */
import { createHash } from "node:crypto";
import Sentiment from "sentiment";
import { type ToneLabel, type ToneLanguage, toneLanguages } from "./tone.inputs";

export const toneScorer = "sentiment@5.0.2/AFINN-165";

/** A comparative score at or below this is negative, at or above `positiveFrom` positive. */
export const toneThresholds = { negativeAt: -0.1, positiveFrom: 0.1 } as const;

const analyser = new Sentiment();

export type ToneResult = { score: number; label: ToneLabel; language: ToneLanguage };

export function toneLabelOf(score: number): ToneLabel {
  if (score <= toneThresholds.negativeAt) return "negative";
  if (score >= toneThresholds.positiveFrom) return "positive";
  return "neutral";
}

/** Whether a workspace language has a lexicon; others are not scored at all. */
export function isScorableLanguage(language: string): language is ToneLanguage {
  return (toneLanguages as readonly string[]).includes(language);
}

/** The tone of a text in a language that has a lexicon. */
export function scoreText(text: string, language: ToneLanguage): ToneResult {
  const { comparative } = analyser.analyze(text, { language });
  // Rounded so a stored score reads the same on every platform and in every report.
  const score = Math.round(comparative * 10_000) / 10_000;
  return { score, label: toneLabelOf(score), language };
}

/** The text's version: an unchanged text has the same hash and is not scored again. */
export function hashText(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * The value trends use: the score, unless a member corrected the label to one the score
 * does not fall in; then the middle of the corrected band, so "this was not negative"
 * stops the touch pulling the tone trend down.
 */
export function effectiveToneValue(score: number, correctedLabel: ToneLabel | null): number {
  if (!correctedLabel || toneLabelOf(score) === correctedLabel) return score;
  if (correctedLabel === "positive") return 0.25;
  if (correctedLabel === "negative") return -0.25;
  return 0;
}
