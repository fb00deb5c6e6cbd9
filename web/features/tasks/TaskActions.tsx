/**
 * The moves a task row offers: Done and Dismiss while it is open, Reopen once it is closed.
 * Dismiss asks for a reason in a modal (the caller owns it, so one modal serves a list).
 * Each button names its task for screen readers ("Done: Send the proposal"), because a
 * list of identical "Done" buttons says nothing out of context.
 */
import { Button, Group } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowBackUp, IconCheck, IconX } from "@tabler/icons-react";
import type { TaskStatus } from "../../../src/domains/tasks/tasks.inputs";
import { describeError } from "../../app/api";
import { isStaleVersion } from "../../components/nested-field-errors";
import { type TaskRef, useCompleteTask, useReopenTask } from "./tasks.api";

type TaskActionsProps = {
  task: TaskRef & { status: TaskStatus };
  onDismiss: (task: TaskRef) => void;
  /** A move lost a race with someone else's change (412): the page explains and reloads. */
  onStale?: () => void;
};

export function TaskActions({ task, onDismiss, onStale }: TaskActionsProps) {
  const complete = useCompleteTask();
  const reopen = useReopenTask();

  const failed = (error: unknown, what: string) => {
    if (isStaleVersion(error) && onStale) onStale();
    else
      notifications.show({
        color: "red",
        title: `Could not ${what}`,
        message: describeError(error),
      });
  };

  if (task.status !== "open") {
    return (
      <Button
        size="compact-sm"
        variant="default"
        leftSection={<IconArrowBackUp size={14} aria-hidden />}
        loading={reopen.isPending}
        aria-label={`Reopen: ${task.title}`}
        onClick={() =>
          reopen.mutate(task, {
            onSuccess: () =>
              notifications.show({ color: "rapport", title: "Task reopened", message: task.title }),
            onError: (error) => failed(error, "reopen the task"),
          })
        }
      >
        Reopen
      </Button>
    );
  }

  return (
    <Group gap={6} wrap="nowrap">
      <Button
        size="compact-sm"
        variant="light"
        leftSection={<IconCheck size={14} aria-hidden />}
        loading={complete.isPending}
        aria-label={`Done: ${task.title}`}
        onClick={() =>
          complete.mutate(task, {
            onSuccess: () =>
              notifications.show({ color: "rapport", title: "Task done", message: task.title }),
            onError: (error) => failed(error, "mark the task done"),
          })
        }
      >
        Done
      </Button>
      <Button
        size="compact-sm"
        variant="default"
        leftSection={<IconX size={14} aria-hidden />}
        aria-label={`Dismiss: ${task.title}`}
        onClick={() => onDismiss(task)}
      >
        Dismiss
      </Button>
    </Group>
  );
}
