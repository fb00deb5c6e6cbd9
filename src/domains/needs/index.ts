/** The needs domain's public face: other domains and the server import only this. */
export * from "./needs.inputs";
export { type Need, needs } from "./needs.schema";
