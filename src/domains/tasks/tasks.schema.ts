/**
 * Tasks: what someone must do, with who raised it. A task raised by a rule (an overdue
 * touch, a detractor's answer) carries its source and a source_ref naming the cause; the
 * partial unique index keeps at most one open task per cause, so a job that runs twice, or
 * catches up after a restart, can never create a duplicate.
 */
import { sql } from "drizzle-orm";
import {
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { members } from "../../platform/auth/auth.schema";
import { idColumn, rowMeta, timestamptz, workspaceIdColumn } from "../../platform/db/columns";
import { accounts } from "../accounts/accounts.schema";
import { taskPriorities, taskSources, taskStatuses } from "./tasks.inputs";

export const tasks = pgTable(
  "tasks",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    accountId: uuid("account_id"),
    title: text("title").notNull(),
    detail: text("detail"),
    assigneeId: uuid("assignee_id").notNull(),
    dueAt: timestamptz("due_at"),
    priority: text("priority", { enum: taskPriorities }).notNull().default("medium"),
    status: text("status", { enum: taskStatuses }).notNull().default("open"),
    dismissReason: text("dismiss_reason"),
    source: text("source", { enum: taskSources }).notNull().default("manual"),
    /** What raised it, e.g. `cadence:<accountId>:<ruleId>` or `interaction:<id>`. */
    sourceRef: text("source_ref"),
    /** The member who created it; null when a rule or job raised it. */
    createdById: uuid("created_by_id"),
    closedAt: timestamptz("closed_at"),
    ...rowMeta(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.assigneeId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    uniqueIndex("tasks_open_cause_key")
      .on(t.workspaceId, t.source, t.sourceRef)
      .where(sql`${t.status} = 'open' and ${t.sourceRef} is not null`),
    index("tasks_assignee_idx").on(t.workspaceId, t.assigneeId, t.status, t.dueAt),
    index("tasks_account_idx").on(t.workspaceId, t.accountId, t.status),
    index("tasks_status_due_idx").on(t.workspaceId, t.status, t.dueAt),
  ],
);

export type Task = typeof tasks.$inferSelect;
export type NewTask = typeof tasks.$inferInsert;
