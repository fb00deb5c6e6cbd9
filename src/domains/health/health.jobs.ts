/**
 * health.recompute brings stored health up to date: payload `{ accountId }` for one account
 * (enqueued by every event that feeds a score: a touch logged, an answer, a tone score, a
 * contact arriving or leaving, a weight changed), `{}` for every live account of the job
 * row's workspace. One transaction under the workspace's advisory lock, so a crash rolls
 * it back and the retry redoes it. The daily cron enqueues a workspace-wide recompute per
 * workspace, which also writes the at-least-daily snapshot the trend and sparkline rely on.
 */
import { z } from "zod";
import {
  defineCron,
  defineJob,
  defineWorkspaceFanOut,
  type JobDefinition,
  workspaceJobCtx,
} from "../../platform/jobs";
import { healthRecomputeJobName } from "./health.inputs";
import { recomputeHealth } from "./health.queries";

const recomputePayload = z.object({ accountId: z.uuid().optional() });

export const healthRecomputeJob: JobDefinition = defineJob({
  name: healthRecomputeJobName,
  payload: recomputePayload,
  async handler(payload, job) {
    const ctx = workspaceJobCtx(job, healthRecomputeJobName);
    return ctx.db.transaction((tx) => recomputeHealth({ ...ctx, db: tx }, payload));
  },
});

/** Enqueues a workspace-wide health.recompute for every workspace (once per cron run). */
export const healthRecomputeAllJob = defineWorkspaceFanOut(
  "health.recompute_all",
  healthRecomputeJobName,
);

/** Daily at 03:20 UTC, after the night's imports and before anyone's morning. */
export const healthRecomputeCron = defineCron({
  name: "health.recompute_all",
  pattern: "20 3 * * *",
  job: healthRecomputeAllJob,
});

export function createHealthJobs(): JobDefinition[] {
  return [healthRecomputeJob, healthRecomputeAllJob];
}
