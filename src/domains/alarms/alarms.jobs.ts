/**
 * alarms.scan (payload `{ accountId }` for one account and its segment, `{}` for the whole
 * workspace; the workspace is the job row's workspace_id) keeps the alarm tasks up to date
 * in one transaction. The tone job enqueues it per account after scoring; surveys and
 * health may too, by alarmsScanJobName. A daily cron scans every workspace, which is what
 * notices silence growing with no event at all, and catches up once after downtime.
 */
import { z } from "zod";
import {
  defineCron,
  defineJob,
  defineWorkspaceFanOut,
  type JobDefinition,
  workspaceJobCtx,
} from "../../platform/jobs";
import { alarmsScanJobName } from "./alarms.inputs";
import { scanAlarms } from "./alarms.scan";

export const alarmsScanJob: JobDefinition = defineJob({
  name: alarmsScanJobName,
  payload: z.object({ accountId: z.uuid().optional() }),
  async handler(payload, job) {
    const ctx = workspaceJobCtx(job, alarmsScanJobName);
    return ctx.db.transaction((tx) => scanAlarms({ ...ctx, db: tx }, payload));
  },
});

/** Enqueues a workspace-wide alarms.scan for every workspace (once per cron run). */
export const alarmsScanAllJob = defineWorkspaceFanOut("alarms.scan_all", alarmsScanJobName);

/** Daily at 05:20 UTC: before the first morning digests in Europe, after cadence.sync. */
export const alarmsScanCron = defineCron({
  name: "alarms.scan_all",
  pattern: "20 5 * * *",
  job: alarmsScanAllJob,
});

export function createAlarmJobs(): JobDefinition[] {
  return [alarmsScanJob, alarmsScanAllJob];
}
