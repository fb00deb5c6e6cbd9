/**
 * The jobs platform's public face: define jobs and crons, register them, enqueue work
 * (inside the caller's transaction) and run it. Domains import from here only.
 */
export {
  type CronDefinition,
  defineCron,
  type EnqueuedCronRun,
  enqueueDueCronJobs,
  findLatestScheduleTime,
} from "./cron";
export { housekeepingCron, removeExpiredRecords } from "./housekeeping";
export { cronSchedules, type Job, type JobStatus, jobStatuses, jobs } from "./jobs.schema";
export {
  analyzeJob,
  embeddedMaintenanceCrons,
  requestAnalyze,
  vacuumJob,
} from "./maintenance";
export { type EnqueueOptions, enqueueJob } from "./queue";
export {
  createJobRegistry,
  defineJob,
  enqueueDefinedJob,
  exponentialBackoff,
  type JobContext,
  type JobDefinition,
  type JobProgress,
  type JobRegistry,
  PermanentJobError,
} from "./registry";
export { createJobRunner, type JobRunner, type JobRunnerOptions } from "./runner";
export { defineWorkspaceFanOut, refreshJob, workspaceJobCtx } from "./workspace-jobs";
