/**
 * A planned interaction as an iCalendar invitation (RFC 5545, METHOD:REQUEST) with
 * ical.js. The UID is stable (`interaction-<id>@rapport`) and SEQUENCE counts the
 * reschedules, so a calendar that imported the first file updates the event instead of
 * adding a second one. A cancelled interaction gives STATUS:CANCELLED (METHOD:CANCEL, one
 * sequence later) so the calendar can drop it. Times are UTC.
 */
import ICAL from "ical.js";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import { getAccount } from "../accounts";
import type { InteractionView } from "./interactions.links";
import { readInteraction } from "./interactions.queries";

/** When no duration was given: the length of a usual meeting. */
export const DEFAULT_DURATION_MINUTES = 30;

const kindLabels: Record<InteractionView["kind"], string> = {
  meeting: "Meeting",
  call: "Call",
  video_call: "Video call",
  email: "Email",
  visit: "Visit",
  strategy_session: "Strategy session",
  check_in: "Check-in",
  event: "Event",
  note: "Note",
};

export function interactionUid(id: string): string {
  return `interaction-${id}@rapport`;
}

function utc(date: Date): ICAL.Time {
  return ICAL.Time.fromJSDate(date, true);
}

function description(interaction: InteractionView): string {
  const parts = [
    interaction.summary,
    interaction.nextSteps && `Next steps: ${interaction.nextSteps}`,
  ];
  return parts.filter(Boolean).join("\n\n");
}

export function toIcs(input: {
  interaction: InteractionView;
  accountName: string;
  organizer: { name: string; email: string } | undefined;
  now: Date;
}): string {
  const { interaction, accountName, organizer, now } = input;
  if (!interaction.scheduledAt) throw new Error("a planned interaction has scheduledAt");
  const cancelled = interaction.state === "cancelled";
  const calendar = new ICAL.Component("vcalendar");
  calendar.addPropertyWithValue("prodid", "-//Rapport//Interactions//EN");
  calendar.addPropertyWithValue("version", "2.0");
  calendar.addPropertyWithValue("calscale", "GREGORIAN");
  calendar.addPropertyWithValue("method", cancelled ? "CANCEL" : "REQUEST");
  const event = new ICAL.Component("vevent");
  event.addPropertyWithValue("uid", interactionUid(interaction.id));
  const reschedules = interaction.rescheduleHistory.length;
  event.addPropertyWithValue("sequence", cancelled ? reschedules + 1 : reschedules);
  event.addPropertyWithValue("dtstamp", utc(now));
  const start = interaction.scheduledAt;
  const minutes = interaction.durationMinutes ?? DEFAULT_DURATION_MINUTES;
  event.addPropertyWithValue("dtstart", utc(start));
  event.addPropertyWithValue("dtend", utc(new Date(start.getTime() + minutes * 60_000)));
  event.addPropertyWithValue("summary", `${kindLabels[interaction.kind]} with ${accountName}`);
  const text = description(interaction);
  if (text) event.addPropertyWithValue("description", text);
  event.addPropertyWithValue("status", cancelled ? "CANCELLED" : "CONFIRMED");
  if (organizer) {
    const property = event.addPropertyWithValue("organizer", `mailto:${organizer.email}`);
    property.setParameter("cn", organizer.name);
  }
  for (const contact of interaction.contacts) {
    if (!contact.email) continue;
    const property = event.addPropertyWithValue("attendee", `mailto:${contact.email}`);
    property.setParameter("cn", contact.name);
    property.setParameter("role", "REQ-PARTICIPANT");
    property.setParameter("partstat", "NEEDS-ACTION");
    property.setParameter("rsvp", "TRUE");
  }
  calendar.addSubcomponent(event);
  // RFC 5545 lines end in CRLF; ical.js joins them so already.
  return `${calendar.toString()}\r\n`;
}

/** The invitation of a planned (or cancelled) interaction; one that happened has none. */
export async function interactionInvitation(ctx: Ctx, interactionId: string) {
  const interaction = await readInteraction(ctx, interactionId);
  if (interaction.state === "completed" || !interaction.scheduledAt) {
    throw new AppError(
      "CONFLICT",
      "It already happened: only a planned interaction has an invitation.",
    );
  }
  const account = await getAccount(ctx, interaction.accountId);
  const organizer =
    interaction.members.find((m) => m.id === interaction.createdById) ?? interaction.members[0];
  return {
    interaction,
    ics: toIcs({ interaction, accountName: account.name, organizer, now: ctx.now() }),
  };
}
