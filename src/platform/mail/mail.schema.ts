/**
 * The outbox: every message is written here in the same transaction as the event that
 * causes it, then delivered by a job. Without SMTP it waits here, visible in Settings.
 */
import { index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { idColumn, rowMeta, timestamptz, workspaceIdColumn } from "../db/columns";

export const outboxStatuses = ["pending", "sent", "failed"] as const;

export const outboxMessages = pgTable(
  "outbox_messages",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    /** What caused the message, e.g. "invitation". */
    kind: text("kind").notNull(),
    status: text("status", { enum: outboxStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: timestamptz("sent_at"),
    createdBy: uuid("created_by"),
    ...rowMeta(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("outbox_status_idx").on(t.workspaceId, t.status, t.id),
  ],
);

export type OutboxMessage = typeof outboxMessages.$inferSelect;
