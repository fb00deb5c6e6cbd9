/**
 * Jobs that act in one workspace: the workspace is the job row's workspace_id (the runner
 * hands it over as `job.workspaceId`) and the actor is the system. And the fan-out that a
 * daily or hourly cron runs: one workspace-wide run of a job per workspace, enqueued at
 * most once per run of the fan-out itself (a retry or a reclaim enqueues nothing twice).
 */
import { z } from "zod";
import { workspaces } from "../auth/auth.schema";
import type { Ctx } from "../http/context";
import { type EnqueueOptions, enqueueJob } from "./queue";
import { defineJob, type JobContext, type JobDefinition, PermanentJobError } from "./registry";

/** The system's context in the workspace the job was enqueued for. */
export function workspaceJobCtx(job: JobContext, jobName: string): Ctx {
  if (!job.workspaceId) throw new PermanentJobError(`${jobName} needs the job's workspace_id`);
  return {
    db: job.db,
    now: job.now,
    workspaceId: job.workspaceId,
    actor: { memberId: null, role: "system", via: "job" },
  };
}

/**
 * A request to bring derived data (a score, tasks, a tone) up to date for one record or a
 * whole workspace. The job reads the current state when it runs, so while one such request
 * is still queued another adds nothing: the key coalesces a burst of events into one run.
 */
export function refreshJob(
  name: string,
  workspaceId: string,
  payload: Record<string, string> = {},
): EnqueueOptions {
  const scope = Object.entries(payload)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  return { name, workspaceId, payload, coalesceKey: `${name}:${workspaceId}:${scope}` };
}

/** A job (`name`) that enqueues `target` with payload `{}` for every workspace. */
export function defineWorkspaceFanOut(name: string, target: string): JobDefinition {
  return defineJob({
    name,
    payload: z.object({}),
    async handler(_payload, job) {
      const all = await job.db.select({ id: workspaces.id }).from(workspaces);
      for (const workspace of all) {
        await enqueueJob(job.db, job.now(), {
          name: target,
          payload: {},
          workspaceId: workspace.id,
          uniqueKey: `${target}:${workspace.id}:from:${job.jobId}`,
        });
      }
      return { workspaces: all.length };
    },
  });
}
