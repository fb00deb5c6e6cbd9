/**
 * Calendar days as the firm counts them: "YYYY-MM-DD" strings in the workspace's time zone,
 * so "late" and "today" mean the same in the browser as in the agenda the server computed,
 * whatever zone the viewer's laptop is set to.
 */

export type Day = string;

/** The day an instant falls on in a time zone (the browser's own when none is given). */
export function dayOf(instant: Date | string, timeZone?: string): Day {
  // en-CA writes dates as YYYY-MM-DD, which is exactly the Day format.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(instant));
}

export function todayIn(timeZone?: string): Day {
  return dayOf(new Date(), timeZone);
}

/** Calendar arithmetic on the day itself (UTC noon never crosses a DST edge). */
export function addDays(day: Day, days: number): Day {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

export function isDay(value: string | null): value is Day {
  return Boolean(value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)));
}

const weekdayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});
const longFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "Fri 17 Mar": a day in the coming weeks, where the weekday helps more than the year. */
export function formatWeekday(day: Day): string {
  return weekdayFormat.format(new Date(`${day}T00:00:00Z`));
}

/** "Friday 17 March 2026": the day the agenda shows, in the page's description. */
export function formatLongDay(day: Day): string {
  return longFormat.format(new Date(`${day}T00:00:00Z`));
}

/** "Today", "Tomorrow", "Yesterday", else "Fri 17 Mar", relative to `today`. */
export function formatNearDay(day: Day, today: Day): string {
  const offset = daysBetween(today, day);
  if (offset === 0) return "Today";
  if (offset === 1) return "Tomorrow";
  if (offset === -1) return "Yesterday";
  return formatWeekday(day);
}

/** "14:05" in the workspace's zone: the agenda's times are the firm's, like its days. */
export function formatTime(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, { timeStyle: "short", timeZone }).format(new Date(iso));
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
