/** The agenda domain's public face: other domains and the server import only this. */
export * from "./agenda.inputs";
export {
  composeDigest,
  createDigestJobs,
  type DigestOutcome,
  sendDailyDigest,
} from "./agenda.preferences.digest";
export * from "./agenda.preferences.inputs";
export { getMyPreferences, updateMyPreferences } from "./agenda.preferences.queries";
export { createPreferencesRoutes, preferencesSchema } from "./agenda.preferences.routes";
export { agendaSchema } from "./agenda.present";
export { type Agenda, getAgenda } from "./agenda.queries";
export { calendarFeedSchema, createAgendaRoutes, presentCalendarFeed } from "./agenda.routes";
export { type CalendarFeed, calendarFeeds } from "./agenda.schema";
