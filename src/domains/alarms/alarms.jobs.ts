/**
 * alarms.scan (payload `{ accountId }` for one account and its segment, `{}` for the whole
 * workspace; the workspace is the job row's workspace_id) keeps the alarm tasks up to date
 * in one transaction. The tone job enqueues it per account after scoring; surveys and
 * health may too, by alarmsScanJobName. A daily cron scans every workspace, which is what
 * notices silence growing with no event at all, and catches up once after downtime.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { workspaces } from "../../platform/auth/auth.schema";
import type { Ctx } from "../../platform/http/context";
import {
  defineCron,
  defineJob,
  enqueueJob,
  type JobContext,
  type JobDefinition,
  jobs,
  PermanentJobError,
} from "../../platform/jobs";
import { alarmsScanJobName } from "./alarms.inputs";
import { scanAlarms } from "./alarms.scan";

async function workspaceCtx(job: JobContext): Promise<Ctx> {
  const [row] = await job.db
    .select({ workspaceId: jobs.workspaceId })
    .from(jobs)
    .where(eq(jobs.id, job.jobId));
  if (!row?.workspaceId)
    throw new PermanentJobError(`${alarmsScanJobName} needs the job's workspace_id`);
  return {
    db: job.db,
    now: job.now,
    workspaceId: row.workspaceId,
    actor: { memberId: null, role: "system", via: "job" },
  };
}

export const alarmsScanJob: JobDefinition = defineJob({
  name: alarmsScanJobName,
  payload: z.object({ accountId: z.uuid().optional() }),
  async handler(payload, job) {
    const ctx = await workspaceCtx(job);
    return ctx.db.transaction((tx) => scanAlarms({ ...ctx, db: tx }, payload));
  },
});

/** Enqueues a workspace-wide alarms.scan for every workspace (once per cron run). */
export const alarmsScanAllJob: JobDefinition = defineJob({
  name: "alarms.scan_all",
  payload: z.object({}),
  async handler(_payload, job) {
    const all = await job.db.select({ id: workspaces.id }).from(workspaces);
    for (const workspace of all) {
      await enqueueJob(job.db, job.now(), {
        name: alarmsScanJobName,
        payload: {},
        workspaceId: workspace.id,
        // A retried or reclaimed run of this job enqueues nothing twice.
        uniqueKey: `alarms.scan:${workspace.id}:from:${job.jobId}`,
      });
    }
    return { workspaces: all.length };
  },
});

/** Daily at 05:20 UTC: before the first morning digests in Europe, after cadence.sync. */
export const alarmsScanCron = defineCron({
  name: "alarms.scan_all",
  pattern: "20 5 * * *",
  job: alarmsScanAllJob,
});

export function createAlarmJobs(): JobDefinition[] {
  return [alarmsScanJob, alarmsScanAllJob];
}
