/**
 * tone.score: scores one subject's text (payload `{ subjectType, subjectId }`; the
 * workspace is the job row's workspace_id), then asks health and the alarms scan to look
 * again (inside scoreToneSubject, in the same transaction). Interactions enqueue it when a
 * touch is logged or its substance changes; surveys when an answer arrives or changes.
 */
import { z } from "zod";
import { defineJob, type JobDefinition, workspaceJobCtx } from "../../platform/jobs";
import { toneScoreJobName, toneSubjects } from "./tone.inputs";
import { scoreToneSubject } from "./tone.queries";

export const toneScorePayload = z.object({
  subjectType: z.enum(toneSubjects),
  subjectId: z.uuid(),
});

export const toneScoreJob: JobDefinition = defineJob({
  name: toneScoreJobName,
  payload: toneScorePayload,
  async handler(payload, job) {
    const ctx = workspaceJobCtx(job, toneScoreJobName);
    const { outcome, score } = await ctx.db.transaction((tx) =>
      scoreToneSubject({ ...ctx, db: tx }, payload),
    );
    return { outcome, score: score?.score ?? null, label: score?.label ?? null };
  },
});

export function createToneJobs(): JobDefinition[] {
  return [toneScoreJob];
}
