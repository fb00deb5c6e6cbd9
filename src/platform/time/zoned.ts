/**
 * Calendar days in a time zone. Due dates, "today", the week ahead and report periods are
 * the firm's days (the workspace's IANA time zone), while instants are stored in UTC. Days
 * are plain `YYYY-MM-DD` strings so they compare and sort as text and never drift with the
 * server's own zone. DST is handled by the zone rules (dayjs + Intl), not by adding hours.
 */
import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);
dayjs.extend(timezone);

export type Day = string;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True for an IANA zone name this runtime knows ("Europe/Paris", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * One formatter per zone: building an Intl.DateTimeFormat costs far more than using one, and
 * cadence states, agendas and reports ask for thousands of days per request.
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** The calendar day an instant falls on in the zone. */
export function dayOf(instant: Date, timeZone: string): Day {
  const parts = dayFormat(timeZone).formatToParts(instant);
  let year = "";
  let month = "";
  let day = "";
  for (const part of parts) {
    if (part.type === "year") year = part.value;
    else if (part.type === "month") month = part.value;
    else if (part.type === "day") day = part.value;
  }
  return `${year}-${month}-${day}`;
}

/** The instant the day starts in the zone (local midnight, which DST can move). */
export function startOfDay(day: Day, timeZone: string): Date {
  if (!DAY.test(day)) throw new Error(`Not a day: ${day}`);
  return dayjs.tz(`${day}T00:00:00`, timeZone).toDate();
}

/** The day n days after (or before, for negative n) the given one; month ends roll over. */
export function addDays(day: Day, n: number): Day {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Whole days from a to b (positive when b is later), counted on the calendar. */
export function daysBetween(a: Day, b: Day): number {
  const ms = Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}
