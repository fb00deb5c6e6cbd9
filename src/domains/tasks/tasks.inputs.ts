/**
 * The fixed lists of the tasks domain, shared by the schema, routes and web forms.
 * Imports only zod: the browser bundles this file.
 */
import { z } from "zod";

export const taskStatuses = ["open", "done", "dismissed"] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const taskPriorities = ["high", "medium", "low"] as const;
export type TaskPriority = (typeof taskPriorities)[number];

/**
 * What raised a task. `manual`: a member; `cadence`: an overdue touch; `next_step`: an
 * interaction's next steps; the listening issue adds `survey`, `trend`, `tone`, `silence`
 * and `health`.
 */
export const taskSources = [
  "manual",
  "cadence",
  "next_step",
  "health",
  "survey",
  "trend",
  "tone",
  "silence",
] as const;
export type TaskSource = (typeof taskSources)[number];

const title = z.string().trim().min(1, "Required").max(300);
const detail = z.string().max(20_000).nullable();
const memberId = z.uuid({ error: "Must be a member id" });
const accountId = z.uuid({ error: "Must be an account id" });

/**
 * A due date: an instant with its offset, or a plain day (YYYY-MM-DD), which means the start
 * of that day in the workspace's time zone.
 */
export const taskDueInput = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
  error: "Must be a date (YYYY-MM-DD) or a date-time with offset",
});

export const createTaskInput = z.strictObject({
  title,
  detail: detail.optional(),
  accountId: accountId.nullable().optional(),
  assigneeId: memberId,
  dueAt: taskDueInput.nullable().optional(),
  priority: z.enum(taskPriorities).optional(),
});
export type CreateTaskInput = z.input<typeof createTaskInput>;

/** Status changes go through complete / dismiss / reopen, not PATCH. */
export const changeTaskInput = createTaskInput
  .partial()
  .refine((b) => Object.keys(b).length > 0, "Send at least one field to change");
export type ChangeTaskInput = z.input<typeof changeTaskInput>;

export const dismissTaskInput = z.strictObject({
  reason: z.string().trim().min(1, "Required").max(2_000),
});

export const taskFilterInput = z.strictObject({
  accountId: accountId.optional(),
  /** A member id, or `me` for the caller. */
  assigneeId: z
    .union([z.literal("me"), memberId], { error: "Must be a member id or `me`" })
    .optional(),
  status: z.enum(taskStatuses).optional(),
  source: z.enum(taskSources).optional(),
  /** Only tasks due before this instant (a day: before that day starts in the workspace zone). */
  dueBefore: taskDueInput.optional(),
});
