/**
 * Next steps become a task in one action. One task per interaction, whatever its status
 * since: a second call answers the task made the first time (200 rather than 201), so a
 * double click or a retry never assigns the same follow-up twice. The task says where it
 * came from (source `next_step`, sourceRef `interaction:<id>`).
 */
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import { addDays, dayOf, startOfDay } from "../../platform/time/zoned";
import { getAccount, teamMemberIdsOf } from "../accounts";
import { createTask, type Task, tasks } from "../tasks";
import { getWorkspaceTimeZone } from "../workspaces";
import type { nextStepsTaskInput } from "./interactions.inputs";
import { viewsOf } from "./interactions.links";
import { assertMayChangeInteraction } from "./interactions.policies";
import { getInteraction } from "./interactions.queries";

export type NextStepsTaskInput = z.output<typeof nextStepsTaskInput>;

/** Days from today a next-steps task is due when no date is given. */
export const NEXT_STEPS_DUE_DAYS = 3;

export const nextStepsSourceRef = (interactionId: string) => `interaction:${interactionId}`;

function titleOf(nextSteps: string): string {
  const firstLine =
    nextSteps
      .split(/\r?\n/)
      .find((line) => line.trim())
      ?.trim() ?? nextSteps;
  return firstLine.length > 300 ? `${firstLine.slice(0, 299)}…` : firstLine;
}

export async function taskFromNextSteps(
  ctx: Ctx,
  interactionId: string,
  input: NextStepsTaskInput,
): Promise<{ task: Task; created: boolean }> {
  // The lock makes a concurrent second call wait, then find the first one's task.
  const row = await getInteraction(ctx, interactionId, { forUpdate: true });
  const [view] = await viewsOf(ctx, [row]);
  const account = await getAccount(ctx, row.accountId);
  assertMayChangeInteraction(ctx.actor, {
    createdById: row.createdById,
    memberIds: view?.members.map((m) => m.id) ?? [],
    account: { ownerId: account.ownerId, teamMemberIds: await teamMemberIdsOf(ctx, account.id) },
  });
  const sourceRef = nextStepsSourceRef(row.id);
  const [existing] = await ctx.db
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.workspaceId, ctx.workspaceId),
        eq(tasks.source, "next_step"),
        eq(tasks.sourceRef, sourceRef),
      ),
    )
    .orderBy(asc(tasks.createdAt))
    .limit(1);
  if (existing) return { task: existing, created: false };
  if (row.archivedAt || row.state === "cancelled") {
    throw new AppError(
      "CONFLICT",
      "The interaction is archived or cancelled: its next steps are void.",
    );
  }
  if (!row.nextSteps?.trim()) {
    throw new AppError("CONFLICT", "The interaction has no next steps: write them down first.");
  }
  const assigneeId = input.assigneeId ?? ctx.actor.memberId;
  if (!assigneeId) {
    throw new AppError("VALIDATION_FAILED", "assigneeId: Required", {
      errors: [{ path: "assigneeId", message: "Required when not acting as a member" }],
    });
  }
  let dueAt: Date | null;
  if (input.dueAt !== undefined) dueAt = input.dueAt === null ? null : new Date(input.dueAt);
  else {
    const timeZone = await getWorkspaceTimeZone(ctx);
    dueAt = startOfDay(addDays(dayOf(ctx.now(), timeZone), NEXT_STEPS_DUE_DAYS), timeZone);
  }
  const task = await createTask(ctx, {
    title: input.title ?? titleOf(row.nextSteps),
    detail: row.nextSteps,
    accountId: row.accountId,
    assigneeId,
    dueAt,
    priority: input.priority ?? "medium",
    source: "next_step",
    sourceRef,
  });
  return { task, created: true };
}
