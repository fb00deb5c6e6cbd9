/**
 * tone.score: scores one subject's text (payload `{ subjectType, subjectId }`; the
 * workspace is the job row's workspace_id), then asks health and the alarms scan to look
 * again (inside scoreToneSubject, in the same transaction). Interactions enqueue it when a
 * touch is logged or its substance changes; surveys when an answer arrives or changes.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../../platform/http/context";
import {
  defineJob,
  type JobContext,
  type JobDefinition,
  jobs,
  PermanentJobError,
} from "../../platform/jobs";
import { toneScoreJobName, toneSubjects } from "./tone.inputs";
import { scoreToneSubject } from "./tone.queries";

/** The workspace a job row was enqueued for, as a system actor. */
export async function jobCtx(job: JobContext, name: string): Promise<Ctx> {
  const [row] = await job.db
    .select({ workspaceId: jobs.workspaceId })
    .from(jobs)
    .where(eq(jobs.id, job.jobId));
  if (!row?.workspaceId) throw new PermanentJobError(`${name} needs the job's workspace_id`);
  return {
    db: job.db,
    now: job.now,
    workspaceId: row.workspaceId,
    actor: { memberId: null, role: "system", via: "job" },
  };
}

export const toneScorePayload = z.object({
  subjectType: z.enum(toneSubjects),
  subjectId: z.uuid(),
});

export const toneScoreJob: JobDefinition = defineJob({
  name: toneScoreJobName,
  payload: toneScorePayload,
  async handler(payload, job) {
    const ctx = await jobCtx(job, toneScoreJobName);
    const { outcome, score } = await ctx.db.transaction((tx) =>
      scoreToneSubject({ ...ctx, db: tx }, payload),
    );
    return { outcome, score: score?.score ?? null, label: score?.label ?? null };
  },
});

export function createToneJobs(): JobDefinition[] {
  return [toneScoreJob];
}
