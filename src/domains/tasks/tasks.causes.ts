/**
 * Tasks raised and closed by rules (an overdue touch, a detractor's answer). A cause is
 * (source, sourceRef); the partial unique index tasks_open_cause_key keeps at most one open
 * task per cause, so raising is an insert that does nothing on conflict: a job that runs
 * twice, concurrently, or again after a crash never makes a duplicate.
 */
import { and, eq, like, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/audit.queries";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import type { TaskPriority, TaskSource } from "./tasks.inputs";
import { openTaskOfCauseWhere, recomputeHealthOnAlarm, writeTask } from "./tasks.queries";
import { type Task, tasks } from "./tasks.schema";

export type TaskCause = {
  source: Exclude<TaskSource, "manual">;
  sourceRef: string;
  title: string;
  detail?: string | null;
  accountId?: string | null;
  assigneeId: string;
  dueAt?: Date | null;
  priority?: TaskPriority;
};

/**
 * The open task for this cause: the existing one if there is one (left as it is), else a
 * new one. `created` says which.
 */
export async function openTaskForCause(
  ctx: Ctx,
  cause: TaskCause,
): Promise<{ task: Task; created: boolean }> {
  const existing = await findOpenTask(ctx, cause.source, cause.sourceRef);
  if (existing) return { task: existing, created: false };
  const now = ctx.now();
  const [inserted] = await ctx.db
    .insert(tasks)
    .values({
      workspaceId: ctx.workspaceId,
      title: cause.title,
      detail: cause.detail ?? null,
      accountId: cause.accountId ?? null,
      assigneeId: cause.assigneeId,
      dueAt: cause.dueAt ?? null,
      priority: cause.priority ?? "medium",
      source: cause.source,
      sourceRef: cause.sourceRef,
      createdById: ctx.actor.memberId,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({
      target: [tasks.workspaceId, tasks.source, tasks.sourceRef],
      where: sql`${tasks.status} = 'open' and ${tasks.sourceRef} is not null`,
    })
    .returning();
  if (inserted) {
    await recordAudit(ctx, {
      action: "task.created",
      entityType: "task",
      entityId: inserted.id,
      after: inserted,
    });
    await recomputeHealthOnAlarm(ctx, inserted);
    return { task: inserted, created: true };
  }
  // Someone else raised it between our look and our insert: theirs is the one.
  const raced = await findOpenTask(ctx, cause.source, cause.sourceRef);
  if (!raced) throw new AppError("CONFLICT", "The task for this cause changed meanwhile; retry.");
  return { task: raced, created: false };
}

/** Closes every open task of this cause (there is at most one); returns those it closed. */
export async function closeTasksForCause(
  ctx: Ctx,
  input: { source: TaskSource; sourceRef: string; status: "done" | "dismissed"; reason: string },
): Promise<Task[]> {
  const open = await ctx.db
    .select()
    .from(tasks)
    .where(openTaskOfCauseWhere(ctx, input.source, input.sourceRef))
    .for("update");
  const closed: Task[] = [];
  for (const before of open) {
    const now = ctx.now();
    const columns = {
      status: input.status,
      dismissReason: input.reason,
      closedAt: now,
      updatedAt: now,
    };
    const action = input.status === "done" ? "task.completed" : "task.dismissed";
    closed.push(await writeTask(ctx, before, columns, action));
  }
  return closed;
}

/** The sourceRefs of open tasks of a source whose ref starts with the prefix. */
export async function openCauseRefs(
  ctx: Ctx,
  source: TaskSource,
  refPrefix: string,
): Promise<string[]> {
  const escaped = refPrefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await ctx.db
    .select({ sourceRef: tasks.sourceRef })
    .from(tasks)
    .where(
      and(
        eq(tasks.workspaceId, ctx.workspaceId),
        eq(tasks.source, source),
        eq(tasks.status, "open"),
        like(tasks.sourceRef, `${escaped}%`),
      ),
    );
  return rows.flatMap((row) => (row.sourceRef ? [row.sourceRef] : []));
}

async function findOpenTask(ctx: Ctx, source: TaskSource, sourceRef: string) {
  const [row] = await ctx.db
    .select()
    .from(tasks)
    .where(openTaskOfCauseWhere(ctx, source, sourceRef));
  return row;
}
