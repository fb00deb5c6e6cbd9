/** The cadence domain's public face: other domains and the server import only this. */
export * from "./cadence.inputs";
export {
  cadenceSyncCron,
  cadenceSyncJob,
  createCadenceJobs,
  syncCadenceTasks,
} from "./cadence.jobs";
export { createCadenceRoutes, presentCadenceState } from "./cadence.routes";
export { ensureDefaultCadenceRules, getCadenceRule } from "./cadence.rules";
export { type CadenceRule, cadenceRules } from "./cadence.schema";
export { type CadenceStateFilter, type CadenceStateRow, listCadenceStates } from "./cadence.states";
