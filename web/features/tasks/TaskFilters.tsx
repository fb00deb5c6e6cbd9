/**
 * The Tasks list's filter bar: status, assignee, source, account and due window, every value
 * in the URL (tasks.params.ts). Defaults (open, mine) are what a member opens the page for.
 */
import { Button, Group, Select } from "@mantine/core";
import { IconFilterOff } from "@tabler/icons-react";
import { taskStatuses } from "../../../src/domains/tasks/tasks.inputs";
import { useCurrentMe } from "../../app/session";
import { useMemberDirectory } from "../accounts/accounts.api";
import { AccountPicker } from "../people/AccountPicker";
import { sourceOptions, statusLabels } from "./tasks.labels";
import {
  dueLabels,
  dueWindows,
  type TaskFilters as Filters,
  type useTaskParams,
} from "./tasks.params";

type TaskFiltersProps = {
  filters: Filters;
  filtered: boolean;
  update: ReturnType<typeof useTaskParams>["update"];
  onClear: () => void;
};

const statusOptions = [
  ...taskStatuses.map((status) => ({ value: status, label: statusLabels[status] })),
  { value: "any", label: "Any status" },
];

export function TaskFilters({ filters, filtered, update, onClear }: TaskFiltersProps) {
  const me = useCurrentMe();
  const members = useMemberDirectory();
  const assignees = [
    { value: "me", label: "You" },
    { value: "anyone", label: "Anyone" },
    ...members.active
      .filter((member) => member.id !== me.member.id)
      .map((member) => ({ value: member.id, label: member.name })),
  ];
  // A link naming a deactivated member still shows their name rather than an empty box.
  if (!assignees.some((option) => option.value === filters.assignee)) {
    const name = members.byId.get(filters.assignee)?.name ?? "Unknown member";
    assignees.push({ value: filters.assignee, label: name });
  }

  return (
    <Group gap="sm" mb="md" align="flex-end" role="search" aria-label="Filter tasks">
      <Select
        label="Status"
        allowDeselect={false}
        data={statusOptions}
        value={filters.status}
        onChange={(status) => update({ status })}
        w={{ base: "100%", xs: 140 }}
      />
      <Select
        label="Assignee"
        allowDeselect={false}
        searchable
        data={assignees}
        value={filters.assignee}
        onChange={(assignee) => update({ assignee })}
        w={{ base: "100%", xs: 180 }}
      />
      <Select
        label="Source"
        placeholder="Any source"
        clearable
        data={sourceOptions}
        value={filters.source ?? null}
        onChange={(source) => update({ source })}
        w={{ base: "100%", xs: 150 }}
      />
      <AccountPicker
        label="Account"
        placeholder="All accounts"
        value={filters.accountId ?? null}
        onChange={(account) => update({ account })}
        w={{ base: "100%", xs: 220 }}
      />
      <Select
        label="Due"
        placeholder="Any due date"
        clearable
        data={dueWindows.map((due) => ({ value: due, label: dueLabels[due] }))}
        value={filters.due ?? null}
        onChange={(due) => update({ due })}
        w={{ base: "100%", xs: 170 }}
      />
      {filtered && (
        <Button
          variant="subtle"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={onClear}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}
