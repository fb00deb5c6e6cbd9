/** Words and quiet colours for tone labels, shared by the timeline marker and its modal. */
import type { ToneLabel } from "../../../src/domains/tone/tone.inputs";

export const toneLabelWords: Record<ToneLabel, string> = {
  positive: "Positive tone",
  neutral: "Neutral tone",
  negative: "Negative tone",
};

export const toneLabelShort: Record<ToneLabel, string> = {
  positive: "Positive",
  neutral: "Neutral",
  negative: "Negative",
};

// Light badges in colours the theme made contrast-safe; red would shout about a hunch.
export const toneColors: Record<ToneLabel, string> = {
  positive: "rapport",
  neutral: "gray",
  negative: "orange",
};

const signed = new Intl.NumberFormat(undefined, {
  signDisplay: "exceptZero",
  maximumFractionDigits: 2,
  minimumFractionDigits: 2,
});

/** "+0.42": the scorer's comparative score, roughly −5 to 5. */
export const formatToneScore = (score: number) => signed.format(score);
