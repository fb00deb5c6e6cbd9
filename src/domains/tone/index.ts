/** The tone domain's public face: other domains and the server import only this. */
export * from "./tone.inputs";
export { createToneJobs, toneScoreJob } from "./tone.jobs";
export {
  correctTone,
  getTone,
  type ScoreOutcome,
  scoreToneSubject,
  type ToneSubjectRef,
  type ToneView,
} from "./tone.queries";
export { createToneRoutes, presentTone, toneSchema } from "./tone.routes";
export { type ToneScore, toneCorrections, toneScores } from "./tone.schema";
export {
  effectiveToneValue,
  hashText,
  isScorableLanguage,
  scoreText,
  toneLabelOf,
  toneScorer,
  toneThresholds,
} from "./tone.scorer";
