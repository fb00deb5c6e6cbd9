/**
 * Small pieces the planned list and the timeline both draw: a moment ("3 days ago", the
 * exact time on hover), who took part on each side, and the moves of a rescheduled one.
 */
import { Text, Tooltip } from "@mantine/core";
import { formatDateTime, formatRelative } from "../../components/format";
import { formatDate } from "../accounts/accounts.model";
import type { Interaction } from "./interactions.api";

const relativeDays = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

/** "today", "3 days ago": for events known to the day (a milestone, a need learned). */
function formatRelativeDay(iso: string): string {
  const startOf = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate());
  const days = Math.round(
    (startOf(new Date(iso)).getTime() - startOf(new Date()).getTime()) / 86_400_000,
  );
  return Math.abs(days) <= 30 ? relativeDays.format(days, "day") : formatDate(iso);
}

/**
 * Relative for a glance; the absolute time on hover and in the `datetime` attribute. Events
 * known only to the day say "yesterday" and "12 Mar 2026", never a made-up hour.
 */
export function Moment({
  iso,
  precision = "minute",
}: {
  iso: string;
  precision?: "minute" | "day";
}) {
  const byDay = precision === "day";
  return (
    <Tooltip label={byDay ? formatDate(iso) : formatDateTime(iso)} withArrow openDelay={200}>
      <Text component="time" dateTime={iso} size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
        {byDay ? formatRelativeDay(iso) : formatRelative(iso)}
      </Text>
    </Tooltip>
  );
}

const names = (people: { name: string }[]) => people.map((person) => person.name).join(", ");

export function Participants({ interaction }: { interaction: Interaction }) {
  const { contacts, members } = interaction;
  if (contacts.length === 0 && members.length === 0) return null;
  return (
    <Text size="sm">
      {contacts.length > 0 && (
        <>
          <Text span size="sm" c="dimmed">
            With{" "}
          </Text>
          {names(contacts)}
        </>
      )}
      {contacts.length > 0 && members.length > 0 && (
        <Text span size="sm" c="dimmed">
          {" · "}
        </Text>
      )}
      {members.length > 0 && (
        <>
          <Text span size="sm" c="dimmed">
            Our side:{" "}
          </Text>
          {names(members)}
        </>
      )}
    </Text>
  );
}

/** "Moved from 12 Mar, 10:00 to 14 Mar, 11:00 (their CFO is travelling)", oldest first. */
export function RescheduleNotes({ history }: { history: Interaction["rescheduleHistory"] }) {
  if (history.length === 0) return null;
  return (
    <>
      {history.map((move) => (
        <Text key={move.at} size="xs" c="dimmed">
          Moved from {formatDateTime(move.from)} to {formatDateTime(move.to)}
          {move.reason ? ` (${move.reason})` : ""}
        </Text>
      ))}
    </>
  );
}

/** A labelled block of text the member wrote (summary, decisions, next steps). */
export function Written({ label, text }: { label?: string; text: string | null }) {
  if (!text) return null;
  return (
    <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
      {label && (
        <Text span size="sm" fw={600}>
          {label}:{" "}
        </Text>
      )}
      {text}
    </Text>
  );
}
