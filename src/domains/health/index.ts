/** The health domain's public face: other domains and the server import only this. */
export {
  computeHealth,
  type HealthInputs,
  type HealthResult,
  needsSnapshot,
  trendOf,
} from "./health.components";
export { buildHealthInputs } from "./health.factory";
export { gatherHealthInputs, type HealthScope } from "./health.gather";
export * from "./health.inputs";
export { createHealthJobs, healthRecomputeCron, healthRecomputeJob } from "./health.jobs";
export { listPortfolio, summarisePortfolio } from "./health.portfolio";
export {
  getAccountHealth,
  getHealthSettings,
  recomputeHealth,
  updateHealthSettings,
} from "./health.queries";
export { accountHealthSchema, createHealthRoutes, presentAccountHealth } from "./health.routes";
export {
  type AccountHealth,
  accountHealth,
  healthSettings,
  healthSnapshots,
} from "./health.schema";
