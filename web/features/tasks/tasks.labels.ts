/**
 * Words and colours for tasks (source, priority, due state) and where a task came from, so
 * the Tasks page and Today say "Cadence" or "Late" the same way.
 */
import type { DefaultMantineColor } from "@mantine/core";
import {
  type TaskPriority,
  type TaskSource,
  type TaskStatus,
  taskPriorities,
  taskSources,
} from "../../../src/domains/tasks/tasks.inputs";
import { type Day, dayOf, daysBetween, formatNearDay, plural } from "../today/days";

export const sourceLabels: Record<TaskSource, string> = {
  manual: "Manual",
  cadence: "Cadence",
  next_step: "Next step",
  health: "Health",
  survey: "Survey",
  trend: "Trend",
  tone: "Tone",
  silence: "Silence",
};

/** Said as a tooltip/description: the source names are short and a little internal. */
export const sourceDescriptions: Record<TaskSource, string> = {
  manual: "Added by a member",
  cadence: "Raised because a touch with the account is overdue",
  next_step: "The next steps agreed in an interaction",
  health: "Raised by a drop in the account's health",
  survey: "Raised by a survey answer",
  trend: "Raised by a trend in the account's signals",
  tone: "Raised by the tone of recent conversations",
  silence: "Raised because the account went quiet",
};

export const sourceColor: Record<TaskSource, DefaultMantineColor | "rapport"> = {
  manual: "gray",
  cadence: "rapport",
  next_step: "blue",
  health: "red",
  survey: "grape",
  trend: "indigo",
  tone: "cyan",
  silence: "yellow",
};

export const sourceOptions = taskSources.map((source) => ({
  value: source,
  label: sourceLabels[source],
}));

export const priorityLabels: Record<TaskPriority, string> = {
  high: "High",
  medium: "Medium",
  low: "Low",
};

export const priorityColor: Record<TaskPriority, DefaultMantineColor> = {
  high: "red",
  medium: "yellow",
  low: "gray",
};

export const priorityOptions = taskPriorities.map((priority) => ({
  value: priority,
  label: priorityLabels[priority],
}));

export const statusLabels: Record<TaskStatus, string> = {
  open: "Open",
  done: "Done",
  dismissed: "Dismissed",
};

export type DueState = { tone: "late" | "today" | "later" | "none"; label: string };

/** How a due date reads next to today: late in red, today in yellow, later plain. */
export function dueStateOf(dueAt: string | null, today: Day, timeZone?: string): DueState {
  if (!dueAt) return { tone: "none", label: "No due date" };
  const day = dayOf(dueAt, timeZone);
  const offset = daysBetween(today, day);
  if (offset < 0) return { tone: "late", label: `${plural(-offset, "day")} late` };
  if (offset === 0) return { tone: "today", label: "Due today" };
  return { tone: "later", label: `Due ${formatNearDay(day, today)}` };
}

export const dueColor: Record<DueState["tone"], DefaultMantineColor | undefined> = {
  late: "red",
  today: "yellow",
  later: undefined,
  none: undefined,
};

/**
 * Where the thing that raised a task can be seen: `interaction:<id>` and
 * `cadence:<accountId>:<ruleId>` both live on the account's activity tab (interactions
 * have no page of their own); other refs name nothing the web UI can open yet.
 */
export function sourceLinkOf(task: {
  source: TaskSource;
  sourceRef: string | null;
  accountId: string | null;
}): { to: string; label: string } | null {
  const [kind, first] = task.sourceRef?.split(":") ?? [];
  if (kind === "interaction" && task.accountId) {
    return { to: `/accounts/${task.accountId}?tab=activity`, label: "the interaction" };
  }
  if (kind === "cadence" && first) {
    return { to: `/accounts/${first}?tab=activity`, label: "the account's rhythm" };
  }
  if (kind === "account" && first) return { to: `/accounts/${first}`, label: "the account" };
  return null;
}
