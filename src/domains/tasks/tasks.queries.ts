/**
 * Tasks: list, read, create, change, and move through open → done / dismissed → open.
 * Rules live here: the assignee is an active member, the account is this workspace's,
 * a plain due day means the start of that day in the workspace's zone, and every change
 * is audited in the caller's transaction. Rule-raised tasks go through tasks.causes.ts.
 */
import { and, asc, eq, lt, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../../platform/audit/audit.queries";
import { members } from "../../platform/auth/auth.schema";
import { assertVersion } from "../../platform/http/concurrency";
import type { Ctx } from "../../platform/http/context";
import { AppError, notFound } from "../../platform/http/errors";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { enqueueJob, refreshJob } from "../../platform/jobs";
import { startOfDay } from "../../platform/time/zoned";
import { type AccountPeople, accounts, teamMemberIdsOf } from "../accounts";
import { healthRecomputeJobName } from "../health/health.inputs";
import { getWorkspaceTimeZone } from "../workspaces";
import type { changeTaskInput, TaskPriority, TaskSource, taskFilterInput } from "./tasks.inputs";
import { assertMayChangeTask, assertMayCreateTask } from "./tasks.policies";
import { type NewTask, type Task, tasks } from "./tasks.schema";

export type NewTaskInput = {
  title: string;
  detail?: string | null;
  accountId?: string | null;
  assigneeId: string;
  /** A Date, or from the API an ISO date-time or a plain day (YYYY-MM-DD). */
  dueAt?: Date | string | null;
  priority?: TaskPriority;
  source?: TaskSource;
  sourceRef?: string | null;
};
export type TaskChange = z.output<typeof changeTaskInput>;
export type TaskFilter = z.output<typeof taskFilterInput> & { limit: number; cursor?: string };

// ---------------------------------------------------------------------------------------------
// Reading

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cursor is [dueAt ISO or "" for none, id]: the list is due date (nulls last), then id. */
function keysetAfter(values: (string | number)[]): SQL {
  const [due, id] = values;
  const validDue = due === "" || (typeof due === "string" && !Number.isNaN(Date.parse(due)));
  if (!validDue || typeof id !== "string" || !UUID.test(id)) {
    throw new AppError("VALIDATION_FAILED", "The cursor is not valid.", {
      errors: [{ path: "cursor", message: "Not a cursor this list gave out" }],
    });
  }
  if (due === "") return sql`(${tasks.dueAt} is null and ${tasks.id} > ${id}::uuid)`;
  const at = new Date(due).toISOString();
  return sql`(${tasks.dueAt} is null or (${tasks.dueAt}, ${tasks.id}) > (${at}::timestamptz, ${id}::uuid))`;
}

/** Every task of the workspace matching the filter, due soonest first (no due date last). */
export async function listTasks(ctx: Ctx, filter: TaskFilter) {
  const after = decodeCursor(filter.cursor, 2);
  const assigneeId = filter.assigneeId === "me" ? ctx.actor.memberId : filter.assigneeId;
  if (filter.assigneeId === "me" && !assigneeId) {
    throw new AppError("VALIDATION_FAILED", "assigneeId: `me` needs a signed-in member", {
      errors: [{ path: "assigneeId", message: "`me` needs a signed-in member" }],
    });
  }
  const dueBefore = filter.dueBefore ? await toInstant(ctx, filter.dueBefore) : undefined;
  const conditions: (SQL | undefined)[] = [
    eq(tasks.workspaceId, ctx.workspaceId),
    filter.accountId ? eq(tasks.accountId, filter.accountId) : undefined,
    assigneeId ? eq(tasks.assigneeId, assigneeId) : undefined,
    filter.status ? eq(tasks.status, filter.status) : undefined,
    filter.source ? eq(tasks.source, filter.source) : undefined,
    dueBefore ? lt(tasks.dueAt, dueBefore) : undefined,
    after ? keysetAfter(after) : undefined,
  ];
  const rows = await ctx.db
    .select()
    .from(tasks)
    .where(and(...conditions))
    .orderBy(sql`${tasks.dueAt} asc nulls last`, asc(tasks.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit, (t) => [t.dueAt?.toISOString() ?? "", t.id]);
}

export async function getTask(
  ctx: Ctx,
  taskId: string,
  options: { forUpdate?: boolean } = {},
): Promise<Task> {
  const query = ctx.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.workspaceId, ctx.workspaceId), eq(tasks.id, taskId)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("task");
  return row;
}

// ---------------------------------------------------------------------------------------------
// Rules

function fieldError(path: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", `${path}: ${message}`, {
    errors: [{ path, message }],
  });
}

