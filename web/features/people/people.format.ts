/**
 * Pure transforms for the People screens: labels for the contacts API's fixed lists, names,
 * and the dates of people's lives (a birthday may have no year, so it is never a Date).
 */
import type {
  ContactLevel,
  ImportantDate,
  RelationshipRole,
} from "../../../src/domains/contacts/contacts.inputs";
import {
  contactLevels,
  importantDateKinds,
  preferredChannels,
  relationshipRoles,
} from "../../../src/domains/contacts/contacts.inputs";

export const levelLabels: Record<ContactLevel, string> = {
  executive: "Executive",
  management: "Management",
  operational: "Operational",
};

export const levelColors: Record<ContactLevel, string> = {
  executive: "grape",
  management: "blue",
  operational: "gray",
};

export const levelOptions = contactLevels.map((value) => ({ value, label: levelLabels[value] }));

export const channelLabels: Record<(typeof preferredChannels)[number], string> = {
  email: "Email",
  phone: "Phone",
  video: "Video call",
  in_person: "In person",
  chat: "Chat",
  text_message: "Text message",
};

export const channelOptions = preferredChannels.map((value) => ({
  value,
  label: channelLabels[value],
}));

export const roleLabels: Record<RelationshipRole, string> = {
  decision_maker: "Decision maker",
  champion: "Champion",
  influencer: "Influencer",
  user: "User",
  procurement: "Procurement",
  billing: "Billing",
  technical: "Technical",
};

export const roleOptions = relationshipRoles.map((value) => ({ value, label: roleLabels[value] }));

export const dateKindLabels: Record<(typeof importantDateKinds)[number], string> = {
  birthday: "Birthday",
  partnership_anniversary: "Partnership anniversary",
  custom: "Other date",
};

export const dateKindOptions = importantDateKinds.map((value) => ({
  value,
  label: dateKindLabels[value],
}));

export const monthNames = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

export const monthOptions = monthNames.map((label, index) => ({
  value: String(index + 1),
  label,
}));

export function fullName(person: { firstName: string; lastName: string | null }): string {
  return [person.firstName, person.lastName].filter(Boolean).join(" ");
}

export function initialsOf(person: { firstName: string; lastName: string | null }): string {
  return `${person.firstName[0] ?? ""}${person.lastName?.[0] ?? ""}`.toUpperCase() || "?";
}

/** "14 March 1980", or "14 March" when the year is not known. */
export function formatImportantDay(date: Pick<ImportantDate, "day" | "month" | "year">): string {
  const month = monthNames[date.month - 1] ?? "";
  return date.year ? `${date.day} ${month} ${date.year}` : `${date.day} ${month}`;
}

/** What the date is called on screen: the label of a custom date, else its kind. */
export function importantDateTitle(date: Pick<ImportantDate, "kind" | "label">): string {
  if (date.kind === "custom") return date.label || dateKindLabels.custom;
  return date.label ? `${dateKindLabels[date.kind]}: ${date.label}` : dateKindLabels[date.kind];
}

/** Days until the date comes round again (0 = today), counted on the viewer's calendar. */
export function daysUntilNext(
  date: Pick<ImportantDate, "day" | "month">,
  today: Date = new Date(),
): number {
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const next = (year: number) => {
    // 29 February comes round on 28 February in common years.
    const lastDay = new Date(year, date.month, 0).getDate();
    return new Date(year, date.month - 1, Math.min(date.day, lastDay));
  };
  let candidate = next(start.getFullYear());
  if (candidate < start) candidate = next(start.getFullYear() + 1);
  return Math.round((candidate.getTime() - start.getTime()) / 86_400_000);
}

export function describeNext(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days < 60) return `in ${days} days`;
  return `in ${Math.round(days / 30)} months`;
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });
const monthFormat = new Intl.DateTimeFormat(undefined, {
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** A calendar date (YYYY-MM-DD) as people read it; read in UTC so it never shifts a day. */
export function formatCalendarDay(iso: string | null | undefined): string {
  return iso ? dayFormat.format(new Date(`${iso}T00:00:00Z`)) : "—";
}

/** "Mar 2024 – now", "since Jan 2022", "Jan 2022 – Feb 2024". */
export function formatPeriod(startedOn: string | null, endedOn: string | null): string {
  const month = (iso: string) => monthFormat.format(new Date(`${iso}T00:00:00Z`));
  if (startedOn && endedOn) return `${month(startedOn)} – ${month(endedOn)}`;
  if (startedOn) return `Since ${month(startedOn)}`;
  if (endedOn) return `Until ${month(endedOn)}`;
  return "Dates not recorded";
}

/** Today as YYYY-MM-DD in the viewer's time zone (the default for "left on"). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Splits a textarea of one-item-per-line (or comma) text into trimmed, non-empty entries. */
export function splitLines(text: string): string[] {
  return text
    .split(/[\n,;]/)
    .map((part) => part.trim())
    .filter(Boolean);
}
