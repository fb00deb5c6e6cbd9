/** The search domain's public face: other domains and the server import only this. */
export * from "./search.inputs";
export { type SearchHit, searchRecords } from "./search.queries";
export { createSearchRoutes, presentSearchHit, searchResultSchema } from "./search.routes";