/** A plain day is the start of that day where the firm is. */
async function toInstant(ctx: Ctx, due: Date | string): Promise<Date> {
  if (due instanceof Date) return due;
  if (/^\d{4}-\d{2}-\d{2}$/.test(due)) return startOfDay(due, await getWorkspaceTimeZone(ctx));
  return new Date(due);
}

/** Only an active member of this workspace can be given a task. */
async function assertAssignable(ctx: Ctx, memberId: string): Promise<void> {
  const [member] = await ctx.db
    .select({ status: members.status, archivedAt: members.archivedAt })
    .from(members)
    .where(and(eq(members.workspaceId, ctx.workspaceId), eq(members.id, memberId)));
  if (!member) throw fieldError("assigneeId", "No such member in this workspace");
  if (member.status !== "active" || member.archivedAt) {
    throw fieldError("assigneeId", "Only an active member can be given a task");
  }
}

/** As for affiliations: a body's reference to another workspace's account is a 400. */
async function assertTaskAccount(ctx: Ctx, accountId: string): Promise<void> {
  const [account] = await ctx.db
    .select({ archivedAt: accounts.archivedAt })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.workspaceId), eq(accounts.id, accountId)));
  if (!account) throw fieldError("accountId", "No such account in this workspace");
  if (account.archivedAt) throw fieldError("accountId", "The account is archived");
}

