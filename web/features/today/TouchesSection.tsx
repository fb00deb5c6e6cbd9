/**
 * Touches due: accounts whose cadence rule says it is time to be in touch, overdue first
 * (most overdue leading, as the API orders them), then those due in the coming days. Each
 * account opens on its activity tab, where the touch is logged.
 */
import { Anchor, Badge, Group, Text, Title } from "@mantine/core";
import { IconPhoneCall } from "@tabler/icons-react";
import { Link } from "react-router";
import { formatDate } from "../accounts/accounts.model";
import { AgendaList, AgendaRow, AgendaSection } from "./AgendaSection";
import type { Agenda, AgendaTouch } from "./agenda.api";
import { type Day, dayOf, daysBetween, formatNearDay, plural } from "./days";
import { touchKindLabel } from "./today.labels";

export function TouchesSection({
  touches,
  date,
  timeZone,
}: {
  touches: Agenda["touches"] | undefined;
  date: Day;
  timeZone?: string;
}) {
  const overdue = touches?.overdue ?? [];
  const dueSoon = touches?.dueSoon ?? [];
  return (
    <AgendaSection
      title="Touches due"
      icon={IconPhoneCall}
      count={touches ? overdue.length + dueSoon.length : undefined}
      countColor={overdue.length > 0 ? "red" : "yellow"}
      empty="Nothing due: every account is within its rhythm."
    >
      {overdue.length > 0 && (
        <TouchGroup title="Overdue" touches={overdue} date={date} timeZone={timeZone} />
      )}
      {dueSoon.length > 0 && (
        <TouchGroup
          title="Due soon"
          touches={dueSoon}
          date={date}
          timeZone={timeZone}
          spaced={overdue.length > 0}
        />
      )}
    </AgendaSection>
  );
}

function TouchGroup({
  title,
  touches,
  date,
  timeZone,
  spaced = false,
}: {
  title: string;
  touches: AgendaTouch[];
  date: Day;
  timeZone?: string;
  spaced?: boolean;
}) {
  return (
    <>
      <Title order={3} fz="xs" tt="uppercase" c="dimmed" fw={700} mt={spaced ? "md" : 0} mb={4}>
        {title}
      </Title>
      <AgendaList label={`${title} touches`}>
        {touches.map((touch) => (
          <TouchRow
            key={`${touch.accountId}-${touch.ruleId}`}
            touch={touch}
            date={date}
            timeZone={timeZone}
          />
        ))}
      </AgendaList>
    </>
  );
}

function TouchRow({ touch, date, timeZone }: { touch: AgendaTouch; date: Day; timeZone?: string }) {
  const overdue = touch.daysOverdue > 0;
  return (
    <AgendaRow
      aside={
        overdue ? (
          <Badge color="red" variant="light" style={{ flexShrink: 0 }}>
            {plural(touch.daysOverdue, "day")} overdue
          </Badge>
        ) : (
          <Badge color="yellow" variant="light" style={{ flexShrink: 0 }}>
            Due {formatNearDay(touch.dueOn, date)}
          </Badge>
        )
      }
    >
      <Group gap={6} wrap="wrap">
        <Anchor
          component={Link}
          to={`/accounts/${touch.accountId}?tab=activity`}
          size="sm"
          fw={600}
        >
          {touch.accountName}
        </Anchor>
      </Group>
      <Text size="xs" c="dimmed">
        {touchKindLabel(touch.kind)} ·{" "}
        {touch.lastTouchAt
          ? `last touch ${formatDate(touch.lastTouchAt)} (${ago(touch.lastTouchAt, date, timeZone)})`
          : "never touched"}
      </Text>
    </AgendaRow>
  );
}

/** "30 days ago", counted in the firm's days up to the day shown (not "last month"). */
function ago(instant: string, date: Day, timeZone?: string): string {
  const days = daysBetween(dayOf(instant, timeZone), date);
  return days <= 0 ? "today" : days === 1 ? "yesterday" : `${days} days ago`;
}
