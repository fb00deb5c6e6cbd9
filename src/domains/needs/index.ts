/** The needs domain's public face: other domains and the server import only this. */
export * from "./needs.inputs";
export { getNeed, listNeeds } from "./needs.queries";
export { createNeedRoutes, needSchema, presentNeed } from "./needs.routes";
export { type Need, needs } from "./needs.schema";
