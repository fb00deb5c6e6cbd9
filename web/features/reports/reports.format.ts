/**
 * How the activity report's measures read on screen: shares as percentages, medians with
 * their unit, and an em dash where the server says null (nothing to measure, not zero).
 */
const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 0 });
const dayOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

export const NONE = "—";

export const formatCount = (value: number | null) => (value === null ? NONE : whole.format(value));
export const formatNumber = (value: number | null) =>
  value === null ? NONE : oneDecimal.format(value);
export const formatShare = (value: number | null) =>
  value === null ? NONE : percent.format(value);
export const formatDays = (value: number | null) =>
  value === null ? NONE : `${oneDecimal.format(value)} ${value === 1 ? "day" : "days"}`;

/** Lateness in minutes; negative means meetings started early on the whole. */
export function formatMinutes(value: number | null): string {
  if (value === null) return NONE;
  const minutes = oneDecimal.format(Math.abs(value));
  if (value === 0) return "On time";
  return value > 0 ? `${minutes} min late` : `${minutes} min early`;
}

/** A YYYY-MM-DD day as people read it ("3 Mar 2026"), never shifted by the viewer's zone. */
export const formatDay = (day: string) => dayOnly.format(new Date(`${day}T00:00:00Z`));
