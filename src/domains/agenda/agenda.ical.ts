/**
 * A member's calendar feed as iCalendar (RFC 5545), written with ical.js: planned (and
 * since held or cancelled) interactions from 30 days back to 180 ahead, open tasks due in
 * that window and touches due soon or overdue (all-day), and important dates (yearly).
 * UIDs are stable and SEQUENCE counts reschedules, so a calendar app that re-reads the feed
 * moves an event instead of adding a second one.
 */
import ICAL from "ical.js";
import { recordAudit } from "../../platform/audit/audit.queries";
import type { Ctx } from "../../platform/http/context";
import { addDays, type Day, dayOf } from "../../platform/time/zoned";
import { getWorkspaceTimeZone } from "../workspaces";
import { occurrenceIn } from "./agenda.dates";
import {
  type AgendaInteraction,
  listMemberInteractions,
  listMemberTasksDue,
  listMemberTouches,
} from "./agenda.queries";
import { loadYearlyReminders, type YearlyReminder } from "./agenda.scope";

const DAY_MS = 86_400_000;
export const FEED_DAYS_BACK = 30;
export const FEED_DAYS_AHEAD = 180;
/** Planned interactions without a duration are shown as half an hour. */
const DEFAULT_MINUTES = 30;

const utc = (instant: Date) => ICAL.Time.fromJSDate(instant, true);
const allDay = (day: Day) => ICAL.Time.fromDateString(day);

