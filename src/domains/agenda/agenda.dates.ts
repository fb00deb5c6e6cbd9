/**
 * Important dates as days on the firm's calendar: when a contact's birthday, anniversary or
 * custom date, or an account's partnership anniversary, falls in a window of days, how old
 * it is then, and what gesture to suggest. Pure functions: the agenda and the calendar feed
 * load the dates, this file decides what they mean.
 */
import type { Day } from "../../platform/time/zoned";

export type ImportantDateKind = "birthday" | "partnership_anniversary" | "custom";

/** A yearly date as stored: a month and day, the year only when known. */
export type YearlyDate = { month: number; day: number; year?: number | null };

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The day the date is marked in a year: 29 February falls on 28 February in other years. */
export function occurrenceIn(date: YearlyDate, year: number): Day {
  const day = date.month === 2 && date.day === 29 && !isLeapYear(year) ? 28 : date.day;
  return `${year}-${pad(date.month)}-${pad(day)}`;
}

/**
 * Every day in [from, to] (inclusive, at most a year apart) on which the date is marked.
 * A window across New Year looks in both years.
 */
export function occurrencesBetween(date: YearlyDate, from: Day, to: Day): Day[] {
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  const found: Day[] = [];
  for (let year = first; year <= last; year += 1) {
    // Nothing before it happened: no birthday before birth, no anniversary before the start.
    if (date.year != null && year < date.year) continue;
    const on = occurrenceIn(date, year);
    if (on >= from && on <= to) found.push(on);
  }
  return found;
}

/** Whole years the date has come round by `on` (a birthday's age); null when the year is unknown. */
export function yearsAt(date: YearlyDate, on: Day): number | null {
  return date.year == null ? null : Number(on.slice(0, 4)) - date.year;
}

/** A round number worth more than a note: 10, 20, 30… years of age; 5, 10, 15… of a partnership. */
function isMilestone(kind: ImportantDateKind | "account_anniversary", years: number | null) {
  if (years === null || years <= 0) return false;
  return kind === "birthday" ? years % 10 === 0 : years % 5 === 0;
}

export type GestureInput = {
  kind: ImportantDateKind;
  /** Whose date it is: a contact's own, or the account's partnership with the firm. */
  source: "contact" | "account";
  years: number | null;
  preferredChannel?: string | null;
};

/** What to do about it: a short, concrete suggestion shown next to the date. */
export function suggestGesture(input: GestureInput): string {
  const { kind, source, years } = input;
  if (source === "account") {
    return isMilestone("account_anniversary", years)
      ? `Mark ${years} years of partnership: a note from the lead and a small gift for the team.`
      : "Thank them for another year of partnership: a personal note from the lead.";
  }
  if (kind === "birthday") {
    if (isMilestone("birthday", years)) return "A milestone birthday: send a handwritten card.";
    return input.preferredChannel === "phone"
      ? "Call to wish them a happy birthday."
      : "Send a personal birthday message.";
  }
  if (kind === "partnership_anniversary") return "Send your congratulations on their anniversary.";
  return "Mark the occasion with a short personal note.";
}

/** The headline of an occurrence: "Ada Lovelace turns 46", "3 years with Acme". */
export function describeOccurrence(input: {
  kind: ImportantDateKind;
  source: "contact" | "account";
  years: number | null;
  personName: string | null;
  accountName: string;
  label: string | null;
}): string {
  const { kind, source, years, personName, accountName, label } = input;
  if (source === "account") {
    return years === null || years <= 0
      ? `Partnership anniversary with ${accountName}`
      : `${years} year${years === 1 ? "" : "s"} of partnership with ${accountName}`;
  }
  const who = personName ?? "";
  if (kind === "birthday") {
    return years === null ? `${who}'s birthday` : `${who} turns ${years}`;
  }
  if (kind === "partnership_anniversary") {
    return years === null ? `${who}'s anniversary` : `${who}'s ${ordinal(years)} anniversary`;
  }
  return label ? `${who}: ${label}` : `${who}: important date`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th"}`;
}
