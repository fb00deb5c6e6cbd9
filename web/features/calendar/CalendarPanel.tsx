/**
 * Settings → Calendar: the member's private calendar links (iCalendar feeds their calendar
 * app subscribes to), with when each was created and last read. Revoking takes effect at
 * once: the app's next refresh gets nothing, so a lost phone is one click away from safe.
 * The morning digest's switch sits here too: the other way the agenda comes to the member.
 */
import { Badge, Button, EmptyState, Stack, Switch, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCalendarEvent, IconPlus } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { describeError } from "../../app/api";
import { statusColor } from "../../app/theme";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { formatDateTime, formatRelative } from "../../components/format";
import { LoadMore } from "../../components/LoadMore";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { SectionHeader } from "../../components/SectionHeader";
import { SortableTh, useSortedRows } from "../../components/SortableTable";
import { CreateCalendarFeedModal } from "./CreateCalendarFeedModal";
import { type CalendarFeed, useCalendarFeeds, useRevokeCalendarFeed } from "./calendar.api";
import { DigestPreferences } from "./DigestPreferences";

type Column = "label" | "createdAt" | "lastUsedAt";

const UNLABELLED = "Calendar link";
const nameOf = (feed: CalendarFeed) => feed.label ?? UNLABELLED;

function sortValue(feed: CalendarFeed, column: Column): string {
  return column === "label" ? nameOf(feed) : (feed[column] ?? "");
}

export function CalendarPanel() {
  const feeds = useCalendarFeeds();
  const revoke = useRevokeCalendarFeed();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<CalendarFeed | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);

  const loaded = useMemo(() => feeds.data?.pages.flatMap((page) => page.data) ?? [], [feeds.data]);
  const visible = useMemo(
    () => loaded.filter((feed) => showRevoked || !feed.revokedAt),
    [loaded, showRevoked],
  );
  const { sorted, sort, toggle } = useSortedRows(
    visible,
    { column: "createdAt", direction: "desc" },
    sortValue,
  );
  const revokedCount = loaded.filter((feed) => feed.revokedAt).length;

  const confirmRevoke = () => {
    if (!revoking) return;
    revoke.mutate(revoking, {
      onSuccess: (feed) =>
        notifications.show({
          color: "rapport",
          title: "Calendar link revoked",
          message: `Calendars subscribed to “${nameOf(feed)}” stop updating.`,
        }),
      onError: (error) =>
        notifications.show({
          color: "red",
          title: "Could not revoke the calendar link",
          message: describeError(error),
        }),
      onSettled: () => setRevoking(null),
    });
  };

  return (
    <Stack gap={0}>
      <SectionHeader
        title="Calendar"
        description="Private links that put your planned meetings, tasks due, touches due and important dates into Google Calendar, Apple Calendar or Outlook. Only you see your links."
        actions={
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setCreating(true)}
          >
            Create a calendar link
          </Button>
        }
      />

      <DigestPreferences />

      {revokedCount > 0 && (
        <Switch
          mb="md"
          label={`Show revoked links (${revokedCount})`}
          checked={showRevoked}
          onChange={(event) => setShowRevoked(event.currentTarget.checked)}
        />
      )}

      {feeds.isError ? (
        <QueryErrorAlert
          error={feeds.error}
          what="your calendar links"
          onRetry={() => feeds.refetch()}
        />
      ) : feeds.isSuccess && sorted.length === 0 ? (
        <EmptyState
          py="xl"
          icon={<IconCalendarEvent size={28} stroke={1.5} />}
          title="No calendar links yet"
          description="Create one to see your Rapport agenda in the calendar you already use. Make one per device or app, so you can revoke one without the others."
        />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table
            verticalSpacing="sm"
            highlightOnHover
            aria-label="Calendar links"
            aria-busy={feeds.isPending}
          >
            <Table.Thead>
              <Table.Tr>
                <SortableTh column="label" label="Label" sort={sort} onSort={toggle} />
                <SortableTh column="createdAt" label="Created" sort={sort} onSort={toggle} />
                <SortableTh column="lastUsedAt" label="Last used" sort={sort} onSort={toggle} />
                <Table.Th w={120}>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((feed) => (
                <Table.Tr key={feed.id}>
                  <Table.Td fw={500}>
                    {feed.label ?? (
                      <Text span size="sm" c="dimmed">
                        {UNLABELLED} (no label)
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" title={formatDateTime(feed.createdAt)}>
                      {formatRelative(feed.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" title={formatDateTime(feed.lastUsedAt)}>
                      {feed.lastUsedAt ? formatRelative(feed.lastUsedAt) : "Not read yet"}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {feed.revokedAt ? (
                      <Badge
                        color={statusColor.revoked}
                        title={`Revoked ${formatDateTime(feed.revokedAt)}`}
                      >
                        Revoked
                      </Badge>
                    ) : (
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        onClick={() => setRevoking(feed)}
                        aria-label={`Revoke ${nameOf(feed)}`}
                      >
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {feeds.isSuccess && sorted.length > 0 && (
        <LoadMore
          shown={sorted.length}
          loaded={loaded.length}
          noun={["calendar link", "calendar links"]}
          hasMore={feeds.hasNextPage}
          loading={feeds.isFetchingNextPage}
          onLoadMore={() => feeds.fetchNextPage()}
        />
      )}

      <CreateCalendarFeedModal opened={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        opened={revoking !== null}
        title="Revoke calendar link"
        confirmLabel="Revoke link"
        danger
        loading={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={confirmRevoke}
      >
        Calendars subscribed to <strong>{revoking ? nameOf(revoking) : ""}</strong> stop updating
        from their next refresh; the events already shown may stay until you remove the subscription
        there. This cannot be undone; you can create a new link instead.
      </ConfirmDialog>
    </Stack>
  );
}