/** "video_call" → "Video call". */
export function kindLabel(kind: string): string {
  if (kind === "check_in") return "Check-in";
  const words = kind.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function event(props: {
  uid: string;
  stamp: Date;
  lastModified?: Date;
  sequence: number;
  summary: string;
  description?: string;
}): ICAL.Component {
  const vevent = new ICAL.Component("vevent");
  vevent.addPropertyWithValue("uid", props.uid);
  vevent.addPropertyWithValue("dtstamp", utc(props.stamp));
  if (props.lastModified) vevent.addPropertyWithValue("last-modified", utc(props.lastModified));
  vevent.addPropertyWithValue("sequence", props.sequence);
  vevent.addPropertyWithValue("summary", props.summary);
  if (props.description) vevent.addPropertyWithValue("description", props.description);
  return vevent;
}

function allDayEvent(vevent: ICAL.Component, day: Day): ICAL.Component {
  vevent.addPropertyWithValue("dtstart", allDay(day));
  vevent.addPropertyWithValue("dtend", allDay(addDays(day, 1)));
  // An all-day reminder should not block the member's free/busy time.
  vevent.addPropertyWithValue("transp", "TRANSPARENT");
  return vevent;
}

function interactionEvent(i: AgendaInteraction): ICAL.Component {
  const people = i.contacts.map((c) => c.name).join(", ");
  const vevent = event({
    uid: `interaction-${i.id}@rapport`,
    stamp: i.updatedAt,
    lastModified: i.updatedAt,
    // As in the interaction's own .ics: cancelling is one more revision.
    sequence: i.reschedules + (i.state === "cancelled" ? 1 : 0),
    summary: `${kindLabel(i.kind)}: ${i.account.name}`,
    description: people ? `With ${people}` : undefined,
  });
  vevent.addPropertyWithValue("dtstart", utc(i.scheduledAt));
  const minutes = i.durationMinutes || DEFAULT_MINUTES;
  vevent.addPropertyWithValue("dtend", utc(new Date(i.scheduledAt.getTime() + minutes * 60_000)));
  vevent.addPropertyWithValue("status", i.state === "cancelled" ? "CANCELLED" : "CONFIRMED");
  return vevent;
}

/** The yearly rule; 29 February becomes "the last day of February" so it shows every year. */
function yearlyRule(r: YearlyReminder) {
  return r.month === 2 && r.day === 29
    ? ICAL.Recur.fromString("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1")
    : ICAL.Recur.fromString("FREQ=YEARLY");
}

/** A year the feed can start a date in when its own is unknown: 2000 has a 29 February. */
const UNKNOWN_YEAR = 2000;

function reminderEvent(r: YearlyReminder, stamp: Date): ICAL.Component {
  const isAccount = r.source === "account";
  // An anniversary recurs from its first year; a birthday from the day itself.
  const firstYear = (r.year ?? UNKNOWN_YEAR) + (isAccount ? 1 : 0);
  const what =
    r.kind === "birthday"
      ? "birthday"
      : r.kind === "partnership_anniversary"
        ? "anniversary"
        : (r.label ?? "important date");
  const vevent = event({
    uid: isAccount
      ? `anniversary-${r.account.id}@rapport`
      : `date-${r.contact?.id}-${r.key}@rapport`,
    stamp,
    sequence: 0,
    summary: isAccount
      ? `Partnership anniversary: ${r.account.name}`
      : `${r.contact?.name}: ${what}`,
    description: isAccount ? undefined : r.account.name,
  });
  allDayEvent(vevent, occurrenceIn(r, firstYear));
  vevent.addPropertyWithValue("rrule", yearlyRule(r));
  return vevent;
}

export async function buildMemberCalendar(
  ctx: Ctx,
  memberId: string,
  options: { name: string },
): Promise<string> {
  const now = ctx.now();
  const timeZone = await getWorkspaceTimeZone(ctx);
  const today = dayOf(now, timeZone);
  const from = new Date(now.getTime() - FEED_DAYS_BACK * DAY_MS);
  const to = new Date(now.getTime() + FEED_DAYS_AHEAD * DAY_MS);
  const [meetings, due, touches, reminders] = await Promise.all([
    listMemberInteractions(ctx, memberId, {
      from,
      to,
      timeZone,
      states: ["planned", "completed", "cancelled"],
    }),
    listMemberTasksDue(ctx, memberId, { from, before: to }),
    listMemberTouches(ctx, memberId, now, timeZone),
    loadYearlyReminders(ctx, memberId, { today, timeZone }),
  ]);

  const calendar = new ICAL.Component(["vcalendar", [], []]);
  calendar.addPropertyWithValue("prodid", "-//Rapport//Agenda//EN");
  calendar.addPropertyWithValue("version", "2.0");
  calendar.addPropertyWithValue("calscale", "GREGORIAN");
  calendar.addPropertyWithValue("x-wr-calname", options.name);
  calendar.addPropertyWithValue("x-wr-timezone", timeZone);
  const refresh = calendar.addPropertyWithValue(
    "refresh-interval",
    ICAL.Duration.fromString("PT1H"),
  );
  refresh.setParameter("value", "DURATION");
  calendar.addPropertyWithValue("x-published-ttl", "PT1H");

  for (const i of meetings) calendar.addSubcomponent(interactionEvent(i));
  for (const t of due) {
    const vevent = event({
      uid: `task-${t.id}@rapport`,
      stamp: t.updatedAt,
      lastModified: t.updatedAt,
      sequence: t.version - 1,
      summary: `Task: ${t.title}`,
      description: t.accountName ?? undefined,
    });
    calendar.addSubcomponent(allDayEvent(vevent, dayOf(t.dueAt as Date, timeZone)));
  }
  for (const touch of touches) {
    const vevent = event({
      uid: `cadence-${touch.accountId}-${touch.ruleId}@rapport`,
      stamp: now,
      sequence: 0,
      summary: `${touch.state === "overdue" ? "Overdue touch" : "Touch due"}: ${touch.accountName}`,
      description:
        touch.kind === "any" ? "Any meaningful touch" : `${kindLabel(touch.kind)} expected`,
    });
    calendar.addSubcomponent(allDayEvent(vevent, touch.dueOn));
  }
  for (const r of reminders) calendar.addSubcomponent(reminderEvent(r, now));
  // The feed hands personal dates to another calendar: each fetch is one audited read
  // naming every person whose dates it carried (calendar apps poll hourly, so one event per
  // fetch rather than one per person).
  const people = [...new Set(reminders.flatMap((r) => (r.contact ? [r.contact.id] : [])))];
  if (people.length > 0) {
    await recordAudit(ctx, {
      action: "calendar_feed.memory_read",
      entityType: "member",
      entityId: memberId,
      after: { contactIds: people },
    });
  }
  return calendar.toString();
}
