/**
 * Tasks: what members promised or were asked to do, due soonest first. Filters (status,
 * assignee, source, account, due window) live in the URL; rows come a page at a time with
 * the API's cursor. Rows are done, dismissed (with a reason) or reopened in place.
 */
import { Button, Card, EmptyState, Stack } from "@mantine/core";
import { IconChecklist, IconFilterOff, IconPlus, IconSearch } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { hasRole, useCurrentMe } from "../../app/session";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { StaleVersionAlert } from "../../components/StaleVersionAlert";
import { useWorkspaceSettings } from "../settings/workspace.api";
import { todayIn } from "../today/days";
import { DismissTaskModal } from "./DismissTaskModal";
import { NewTaskModal } from "./NewTaskModal";
import { TaskFilters } from "./TaskFilters";
import { TasksTable } from "./TasksTable";
import { type TaskRef, useTasks } from "./tasks.api";
import { toListQuery, useTaskParams } from "./tasks.params";

export function TasksPage() {
  const me = useCurrentMe();
  const canChange = hasRole(me.member.role, "member");
  const timeZone = useWorkspaceSettings().data?.timeZone;
  const today = todayIn(timeZone);
  const { filters, filtered, update, clear } = useTaskParams();
  const query = useMemo(() => toListQuery(filters, today), [filters, today]);
  const tasks = useTasks(query);
  const [creating, setCreating] = useState(false);
  const [dismissing, setDismissing] = useState<TaskRef | null>(null);
  const [stale, setStale] = useState(false);

  const rows = useMemo(() => tasks.data?.pages.flatMap((page) => page.data) ?? [], [tasks.data]);
  const reload = () => tasks.refetch().then(() => setStale(false));

  const newTaskButton = canChange && (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
      New task
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Tasks"
        description="What you promised clients and what Rapport noticed needs doing, soonest due first."
        actions={newTaskButton}
      />
      <TaskFilters filters={filters} filtered={filtered} update={update} onClear={clear} />

      <Stack gap="md">
        {stale && (
          <StaleVersionAlert
            what="this task"
            onReload={() => void reload()}
            reloading={tasks.isRefetching}
          />
        )}
        {tasks.isError ? (
          <QueryErrorAlert error={tasks.error} what="tasks" onRetry={() => tasks.refetch()} />
        ) : tasks.isSuccess && rows.length === 0 ? (
          <Card withBorder radius="lg" py="xl">
            {filtered ? (
              <EmptyState>
                <EmptyState.Indicator>
                  <IconSearch size={28} stroke={1.5} />
                </EmptyState.Indicator>
                <EmptyState.Title order={2}>No task matches</EmptyState.Title>
                <EmptyState.Description maw={520}>
                  Nothing matches these filters. Loosen them, or clear them to see your open tasks.
                </EmptyState.Description>
                <EmptyState.Actions>
                  <Button
                    variant="default"
                    leftSection={<IconFilterOff size={16} aria-hidden />}
                    onClick={clear}
                  >
                    Clear filters
                  </Button>
                </EmptyState.Actions>
              </EmptyState>
            ) : (
              <EmptyState variant="light">
                <EmptyState.Indicator>
                  <IconChecklist size={28} stroke={1.5} />
                </EmptyState.Indicator>
                <EmptyState.Title order={2}>Nothing on your list</EmptyState.Title>
                <EmptyState.Description maw={560}>
                  No open task is assigned to you. Tasks appear when you add one, when the next
                  steps of a meeting become one, or when an account goes longer than its rhythm
                  without a touch.
                </EmptyState.Description>
                {canChange && (
                  <EmptyState.Actions>
                    <Button
                      leftSection={<IconPlus size={16} aria-hidden />}
                      onClick={() => setCreating(true)}
                    >
                      Add a task
                    </Button>
                  </EmptyState.Actions>
                )}
              </EmptyState>
            )}
          </Card>
        ) : (
          <TasksTable
            rows={rows}
            busy={tasks.isPending || tasks.isPlaceholderData}
            today={today}
            timeZone={timeZone}
            canChange={canChange}
            onDismiss={setDismissing}
            onStale={() => setStale(true)}
          />
        )}
      </Stack>
      {tasks.isSuccess && rows.length > 0 && (
        <LoadMore
          shown={rows.length}
          loaded={rows.length}
          noun={["task", "tasks"]}
          hasMore={tasks.hasNextPage}
          loading={tasks.isFetchingNextPage}
          onLoadMore={() => tasks.fetchNextPage()}
        />
      )}

      <NewTaskModal
        opened={creating}
        onClose={() => setCreating(false)}
        accountId={filters.accountId}
      />
      <DismissTaskModal
        task={dismissing}
        onClose={() => setDismissing(null)}
        onReload={() => {
          // The row's version in hand is stale: close, reload, and let the member try again.
          setDismissing(null);
          void reload();
        }}
        reloading={tasks.isRefetching}
      />
    </>
  );
}
