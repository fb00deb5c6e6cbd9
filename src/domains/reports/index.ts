/** The reports domain's public face: other domains and the server import only this. */

export { type ActivityReport, getActivityReport } from "./reports.activity";
export * from "./reports.inputs";
export { activityReportSchema, createReportRoutes } from "./reports.routes";
