/**
 * Delivering the outbox. The mail.deliver job sends one outbox message and records the
 * outcome on its row (attempts, last_error, sent_at), so Settings shows what happened.
 * Without SMTP_URL the message simply stays pending: nothing is lost, and
 * requeuePendingMail sends it once the app starts with SMTP configured.
 */
import { and, eq, inArray, notExists, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { jobs } from "../jobs/jobs.schema";
import { enqueueJob } from "../jobs/queue";
import {
  defineJob,
  exponentialBackoff,
  type JobDefinition,
  PermanentJobError,
} from "../jobs/registry";
import { outboxMessages } from "./mail.schema";
import { DELIVER_MAIL_JOB } from "./outbox";
import { createMailTransport, type MailTransport } from "./transport";

/** Thirty seconds doubling to an hour: about four hours of outage before a message fails. */
export const MAIL_MAX_ATTEMPTS = 10;

const deliverMailPayload = z.object({ workspaceId: z.uuid(), messageId: z.uuid() });

export type MailJobsOptions = {
  /** config.smtpUrl; undefined keeps messages pending in the outbox. */
  smtpUrl: string | undefined;
  /** config.smtpFrom */
  from: string;
};

export function createMailJobs(options: MailJobsOptions): JobDefinition[] {
  let transport: MailTransport | undefined;
  const deliverMail = defineJob({
    name: DELIVER_MAIL_JOB,
    payload: deliverMailPayload,
    maxAttempts: MAIL_MAX_ATTEMPTS,
    backoff: exponentialBackoff({ baseMs: 30_000, capMs: 60 * 60_000 }),
    async handler({ workspaceId, messageId }, job) {
      const byId = and(
        eq(outboxMessages.workspaceId, workspaceId),
        eq(outboxMessages.id, messageId),
      );
      const [message] = await job.db.select().from(outboxMessages).where(byId);
      if (!message) throw new PermanentJobError(`Outbox message ${messageId} does not exist`);
      // Jobs run at least once: a second delivery job for a sent message must not resend it.
      if (message.status !== "pending") return { delivered: false, status: message.status };
      if (!options.smtpUrl)
        return { delivered: false, status: "pending", reason: "SMTP_URL is not set" };

      transport ??= createMailTransport(options.smtpUrl);
      try {
        const sent = await transport.send({
          from: options.from,
          to: message.toAddress,
          subject: message.subject,
          text: message.textBody,
          html: message.htmlBody ?? undefined,
        });
        const at = job.now();
        await job.db
          .update(outboxMessages)
          .set({
            status: "sent",
            sentAt: at,
            attempts: sql`${outboxMessages.attempts} + 1`,
            lastError: null,
            updatedAt: at,
            version: sql`${outboxMessages.version} + 1`,
          })
          .where(byId);
        return { delivered: true, smtpMessageId: sent.messageId };
      } catch (error) {
        const permanent = isRejectedRecipient(error);
        const lastAttempt = permanent || job.attempt >= job.maxAttempts;
        const reason = error instanceof Error ? error.message : String(error);
        const at = job.now();
        await job.db
          .update(outboxMessages)
          .set({
            status: lastAttempt ? "failed" : "pending",
            attempts: sql`${outboxMessages.attempts} + 1`,
            lastError: reason,
            updatedAt: at,
            version: sql`${outboxMessages.version} + 1`,
          })
          .where(byId);
        throw permanent ? new PermanentJobError(reason) : error;
      }
    },
  });
  return [deliverMail];
}

/** A 5xx reply to the envelope (no such mailbox) will be the same on every retry. */
function isRejectedRecipient(error: unknown): boolean {
  const smtp = error as { code?: string; responseCode?: number } | undefined;
  return smtp?.code === "EENVELOPE" && (smtp.responseCode ?? 0) >= 500;
}

/**
 * Enqueues delivery for every pending message that has no delivery job waiting or running
 * (call at start-up when SMTP is configured). The unique key names the message and how
 * many attempts it has had, so calling this again before anything changed adds nothing.
 */
export async function requeuePendingMail(db: Db, now: Date): Promise<number> {
  const activeDelivery = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.name, DELIVER_MAIL_JOB),
        inArray(jobs.status, ["queued", "running"]),
        sql`${jobs.payload}->>'messageId' = ${outboxMessages.id}::text`,
      ),
    );
  const pending = await db
    .select({
      workspaceId: outboxMessages.workspaceId,
      id: outboxMessages.id,
      attempts: outboxMessages.attempts,
    })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.status, "pending"), notExists(activeDelivery)));
  let enqueued = 0;
  for (const message of pending) {
    const jobId = await enqueueJob(db, now, {
      name: DELIVER_MAIL_JOB,
      workspaceId: message.workspaceId,
      payload: { workspaceId: message.workspaceId, messageId: message.id },
      maxAttempts: MAIL_MAX_ATTEMPTS,
      uniqueKey: `mail:${message.id}:round:${message.attempts}`,
    });
    if (jobId) enqueued += 1;
  }
  return enqueued;
}
