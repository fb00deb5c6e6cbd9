/**
 * The tasks API as TanStack Query hooks: the filtered list (cursor pages), creating one, and
 * the status moves (done, dismissed with a reason, reopened). Moves send If-Match when the
 * caller read a version (the Tasks page does; Today's rows carry none), so a task someone
 * else changed meanwhile is a 412 the page explains. Every write refreshes Today too.
 */
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import type { CreateTaskInput } from "../../../src/domains/tasks/tasks.inputs";
import { api, readJson } from "../../app/api";

export type Task = InferResponseType<(typeof api.v1.tasks)[":taskId"]["$get"], 200>;
export type TaskListQuery = Omit<
  NonNullable<InferRequestType<typeof api.v1.tasks.$get>["query"]>,
  "limit" | "cursor"
>;
/** What a status move needs: the id, and the version read when there is one. */
export type TaskRef = { id: string; title: string; version?: number };

export const tasksQueryKey = ["tasks"] as const;
const listKey = (query: TaskListQuery) => [...tasksQueryKey, "list", query] as const;

const PAGE_SIZE = 50;

export function useTasks(query: TaskListQuery) {
  return useInfiniteQuery({
    queryKey: listKey(query),
    queryFn: ({ pageParam }) =>
      readJson(
        api.v1.tasks.$get({
          query: {
            ...query,
            limit: String(PAGE_SIZE),
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // Keep the rows on screen while a new filter loads, instead of flashing an empty table.
    placeholderData: keepPreviousData,
  });
}

/** After any write: the lists may have moved, and Today shows late and due tasks. */
function useTaskWritten() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: tasksQueryKey });
    void queryClient.invalidateQueries({ queryKey: ["agenda"] });
  };
}

const ifMatch = (task: TaskRef) =>
  task.version === undefined ? {} : { "if-match": `"${task.version}"` };

export function useCreateTask() {
  const written = useTaskWritten();
  return useMutation({
    mutationFn: (json: CreateTaskInput) => readJson(api.v1.tasks.$post({ json })),
    onSuccess: written,
  });
}

export function useCompleteTask() {
  const written = useTaskWritten();
  return useMutation({
    mutationFn: (task: TaskRef) =>
      readJson(
        api.v1.tasks[":taskId"].complete.$post({
          param: { taskId: task.id },
          header: ifMatch(task),
        }),
      ),
    onSuccess: written,
  });
}

export function useDismissTask() {
  const written = useTaskWritten();
  return useMutation({
    mutationFn: ({ task, reason }: { task: TaskRef; reason: string }) =>
      readJson(
        api.v1.tasks[":taskId"].dismiss.$post({
          param: { taskId: task.id },
          header: ifMatch(task),
          json: { reason },
        }),
      ),
    onSuccess: written,
  });
}

export function useReopenTask() {
  const written = useTaskWritten();
  return useMutation({
    mutationFn: (task: TaskRef) =>
      readJson(
        api.v1.tasks[":taskId"].reopen.$post({
          param: { taskId: task.id },
          header: ifMatch(task),
        }),
      ),
    onSuccess: written,
  });
}
