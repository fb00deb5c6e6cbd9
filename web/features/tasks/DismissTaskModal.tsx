/**
 * "Dismiss task": closing a task without doing it needs a reason (the API requires one), so
 * whoever looks later knows why it was let go. Checked with the API's dismissTaskInput; a
 * task someone changed meanwhile (412) is explained, and Reload fetches its new version.
 */
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { dismissTaskInput } from "../../../src/domains/tasks/tasks.inputs";
import { useFieldErrors, validate } from "../../components/form-errors";
import { isStaleVersion } from "../../components/nested-field-errors";
import { StaleVersionAlert } from "../../components/StaleVersionAlert";
import { type TaskRef, useDismissTask } from "./tasks.api";

const fields = ["reason"] as const;

type DismissTaskModalProps = {
  /** The task to dismiss; null keeps the modal closed. */
  task: TaskRef | null;
  onClose: () => void;
  /** Fetches the task again after a 412 (the list it came from). */
  onReload?: () => void;
  reloading?: boolean;
};

export function DismissTaskModal({ task, onClose, onReload, reloading }: DismissTaskModalProps) {
  return (
    <Modal opened={task !== null} onClose={onClose} title="Dismiss task" centered>
      {task && (
        <DismissForm
          key={`${task.id}-${task.version ?? ""}`}
          task={task}
          onClose={onClose}
          onReload={onReload}
          reloading={reloading}
        />
      )}
    </Modal>
  );
}

function DismissForm({
  task,
  onClose,
  onReload,
  reloading,
}: { task: TaskRef } & Omit<DismissTaskModalProps, "task">) {
  const dismiss = useDismissTask();
  const [reason, setReason] = useState("");
  const stale = isStaleVersion(dismiss.error);
  const errors = useFieldErrors(stale ? null : dismiss.error, fields);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.check(validate(dismissTaskInput, { reason }))) return;
    dismiss.mutate(
      { task, reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({
            color: "rapport",
            title: "Task dismissed",
            message: "It is closed with your reason; Reopen brings it back.",
          });
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Dismiss task">
      <Stack gap="md">
        <Text size="sm">
          <Text span fw={600}>
            {task.title}
          </Text>{" "}
          will be closed without being done.
        </Text>
        {stale && (
          <StaleVersionAlert
            what="this task"
            onReload={() => {
              dismiss.reset();
              onReload?.();
            }}
            reloading={reloading}
          />
        )}
        {errors.general && (
          <Alert
            color="red"
            icon={<IconAlertCircle size={18} />}
            title="Could not dismiss the task"
            role="alert"
          >
            {errors.general}
          </Alert>
        )}
        <Textarea
          label="Reason"
          description="Why it no longer needs doing: “Client postponed the project to Q3”."
          required
          data-autofocus
          autosize
          minRows={2}
          maxRows={6}
          maxLength={2000}
          value={reason}
          error={errors.of("reason")}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            errors.edited("reason");
          }}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={dismiss.isPending} disabled={stale}>
            Dismiss task
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
