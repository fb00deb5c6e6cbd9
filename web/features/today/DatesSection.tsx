/**
 * Important dates in the next 7 days: birthdays and anniversaries of the people at the
 * member's accounts, and the accounts' own partnership anniversaries, each with the gesture
 * the API suggests, so remembering turns into doing.
 */
import { Anchor, Badge, Group, Text, ThemeIcon } from "@mantine/core";
import { IconBulb, IconCake } from "@tabler/icons-react";
import { Link } from "react-router";
import { AgendaList, AgendaRow, AgendaSection } from "./AgendaSection";
import type { ImportantDateOccurrence } from "./agenda.api";
import { formatWeekday } from "./days";
import { importantDateIcons, importantDateKindLabels } from "./today.labels";

export function DatesSection({ dates }: { dates: ImportantDateOccurrence[] | undefined }) {
  return (
    <AgendaSection
      title="Important dates"
      icon={IconCake}
      count={dates?.length}
      empty="No birthdays or anniversaries in the next 7 days among the people you look after."
    >
      <AgendaList>
        {dates?.map((occurrence) => (
          <DateRow
            key={`${occurrence.on}-${occurrence.kind}-${occurrence.contact?.id ?? occurrence.account.id}-${occurrence.title}`}
            occurrence={occurrence}
          />
        ))}
      </AgendaList>
    </AgendaSection>
  );
}

function DateRow({ occurrence }: { occurrence: ImportantDateOccurrence }) {
  const KindIcon = importantDateIcons[occurrence.kind];
  // The badge says how soon (what decides whether a card still arrives in time); the day
  // itself follows in the line below.
  const soon =
    occurrence.daysUntil === 0
      ? "Today"
      : occurrence.daysUntil === 1
        ? "Tomorrow"
        : `In ${occurrence.daysUntil} days`;
  return (
    <AgendaRow
      icon={
        <ThemeIcon variant="light" color="grape" size={28} radius="md" mt={2} aria-hidden>
          <KindIcon size={16} />
        </ThemeIcon>
      }
      aside={
        <Badge
          color={occurrence.daysUntil === 0 ? "grape" : "gray"}
          variant="light"
          style={{ flexShrink: 0 }}
        >
          {soon}
        </Badge>
      }
    >
      <Text size="sm" fw={600}>
        {occurrence.contact ? (
          <Anchor component={Link} to={`/people/${occurrence.contact.id}`} inherit>
            {occurrence.title}
          </Anchor>
        ) : (
          occurrence.title
        )}
      </Text>
      <Text size="xs" c="dimmed">
        {occurrence.source === "account"
          ? "Partnership anniversary"
          : importantDateKindLabels[occurrence.kind]}
        {occurrence.label ? ` (${occurrence.label})` : ""} · {formatWeekday(occurrence.on)} ·{" "}
        <Anchor
          component={Link}
          to={`/accounts/${occurrence.account.id}`}
          inherit
          underline="always"
        >
          {occurrence.account.name}
        </Anchor>
      </Text>
      <Group gap={6} wrap="nowrap" align="flex-start" mt={2}>
        <IconBulb size={14} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
        <Text size="sm">
          <Text span fw={500}>
            Suggested:
          </Text>{" "}
          {occurrence.suggestion}
        </Text>
      </Group>
    </AgendaRow>
  );
}
