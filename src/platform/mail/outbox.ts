/**
 * queueMail writes a message to the outbox and a delivery job, both in the caller's
 * transaction: if the event that causes the mail rolls back, so does the mail.
 */
import type { Ctx } from "../http/context";
import { enqueueJob } from "../jobs/queue";
import { outboxMessages } from "./mail.schema";

export const DELIVER_MAIL_JOB = "mail.deliver";

export type MailInput = { to: string; subject: string; text: string; html?: string; kind: string };

export async function queueMail(ctx: Ctx, mail: MailInput): Promise<string> {
  const now = ctx.now();
  const [row] = await ctx.db
    .insert(outboxMessages)
    .values({
      workspaceId: ctx.workspaceId,
      toAddress: mail.to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html ?? null,
      kind: mail.kind,
      createdBy: ctx.actor.memberId,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: outboxMessages.id });
  if (!row) throw new Error("outbox insert returned nothing");
  await enqueueJob(ctx.db, now, {
    name: DELIVER_MAIL_JOB,
    workspaceId: ctx.workspaceId,
    payload: { workspaceId: ctx.workspaceId, messageId: row.id },
    uniqueKey: `mail:${row.id}`,
  });
  return row.id;
}
