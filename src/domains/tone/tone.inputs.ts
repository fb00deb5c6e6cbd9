/**
 * The fixed lists of the tone domain. Imports only zod: the browser bundles this file.
 */
import { z } from "zod";

/** What a tone score is about. */
export const toneSubjects = ["interaction", "survey_answer"] as const;
export type ToneSubject = (typeof toneSubjects)[number];

export const toneLabels = ["negative", "neutral", "positive"] as const;
export type ToneLabel = (typeof toneLabels)[number];

/** Languages the lexicon can score; the workspace picks one (Settings). */
export const toneLanguages = ["en"] as const;
export type ToneLanguage = (typeof toneLanguages)[number];

/** Scores one subject's text; payload `{ subjectType, subjectId }`, the job row's workspace. */
export const toneScoreJobName = "tone.score";

/** PUT /tone/{subjectType}/{subjectId}: a member's reading of the tone, with why. */
export const correctToneInput = z.strictObject({
  label: z.enum(toneLabels, { error: `Must be one of ${toneLabels.join(", ")}` }),
  note: z.string().trim().max(2_000).nullable().optional(),
});
export type CorrectToneInput = z.input<typeof correctToneInput>;
