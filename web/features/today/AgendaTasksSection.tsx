/**
 * Tasks on Today: the member's open tasks that are late or due on the day, then alarms
 * raised by what clients said (a detractor's "restore balance" call is due in two business
 * days, but belongs on Today from the moment it is raised), each with Done and Dismiss in
 * the row, so keeping a promise takes one click. Today's rows carry no
 * version (the agenda does not send one): the moves go without If-Match, as the API allows.
 */
import { Anchor, Badge, Group, Text } from "@mantine/core";
import { IconArrowRight, IconChecklist } from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import { Link } from "react-router";
import { DismissTaskModal } from "../tasks/DismissTaskModal";
import { TaskActions } from "../tasks/TaskActions";
import type { TaskRef } from "../tasks/tasks.api";
import { priorityColor, priorityLabels, sourceLabels } from "../tasks/tasks.labels";
import { AgendaList, AgendaRow, AgendaSection } from "./AgendaSection";
import type { Agenda, AgendaTask } from "./agenda.api";
import { type Day, daysBetween, formatTime, plural } from "./days";

type AgendaTasksSectionProps = {
  tasks: Agenda["tasks"] | undefined;
  date: Day;
  timeZone?: string;
  canChange: boolean;
};

export function AgendaTasksSection({ tasks, date, timeZone, canChange }: AgendaTasksSectionProps) {
  const [dismissing, setDismissing] = useState<TaskRef | null>(null);
  const late = tasks?.late ?? [];
  const today = tasks?.today ?? [];
  const alarms = tasks?.alarms ?? [];
  return (
    <AgendaSection
      title="Tasks"
      icon={IconChecklist}
      count={tasks ? late.length + today.length + alarms.length : undefined}
      countColor={late.length > 0 ? "red" : "yellow"}
      action={
        <Anchor component={Link} to="/tasks" size="sm" style={{ whiteSpace: "nowrap" }}>
          <Group gap={4} wrap="nowrap" component="span">
            All tasks
            <IconArrowRight size={14} aria-hidden />
          </Group>
        </Anchor>
      }
      empty="Nothing late and nothing due today: every promise is on time."
    >
      <AgendaList>
        {[...late, ...today, ...alarms].map((task) => (
          <TaskRow
            key={task.id}
            task={task}
            date={date}
            timeZone={timeZone}
            actions={
              canChange && (
                <TaskActions task={{ ...task, status: "open" }} onDismiss={setDismissing} />
              )
            }
          />
        ))}
      </AgendaList>
      <DismissTaskModal task={dismissing} onClose={() => setDismissing(null)} />
    </AgendaSection>
  );
}

function TaskRow({
  task,
  date,
  timeZone,
  actions,
}: {
  task: AgendaTask;
  date: Day;
  timeZone?: string;
  actions: ReactNode;
}) {
  const daysLate = daysBetween(task.dueOn, date);
  // A task due on a plain day is due at midnight: its time says nothing, so only real times show.
  const time = formatTime(task.dueAt, timeZone);
  const timed = time !== formatTime(`${task.dueOn}T00:00:00Z`, "UTC");
  return (
    <AgendaRow aside={actions}>
      <Text size="sm" fw={600}>
        {task.title}
      </Text>
      <Group gap={6} wrap="wrap">
        {daysLate > 0 ? (
          <Badge size="sm" color="red" variant="light">
            {plural(daysLate, "day")} late
          </Badge>
        ) : daysLate < 0 ? (
          <Badge size="sm" color="orange" variant="light">
            Alarm · due in {plural(-daysLate, "day")}
          </Badge>
        ) : (
          <Badge size="sm" color="yellow" variant="light">
            Due today{timed ? ` ${time}` : ""}
          </Badge>
        )}
        {task.priority === "high" && (
          <Badge size="sm" color={priorityColor.high} variant="light">
            {priorityLabels.high} priority
          </Badge>
        )}
        <Text size="xs" c="dimmed">
          {sourceLabels[task.source]}
          {task.account && " · "}
          {task.account && (
            <Anchor
              component={Link}
              to={`/accounts/${task.account.id}`}
              size="xs"
              inherit
              underline="always"
            >
              {task.account.name}
            </Anchor>
          )}
        </Text>
      </Group>
    </AgendaRow>
  );
}
