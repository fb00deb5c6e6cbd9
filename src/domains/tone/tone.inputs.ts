/**
 * The fixed lists of the tone domain. Imports only zod: the browser bundles this file.
 */
/** What a tone score is about. */
export const toneSubjects = ["interaction", "survey_answer"] as const;
export type ToneSubject = (typeof toneSubjects)[number];

export const toneLabels = ["negative", "neutral", "positive"] as const;
export type ToneLabel = (typeof toneLabels)[number];

/** Languages the lexicon can score; the workspace picks one (Settings). */
export const toneLanguages = ["en"] as const;
export type ToneLanguage = (typeof toneLanguages)[number];
