/**
 * Which day Today shows: previous / next day, a calendar, and a way back to today. The day
 * lives in the URL (?date=YYYY-MM-DD; none means today), so a day can be shared or revisited
 * with Back.
 */
import "@mantine/dates/styles.css";
import { ActionIcon, Button, Group } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { IconCalendar, IconChevronLeft, IconChevronRight } from "@tabler/icons-react";
import dayjs from "dayjs";
import { addDays, type Day, formatNearDay } from "./days";

const calendarAriaLabels = {
  previousMonth: "Previous month",
  nextMonth: "Next month",
  previousYear: "Previous year",
  nextYear: "Next year",
  previousDecade: "Previous decade",
  nextDecade: "Next decade",
  monthLevelControl: "Choose a month",
  yearLevelControl: "Choose a year",
};

const VALUE_FORMAT = "ddd D MMM YYYY";

type DateSwitcherProps = {
  /** The day shown. */
  date: Day;
  /** Today in the workspace's zone. */
  today: Day;
  /** A day to show; null goes back to today. */
  onChange: (date: Day | null) => void;
};

export function DateSwitcher({ date, today, onChange }: DateSwitcherProps) {
  const go = (day: Day) => onChange(day === today ? null : day);
  return (
    <Group gap={6} wrap="nowrap" role="group" aria-label="Choose the day">
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={`Previous day, ${formatNearDay(addDays(date, -1), today)}`}
        onClick={() => go(addDays(date, -1))}
      >
        <IconChevronLeft size={18} />
      </ActionIcon>
      <DatePickerInput
        // The name must contain the visible text (WCAG 2.5.3), so it repeats the formatted day.
        aria-label={`Day shown: ${dayjs(date).format(VALUE_FORMAT)}`}
        leftSection={<IconCalendar size={16} aria-hidden />}
        valueFormat={VALUE_FORMAT}
        value={date}
        onChange={(day) => day && go(day)}
        ariaLabels={calendarAriaLabels}
        popoverProps={{ position: "bottom-end" }}
        w={180}
      />
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={`Next day, ${formatNearDay(addDays(date, 1), today)}`}
        onClick={() => go(addDays(date, 1))}
      >
        <IconChevronRight size={18} />
      </ActionIcon>
      <Button variant="default" disabled={date === today} onClick={() => onChange(null)}>
        Today
      </Button>
    </Group>
  );
}
