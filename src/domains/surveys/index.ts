/** The surveys domain's public face: other domains and the server import only this. */
export { type LinkState, listAnswers, type SurveyAnswerSummary } from "./surveys.answers.list";
export * from "./surveys.inputs";
export { createSurveyPublicRoutes } from "./surveys.public.routes";
export { answerPath, statusOf } from "./surveys.requests";
export { getSurveyResults, type SurveyResults } from "./surveys.results";
export {
  createSurveyRoutes,
  presentSurveyRequest,
  surveyRequestSchema,
  surveyResultsSchema,
  surveySettingsSchema,
} from "./surveys.routes";
export {
  type SurveyAnswer,
  type SurveyRequest,
  type SurveySettings,
  surveyAnswers,
  surveyRequests,
  surveySettings,
} from "./surveys.schema";
export {
  isDetractor,
  type NpsCategory,
  netPromoterScore,
  normaliseScore,
  npsCategoryOf,
} from "./surveys.scores";
export { getSurveySettings } from "./surveys.settings";
