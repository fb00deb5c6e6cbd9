/**
 * The Tasks list's filters live in the URL (?status=&assignee=&source=&account=&due=), so a
 * filtered list can be bookmarked, shared and restored with Back. The defaults (open tasks,
 * mine) are left out of the URL; unknown values are ignored rather than sent to be refused.
 */
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import {
  type TaskSource,
  type TaskStatus,
  taskSources,
  taskStatuses,
} from "../../../src/domains/tasks/tasks.inputs";
import { addDays, type Day } from "../today/days";
import type { TaskListQuery } from "./tasks.api";

export const dueWindows = ["late", "today", "week"] as const;
export type DueWindow = (typeof dueWindows)[number];

export const dueLabels: Record<DueWindow, string> = {
  late: "Late",
  today: "Due by today",
  week: "Due within 7 days",
};

export type TaskFilters = {
  /** "any" shows every status; open is the default. */
  status: TaskStatus | "any";
  /** "me" (the default), "anyone", or a member id. */
  assignee: string;
  source?: TaskSource;
  accountId?: string;
  due?: DueWindow;
};

const DEFAULTS = { status: "open", assignee: "me" } as const;

export function useTaskParams() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<TaskFilters>(() => {
    const status = params.get("status");
    const source = params.get("source");
    const due = params.get("due");
    return {
      status:
        status === "any" || taskStatuses.includes(status as TaskStatus)
          ? (status as TaskFilters["status"])
          : DEFAULTS.status,
      assignee: params.get("assignee") || DEFAULTS.assignee,
      source: taskSources.includes(source as TaskSource) ? (source as TaskSource) : undefined,
      accountId: params.get("account") || undefined,
      due: dueWindows.includes(due as DueWindow) ? (due as DueWindow) : undefined,
    };
  }, [params]);

  const update = useCallback(
    (
      change: Partial<Record<"status" | "assignee" | "source" | "account" | "due", string | null>>,
    ) =>
      setParams((previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(change)) {
          if (value === undefined) continue;
          const isDefault = DEFAULTS[key as keyof typeof DEFAULTS] === value;
          if (value === null || value === "" || isDefault) next.delete(key);
          else next.set(key, value);
        }
        return next;
      }),
    [setParams],
  );

  const filtered =
    filters.status !== DEFAULTS.status ||
    filters.assignee !== DEFAULTS.assignee ||
    Boolean(filters.source || filters.accountId || filters.due);
  const clear = useCallback(() => setParams(new URLSearchParams()), [setParams]);
  return { filters, filtered, update, clear };
}

/**
 * The API query for the filters. The API filters due dates by an upper bound only
 * (`dueBefore`, a day meaning that day's start in the workspace zone), so "by today" and
 * "within 7 days" include the late ones too, which is also what a member wants to see.
 */
export function toListQuery(filters: TaskFilters, today: Day): TaskListQuery {
  const dueBefore =
    filters.due === "late"
      ? today
      : filters.due === "today"
        ? addDays(today, 1)
        : filters.due === "week"
          ? addDays(today, 8)
          : undefined;
  return {
    ...(filters.status !== "any" ? { status: filters.status } : {}),
    ...(filters.assignee !== "anyone" ? { assigneeId: filters.assignee } : {}),
    ...(filters.source ? { source: filters.source } : {}),
    ...(filters.accountId ? { accountId: filters.accountId } : {}),
    ...(dueBefore ? { dueBefore } : {}),
  };
}
