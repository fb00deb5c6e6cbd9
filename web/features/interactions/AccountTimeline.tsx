/**
 * The account's history, newest first: touches, status changes, milestones and needs in one
 * list, paged with "Load more". The "Show" filter lives in the URL (?tab=activity&kind=call)
 * so "the calls with this client" can be linked to and survives a reload. Planned ones are
 * left out here: "Coming up" lists them above, and a cancelled one comes back as history.
 */
import { Button, Card, EmptyState, Group, Select, Skeleton, Stack } from "@mantine/core";
import { IconFilter, IconHistory } from "@tabler/icons-react";
import { useSearchParams } from "react-router";
import { useCurrentMe } from "../../app/session";
import { LoadMore } from "../../components/LoadMore";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { AccountOverviewCard } from "../accounts/AccountOverviewCard";
import type { Account } from "../accounts/accounts.api";
import { mayChangeInteraction, mayLogTouch } from "./interactions.access";
import { type Interaction, useTimeline } from "./interactions.api";
import {
  emptyTimelineWords,
  parseTimelineShow,
  type TimelineShow,
  timelineShowGroups,
} from "./interactions.labels";
import { TimelineEntry } from "./TimelineEntry";

const listStyle = { listStyle: "none", padding: 0, margin: 0 } as const;

type AccountTimelineProps = {
  account: Account;
  canEdit: boolean;
  onWriteError: (error: unknown) => void;
};

export function AccountTimeline({ account, canEdit, onWriteError }: AccountTimelineProps) {
  const me = useCurrentMe();
  const [params, setParams] = useSearchParams();
  const show = parseTimelineShow(params.get("kind"));
  const timeline = useTimeline(account.id, show);

  const choose = (value: string | null) => {
    const next = new URLSearchParams(params);
    if (!value || value === "all") next.delete("kind");
    else next.set("kind", value);
    // A filter is a view, not a place: Back leaves the account rather than undoing it.
    setParams(next, { replace: true });
  };

  const loaded = timeline.data?.pages.flatMap((page) => page.data) ?? [];
  const events = loaded.filter((event) => event.interaction?.state !== "planned");
  // A new account's history already holds its first status, so "empty" means no touches.
  const touchesShown = show !== "status" && show !== "milestones" && show !== "needs";
  const noTouches =
    !timeline.hasNextPage &&
    (events.length === 0 || (touchesShown && !events.some((event) => event.interaction)));
  const mayChange = (interaction: Interaction) =>
    mayChangeInteraction(me, account, canEdit, interaction);

  return (
    <AccountOverviewCard
      title="History"
      description="Every touch, status change, milestone and need, newest first."
      actions={
        <Select
          // The choice names itself ("Calls only"); a visible label would crowd the title.
          aria-label="Show"
          leftSection={<IconFilter size={14} aria-hidden />}
          size="xs"
          w={190}
          data={timelineShowGroups}
          value={show}
          onChange={choose}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      }
    >
      {timeline.isPending ? (
        <Stack gap="sm">
          <Skeleton height={56} radius="md" />
          <Skeleton height={56} radius="md" />
        </Stack>
      ) : timeline.isError ? (
        <QueryErrorAlert
          error={timeline.error}
          what="the history"
          onRetry={() => timeline.refetch()}
        />
      ) : (
        <>
          {noTouches && (
            <EmptyHistory
              account={account}
              show={show}
              mayLog={mayLogTouch(me, account)}
              onShowAll={() => choose("all")}
            />
          )}
          {events.length > 0 && (
            <Stack
              component="ol"
              gap={0}
              style={{ ...listStyle, opacity: timeline.isPlaceholderData ? 0.6 : 1 }}
              aria-label="Account history"
              aria-busy={timeline.isPlaceholderData}
            >
              {events.map((event) => (
                <TimelineEntry
                  key={event.id}
                  event={event}
                  mayChange={mayChange}
                  onWriteError={onWriteError}
                />
              ))}
            </Stack>
          )}
          {/* Counted as shown: the planned ones held back are listed under Coming up. */}
          {events.length > 0 && (
            <LoadMore
              shown={events.length}
              loaded={events.length}
              noun={["event", "events"]}
              hasMore={Boolean(timeline.hasNextPage)}
              loading={timeline.isFetchingNextPage}
              onLoadMore={() => void timeline.fetchNextPage()}
            />
          )}
        </>
      )}
    </AccountOverviewCard>
  );
}

function EmptyHistory({
  account,
  show,
  mayLog,
  onShowAll,
}: {
  account: Account;
  show: TimelineShow;
  mayLog: boolean;
  onShowAll: () => void;
}) {
  const filtered = show !== "all";
  return (
    <Card withBorder={false} py="md">
      <EmptyState>
        <EmptyState.Indicator>
          <IconHistory size={28} stroke={1.5} />
        </EmptyState.Indicator>
        <EmptyState.Title order={3}>{emptyTimelineWords(show)}</EmptyState.Title>
        <EmptyState.Description maw={520}>
          {filtered
            ? "Nothing of this kind in the history yet. Show all activity to see the rest."
            : mayLog
              ? `Log your first call, meeting or email with ${account.name} above: who took part and what was said. Status changes, milestones and needs appear here too.`
              : `Nobody has logged a touch with ${account.name} yet. Calls, meetings, status changes, milestones and needs appear here as they happen.`}
        </EmptyState.Description>
        {filtered && (
          <Group>
            <Button variant="default" size="xs" onClick={onShowAll}>
              Show all activity
            </Button>
          </Group>
        )}
      </EmptyState>
    </Card>
  );
}
