/**
 * "New task": what to do, on which account (or none), for whom, by when, how much it
 * matters. Checked with the API's own createTaskInput before sending; the server's field
 * errors land under the same inputs, anything else above them.
 */
import "@mantine/dates/styles.css";
import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { createTaskInput, type TaskPriority } from "../../../src/domains/tasks/tasks.inputs";
import { useCurrentMe } from "../../app/session";
import { useFieldErrors, validate } from "../../components/form-errors";
import { useMemberDirectory } from "../accounts/accounts.api";
import { AccountPicker } from "../people/AccountPicker";
import { useCreateTask } from "./tasks.api";
import { priorityOptions } from "./tasks.labels";

const fields = ["title", "detail", "accountId", "assigneeId", "dueAt", "priority"] as const;

type Values = {
  title: string;
  detail: string;
  accountId: string | null;
  assigneeId: string | null;
  dueAt: string | null;
  priority: TaskPriority;
};

type NewTaskModalProps = {
  opened: boolean;
  onClose: () => void;
  /** The account the list is filtered to, offered as the task's account. */
  accountId?: string;
};

export function NewTaskModal({ opened, onClose, accountId }: NewTaskModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="New task" centered size="lg">
      {/* Mounted only while open: every opening starts from a fresh form. */}
      {opened && <NewTaskForm accountId={accountId} onClose={onClose} />}
    </Modal>
  );
}

function NewTaskForm({ accountId, onClose }: { accountId?: string; onClose: () => void }) {
  const me = useCurrentMe();
  const members = useMemberDirectory();
  const create = useCreateTask();
  const errors = useFieldErrors(create.error, fields);
  const [values, setValues] = useState<Values>({
    title: "",
    detail: "",
    accountId: accountId ?? null,
    assigneeId: me.member.id,
    dueAt: null,
    priority: "medium",
  });

  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    errors.edited(field);
  };

  const assignees = [
    { value: me.member.id, label: `${me.member.name} (you)` },
    ...members.active
      .filter((member) => member.id !== me.member.id)
      .map((member) => ({ value: member.id, label: member.name })),
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      title: values.title.trim(),
      detail: values.detail.trim() ? values.detail.trimEnd() : null,
      accountId: values.accountId,
      // An empty picker is a missing assignee: say "Required" rather than "Must be a member id".
      assigneeId: values.assigneeId ?? "",
      dueAt: values.dueAt,
      priority: values.priority,
    };
    const found = validate(createTaskInput, input);
    if (!values.assigneeId) found.assigneeId = "Required";
    if (!errors.check(found)) return;
    create.mutate(input, {
      onSuccess: () => {
        notifications.show({ color: "rapport", title: "Task added", message: input.title });
        onClose();
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="New task">
      <Stack gap="md">
        {errors.general && (
          <Alert
            color="red"
            icon={<IconAlertCircle size={18} />}
            title="Could not add the task"
            role="alert"
          >
            {errors.general}
          </Alert>
        )}
        <TextInput
          label="Title"
          description="What to do, as a line you could tick off: “Send the renewal proposal”."
          required
          data-autofocus
          autoComplete="off"
          maxLength={300}
          value={values.title}
          error={errors.of("title")}
          onChange={(event) => set("title", event.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <AccountPicker
            label="Account"
            description="Leave empty for a task on no account."
            placeholder="Search accounts"
            value={values.accountId}
            error={errors.of("accountId")}
            onChange={(id) => set("accountId", id)}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label="Assignee"
            description="Who will do it."
            required
            searchable
            data={assignees}
            value={values.assigneeId}
            error={errors.of("assigneeId")}
            onChange={(id) => set("assigneeId", id)}
          />
          <DateInput
            label="Due date"
            description="Optional; late tasks show on Today."
            valueFormat="D MMM YYYY"
            placeholder="Pick or type a date"
            clearable
            value={values.dueAt}
            error={errors.of("dueAt")}
            onChange={(day) => set("dueAt", day)}
            popoverProps={{ withinPortal: true }}
          />
          <Select
            label="Priority"
            description="How much it matters."
            allowDeselect={false}
            data={priorityOptions}
            value={values.priority}
            error={errors.of("priority")}
            onChange={(priority) => set("priority", (priority ?? "medium") as TaskPriority)}
          />
        </SimpleGrid>
        <Textarea
          label="Detail"
          placeholder="Context, links, what “done” looks like (optional)"
          autosize
          minRows={3}
          maxRows={8}
          value={values.detail}
          error={errors.of("detail")}
          onChange={(event) => set("detail", event.currentTarget.value)}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Add task
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