/** Who the task concerns, for the policies. */
export async function peopleOf(ctx: Ctx, task: Task) {
  let account: AccountPeople | null = null;
  if (task.accountId) {
    const [row] = await ctx.db
      .select({ ownerId: accounts.ownerId })
      .from(accounts)
      .where(and(eq(accounts.workspaceId, ctx.workspaceId), eq(accounts.id, task.accountId)));
    if (row) {
      account = { ownerId: row.ownerId, teamMemberIds: await teamMemberIdsOf(ctx, task.accountId) };
    }
  }
  return { assigneeId: task.assigneeId, createdById: task.createdById, account };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Creates a task (any source); the assignee must be active, the account this workspace's. */
export async function createTask(ctx: Ctx, input: NewTaskInput): Promise<Task> {
  assertMayCreateTask(ctx.actor);
  if (input.accountId) await assertTaskAccount(ctx, input.accountId);
  await assertAssignable(ctx, input.assigneeId);
  const now = ctx.now();
  const [task] = await ctx.db
    .insert(tasks)
    .values({
      workspaceId: ctx.workspaceId,
      title: input.title,
      detail: input.detail ?? null,
      accountId: input.accountId ?? null,
      assigneeId: input.assigneeId,
      dueAt: input.dueAt ? await toInstant(ctx, input.dueAt) : null,
      priority: input.priority ?? "medium",
      source: input.source ?? "manual",
      sourceRef: input.sourceRef ?? null,
      createdById: ctx.actor.memberId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!task) throw new Error("task insert returned nothing");
  await recordAudit(ctx, {
    action: "task.created",
    entityType: "task",
    entityId: task.id,
    after: task,
  });
  return task;
}

/** Locks the task, then checks who asks and the version. */
async function beginTaskWrite(ctx: Ctx, taskId: string, expectedVersion: number | undefined) {
  const before = await getTask(ctx, taskId, { forUpdate: true });
  assertMayChangeTask(ctx.actor, await peopleOf(ctx, before));
  if (expectedVersion !== undefined) assertVersion(expectedVersion, before.version);
  return before;
}

export async function updateTask(
  ctx: Ctx,
  taskId: string,
  expectedVersion: number,
  change: TaskChange,
): Promise<Task> {
  const before = await beginTaskWrite(ctx, taskId, expectedVersion);
  if (change.accountId) await assertTaskAccount(ctx, change.accountId);
  if (change.assigneeId) await assertAssignable(ctx, change.assigneeId);
  const { dueAt, ...rest } = change;
  const columns: Partial<NewTask> = { ...rest, updatedAt: ctx.now() };
  if (dueAt !== undefined) columns.dueAt = dueAt === null ? null : await toInstant(ctx, dueAt);
  return writeTask(ctx, before, columns, "task.updated");
}

export async function completeTask(ctx: Ctx, taskId: string, expectedVersion?: number) {
  const before = await beginTaskWrite(ctx, taskId, expectedVersion);
  if (before.status === "done") return before;
  if (before.status === "dismissed") {
    throw new AppError("CONFLICT", "The task was dismissed: reopen it before completing it.");
  }
  const now = ctx.now();
  return writeTask(
    ctx,
    before,
    { status: "done", closedAt: now, updatedAt: now },
    "task.completed",
  );
}

export async function dismissTask(
  ctx: Ctx,
  taskId: string,
  reason: string,
  expectedVersion?: number,
) {
  const before = await beginTaskWrite(ctx, taskId, expectedVersion);
  if (before.status === "dismissed") return before;
  if (before.status === "done") {
    throw new AppError("CONFLICT", "The task is done: reopen it before dismissing it.");
  }
  const now = ctx.now();
  const columns = {
    status: "dismissed" as const,
    dismissReason: reason,
    closedAt: now,
    updatedAt: now,
  };
  return writeTask(ctx, before, columns, "task.dismissed");
}

export async function reopenTask(ctx: Ctx, taskId: string, expectedVersion?: number) {
  const before = await beginTaskWrite(ctx, taskId, expectedVersion);
  if (before.status === "open") return before;
  if (before.sourceRef) {
    // At most one open task per cause (tasks_open_cause_key): say so instead of a 500.
    const [other] = await ctx.db
      .select({ id: tasks.id })
      .from(tasks)
      .where(openTaskOfCauseWhere(ctx, before.source, before.sourceRef));
    if (other) {
      throw new AppError("CONFLICT", "Another open task already follows up the same cause.", {
        openTaskId: other.id,
      });
    }
  }
  const columns = {
    status: "open" as const,
    dismissReason: null,
    closedAt: null,
    updatedAt: ctx.now(),
  };
  return writeTask(ctx, before, columns, "task.reopened");
}

export async function writeTask(
  ctx: Ctx,
  before: Task,
  columns: Partial<NewTask>,
  action: string,
): Promise<Task> {
  const [after] = await ctx.db
    .update(tasks)
    .set({ ...columns, version: sql`${tasks.version} + 1` })
    .where(
      and(
        eq(tasks.workspaceId, ctx.workspaceId),
        eq(tasks.id, before.id),
        eq(tasks.version, before.version),
      ),
    )
    .returning();
  if (!after) throw new AppError("STALE_VERSION");
  await recordAudit(ctx, { action, entityType: "task", entityId: before.id, before, after });
  if (after.status !== before.status) await recomputeHealthOnAlarm(ctx, after);
  return after;
}

/** Open alarm tasks weigh on the account's health score: a raised or closed one recomputes it. */
const ALARM_SOURCES: readonly TaskSource[] = ["survey", "trend", "tone", "silence"];
export async function recomputeHealthOnAlarm(ctx: Ctx, task: Task): Promise<void> {
  if (!task.accountId || !ALARM_SOURCES.includes(task.source)) return;
  await enqueueJob(
    ctx.db,
    ctx.now(),
    refreshJob(healthRecomputeJobName, ctx.workspaceId, { accountId: task.accountId }),
  );
}

/** For the causes module: a task still open under this cause, if any. */
export function openTaskOfCauseWhere(ctx: Ctx, source: TaskSource, sourceRef: string) {
  return and(
    eq(tasks.workspaceId, ctx.workspaceId),
    eq(tasks.source, source),
    eq(tasks.sourceRef, sourceRef),
    eq(tasks.status, "open"),
  );
}
