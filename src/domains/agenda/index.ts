/** The agenda domain's public face: other domains and the server import only this. */
export * from "./agenda.inputs";
export { agendaSchema } from "./agenda.present";
export { type Agenda, getAgenda } from "./agenda.queries";
export { calendarFeedSchema, createAgendaRoutes, presentCalendarFeed } from "./agenda.routes";
export { type CalendarFeed, calendarFeeds } from "./agenda.schema";
