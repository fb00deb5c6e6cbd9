/**
 * Planned interactions: the day's (time, kind, account, who) and the week ahead's, where
 * the day leads each row. Interactions have no page of their own yet, so the account's
 * activity tab is where each one opens.
 */
import { Anchor, Group, Text, ThemeIcon } from "@mantine/core";
import type { Icon } from "@tabler/icons-react";
import { Link } from "react-router";
import { AgendaList, AgendaRow, AgendaSection } from "./AgendaSection";
import type { AgendaInteraction } from "./agenda.api";
import { type Day, formatNearDay, formatTime } from "./days";
import { interactionKindIcons, interactionKindLabels } from "./today.labels";

type PlannedSectionProps = {
  title: string;
  icon: Icon;
  interactions: AgendaInteraction[] | undefined;
  /** The day the agenda is for: rows on other days say which day they are on. */
  date: Day;
  timeZone?: string;
  empty: string;
};

export function PlannedSection({
  title,
  icon,
  interactions,
  date,
  timeZone,
  empty,
}: PlannedSectionProps) {
  return (
    <AgendaSection title={title} icon={icon} count={interactions?.length} empty={empty}>
      <AgendaList>
        {interactions?.map((interaction) => (
          <PlannedRow
            key={interaction.id}
            interaction={interaction}
            date={date}
            timeZone={timeZone}
          />
        ))}
      </AgendaList>
    </AgendaSection>
  );
}

function PlannedRow({
  interaction,
  date,
  timeZone,
}: {
  interaction: AgendaInteraction;
  date: Day;
  timeZone?: string;
}) {
  const KindIcon = interactionKindIcons[interaction.kind];
  const time = formatTime(interaction.scheduledAt, timeZone);
  const when = interaction.day === date ? time : `${formatNearDay(interaction.day, date)}, ${time}`;
  const who = interaction.contacts.map((contact) => contact.name).join(", ");
  return (
    <AgendaRow
      icon={
        <ThemeIcon variant="light" color="blue" size={28} radius="md" mt={2} aria-hidden>
          <KindIcon size={16} />
        </ThemeIcon>
      }
    >
      <Group gap={8} wrap="wrap">
        <Text size="sm" fw={700} style={{ fontVariantNumeric: "tabular-nums" }}>
          {when}
        </Text>
        <Text size="sm">
          {interactionKindLabels[interaction.kind]} with{" "}
          <Anchor
            component={Link}
            to={`/accounts/${interaction.account.id}?tab=activity`}
            size="sm"
            fw={600}
          >
            {interaction.account.name}
          </Anchor>
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {[
          who || "No contact named yet",
          interaction.durationMinutes ? `${interaction.durationMinutes} min` : null,
          interaction.reschedules > 0
            ? `moved ${interaction.reschedules === 1 ? "once" : `${interaction.reschedules} times`}`
            : null,
        ]
          .filter(Boolean)
          .join(" · ")}
      </Text>
      {interaction.summary && (
        <Text size="sm" lineClamp={2}>
          {interaction.summary}
        </Text>
      )}
    </AgendaRow>
  );
}
