/**
 * The import job: applies one uploaded file (see imports.run.ts). Registered by the server
 * at start-up; the upload route enqueues it in the transaction that stores the file, so a
 * restart loses nothing. A retry runs the whole import again from the stored file.
 */
import { z } from "zod";
import {
  defineJob,
  exponentialBackoff,
  type JobDefinition,
  PermanentJobError,
} from "../../platform/jobs";
import { IMPORT_JOB, IMPORT_MAX_ATTEMPTS } from "./imports.queries";
import { runImport } from "./imports.run";

const importPayload = z.object({ workspaceId: z.uuid(), importId: z.uuid() });

export function createImportJobs(): JobDefinition[] {
  const runImportJob = defineJob({
    name: IMPORT_JOB,
    payload: importPayload,
    maxAttempts: IMPORT_MAX_ATTEMPTS,
    backoff: exponentialBackoff({ baseMs: 10_000, capMs: 5 * 60_000 }),
    async handler({ workspaceId, importId }, job) {
      const outcome = await runImport({
        db: job.db,
        now: job.now,
        workspaceId,
        importId,
        attempt: job.attempt,
        maxAttempts: job.maxAttempts,
        reportProgress: job.reportProgress,
      });
      if (outcome.retry) throw outcome.retry;
      // The import row says why it failed; the job fails with it, without retrying.
      if (outcome.status === "failed") throw new PermanentJobError(`Import ${importId} failed`);
      return outcome;
    },
  });
  return [runImportJob];
}
