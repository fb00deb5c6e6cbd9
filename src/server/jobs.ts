/**
 * Every job this instance can run, with the crons that enqueue them. Domains add their
 * definitions and crons here; the benchmark uses it to run a generated firm's queue dry.
 */
import { createDigestJobs } from "../domains/agenda";
import { alarmsScanCron, createAlarmJobs } from "../domains/alarms";
import { cadenceSyncCron, createCadenceJobs } from "../domains/cadence";
import { createHealthJobs, healthRecomputeCron } from "../domains/health";
import { createImportJobs } from "../domains/imports";
import { createToneJobs } from "../domains/tone";
import type { Config } from "../platform/config";
import {
  createJobRegistry,
  embeddedMaintenanceCrons,
  housekeepingCron,
  type JobRegistry,
} from "../platform/jobs";
import { createMailJobs } from "../platform/mail/mail.jobs";

export function buildJobRegistry(config: Config): JobRegistry {
  const digest = createDigestJobs({ publicUrl: config.publicUrl });
  const registry = createJobRegistry([
    ...createMailJobs({ smtpUrl: config.smtpUrl, from: config.smtpFrom }),
    ...createImportJobs(),
    ...createCadenceJobs(),
    ...createHealthJobs(),
    ...createToneJobs(),
    ...createAlarmJobs(),
    ...digest.jobs,
  ]).schedule(housekeepingCron, cadenceSyncCron, healthRecomputeCron, alarmsScanCron, digest.cron);
  // PGlite has no autovacuum: the app analyzes and vacuums it (platform/jobs/maintenance.ts).
  if (!config.databaseUrl) registry.schedule(...embeddedMaintenanceCrons);
  return registry;
}
