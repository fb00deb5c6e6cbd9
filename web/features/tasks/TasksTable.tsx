/**
 * The rows of the Tasks page: what to do, on which account, whose it is, when it is due
 * (late in red, today in yellow), what raised it and a link to that, and its moves.
 */
import { Anchor, Badge, Group, Stack, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { useCurrentMe } from "../../app/session";
import { useMemberDirectory } from "../accounts/accounts.api";
import { formatDate } from "../accounts/accounts.model";
import { useAccountName } from "../people/people.api";
import { type Day, dayOf, formatWeekday } from "../today/days";
import { TaskActions } from "./TaskActions";
import type { Task, TaskRef } from "./tasks.api";
import {
  dueColor,
  dueStateOf,
  priorityColor,
  priorityLabels,
  sourceColor,
  sourceDescriptions,
  sourceLabels,
  sourceLinkOf,
  statusLabels,
} from "./tasks.labels";

type TasksTableProps = {
  rows: Task[];
  busy: boolean;
  today: Day;
  timeZone?: string;
  /** Viewers read tasks but change none: no action column for them. */
  canChange: boolean;
  onDismiss: (task: TaskRef) => void;
  onStale: () => void;
};

export function TasksTable({
  rows,
  busy,
  today,
  timeZone,
  canChange,
  onDismiss,
  onStale,
}: TasksTableProps) {
  const me = useCurrentMe();
  const members = useMemberDirectory();
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="sm" aria-label="Tasks" aria-busy={busy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Task</Table.Th>
            <Table.Th w={190}>Account</Table.Th>
            <Table.Th w={150}>Assignee</Table.Th>
            <Table.Th w={170}>Due</Table.Th>
            {canChange && <Table.Th w={190}>Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody style={{ opacity: busy ? 0.6 : 1 }}>
          {rows.map((task) => {
            const source = sourceLinkOf(task);
            return (
              <Table.Tr key={task.id}>
                <Table.Td>
                  <Stack gap={4}>
                    <Text size="sm" fw={600} c={task.status === "open" ? undefined : "dimmed"}>
                      {task.title}
                    </Text>
                    {task.detail && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {task.detail}
                      </Text>
                    )}
                    <Group gap={6}>
                      <Badge
                        size="sm"
                        color={sourceColor[task.source]}
                        title={sourceDescriptions[task.source]}
                      >
                        {sourceLabels[task.source]}
                      </Badge>
                      {task.priority !== "medium" && (
                        <Badge size="sm" color={priorityColor[task.priority]}>
                          {priorityLabels[task.priority]} priority
                        </Badge>
                      )}
                      {source && (
                        <Anchor component={Link} to={source.to} size="xs">
                          From {source.label}
                        </Anchor>
                      )}
                    </Group>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  {task.accountId ? (
                    <AccountLink id={task.accountId} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      No account
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate>
                    {task.assigneeId === me.member.id
                      ? "You"
                      : (members.byId.get(task.assigneeId)?.name ?? "…")}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <DueCell task={task} today={today} timeZone={timeZone} />
                </Table.Td>
                {canChange && (
                  <Table.Td>
                    <TaskActions task={task} onDismiss={onDismiss} onStale={onStale} />
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Open: the day and how it stands. Closed: when and why it closed, which matters more. */
function DueCell({ task, today, timeZone }: { task: Task; today: Day; timeZone?: string }) {
  if (task.status !== "open") {
    return (
      <Stack gap={2}>
        <Text size="sm">
          {statusLabels[task.status]}
          {task.closedAt ? ` ${formatDate(task.closedAt)}` : ""}
        </Text>
        {task.closeReason && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {task.closeReason}
          </Text>
        )}
      </Stack>
    );
  }
  const due = dueStateOf(task.dueAt, today, timeZone);
  if (!task.dueAt) {
    return (
      <Text size="sm" c="dimmed">
        No due date
      </Text>
    );
  }
  const color = dueColor[due.tone];
  return (
    <Stack gap={4} align="flex-start">
      <Text size="sm">{formatWeekday(dayOf(task.dueAt, timeZone))}</Text>
      {color && (
        <Badge size="sm" color={color} variant="light">
          {due.label}
        </Badge>
      )}
    </Stack>
  );
}

/** The list answers account ids only; each name is one cached lookup per account. */
function AccountLink({ id }: { id: string }) {
  const name = useAccountName(id);
  return (
    <Anchor component={Link} to={`/accounts/${id}`} size="sm" fw={500}>
      {name.data ?? (name.isError ? "Account" : "…")}
    </Anchor>
  );
}
