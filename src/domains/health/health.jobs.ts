/**
 * health.recompute brings stored health up to date: payload `{ accountId }` for one account
 * (enqueued by every event that feeds a score: a touch logged, an answer, a tone score, a
 * contact arriving or leaving, a weight changed), `{}` for every live account of the job
 * row's workspace. One transaction under the workspace's advisory lock, so a crash rolls
 * it back and the retry redoes it. The daily cron enqueues a workspace-wide recompute per
 * workspace, which also writes the at-least-daily snapshot the trend and sparkline rely on.
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
import { healthRecomputeJobName } from "./health.inputs";
import { recomputeHealth } from "./health.queries";

const recomputePayload = z.object({ accountId: z.uuid().optional() });

function systemCtx(job: Pick<JobContext, "db" | "now">, workspaceId: string): Ctx {
  return {
    db: job.db,
    now: job.now,
    workspaceId,
    actor: { memberId: null, role: "system", via: "job" },
  };
}

export const healthRecomputeJob: JobDefinition = defineJob({
  name: healthRecomputeJobName,
  payload: recomputePayload,
  async handler(payload, job) {
    const [row] = await job.db
      .select({ workspaceId: jobs.workspaceId })
      .from(jobs)
      .where(eq(jobs.id, job.jobId));
    if (!row?.workspaceId) {
      throw new PermanentJobError("health.recompute needs the job's workspace_id");
    }
    const ctx = systemCtx(job, row.workspaceId);
    return ctx.db.transaction((tx) => recomputeHealth({ ...ctx, db: tx }, payload));
  },
});

/** Enqueues a workspace-wide health.recompute for every workspace (once per cron run). */
export const healthRecomputeAllJob: JobDefinition = defineJob({
  name: "health.recompute_all",
  payload: z.object({}),
  async handler(_payload, job) {
    const all = await job.db.select({ id: workspaces.id }).from(workspaces);
    for (const workspace of all) {
      await enqueueJob(job.db, job.now(), {
        name: healthRecomputeJobName,
        payload: {},
        workspaceId: workspace.id,
        // A retried or reclaimed run of this job enqueues nothing twice.
        uniqueKey: `health.recompute:${workspace.id}:from:${job.jobId}`,
      });
    }
    return { workspaces: all.length };
  },
});

/** Daily at 03:20 UTC, after the night's imports and before anyone's morning. */
export const healthRecomputeCron = defineCron({
  name: "health.recompute_all",
  pattern: "20 3 * * *",
  job: healthRecomputeAllJob,
});

export function createHealthJobs(): JobDefinition[] {
  return [healthRecomputeJob, healthRecomputeAllJob];
}
