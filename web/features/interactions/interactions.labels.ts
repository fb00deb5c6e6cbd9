/**
 * Words and icons for interactions and timeline events (kinds, directions, states), so the
 * quick form, the planned list, the timeline and any later screen (Today, reports) say
 * "Video call" or "Strategy session" the same way.
 */
import type { DefaultMantineColor } from "@mantine/core";
import {
  type Icon,
  IconBuildingStore,
  IconCalendarEvent,
  IconCircleCheck,
  IconFlag,
  IconHeartHandshake,
  IconMail,
  IconMessageCircleQuestion,
  IconNote,
  IconPhone,
  IconPresentation,
  IconProgressCheck,
  IconTargetArrow,
  IconUsersGroup,
  IconVideo,
} from "@tabler/icons-react";
import {
  type InteractionDirection,
  type InteractionKind,
  type InteractionState,
  kindsNeedingSummary,
  type TimelineEventKind,
} from "../../../src/domains/interactions/interactions.inputs";

export type { InteractionDirection, InteractionKind, InteractionState };

export const kindLabels: Record<InteractionKind, string> = {
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

export const kindIcons: Record<InteractionKind, Icon> = {
  meeting: IconUsersGroup,
  call: IconPhone,
  video_call: IconVideo,
  email: IconMail,
  visit: IconBuildingStore,
  strategy_session: IconPresentation,
  check_in: IconHeartHandshake,
  event: IconCalendarEvent,
  note: IconNote,
};

/**
 * The order the quick form offers them: what service firms log most often first. Every
 * kind is offered (a note or an event is rarer, not wrong).
 */
export const kindsByUse: readonly InteractionKind[] = [
  "call",
  "meeting",
  "video_call",
  "email",
  "visit",
  "check_in",
  "strategy_session",
  "event",
  "note",
];
// Compile-time check that the order above names every kind the API knows.
const everyKindOrdered: Exclude<InteractionKind, (typeof kindsByUse)[number]> extends never
  ? true
  : false = true;
void everyKindOrdered;

/** A note is internal: it has no direction and is never planned. */
export const plannableKinds = kindsByUse.filter((kind) => kind !== "note");

export function needsSummary(kind: InteractionKind): boolean {
  return kindsNeedingSummary.includes(kind);
}

export const directionLabels: Record<InteractionDirection, string> = {
  outbound: "We reached out",
  inbound: "They reached out",
};

export const directionOptions = (["outbound", "inbound"] as const).map((value) => ({
  value,
  label: directionLabels[value],
}));

export const stateLabels: Record<InteractionState, string> = {
  planned: "Planned",
  completed: "Done",
  cancelled: "Cancelled",
};

export const stateColor: Record<InteractionState, DefaultMantineColor | "rapport"> = {
  planned: "blue",
  completed: "rapport",
  cancelled: "gray",
};

/** Icons for the events that are not interactions. */
export const eventIcons: Record<Exclude<TimelineEventKind, "interaction">, Icon> = {
  status_change: IconProgressCheck,
  milestone: IconFlag,
  need_learned: IconTargetArrow,
  need_status_changed: IconCircleCheck,
  survey_answer: IconMessageCircleQuestion,
};

/**
 * The timeline's "Show" filter, kept in the URL as ?kind=: one value per interaction kind,
 * plus the other event kinds. Each maps to the API's two filters (event kind, interaction
 * kind) so a link to "Calls only" keeps working after a reload.
 */
export type TimelineShow = "all" | "touches" | InteractionKind | "status" | "milestones" | "needs";

export const timelineShowGroups = [
  {
    group: "Everything",
    items: [
      { value: "all", label: "All activity" },
      { value: "touches", label: "All touches" },
    ],
  },
  {
    group: "Touches by kind",
    items: kindsByUse.map((kind) => ({ value: kind, label: `${kindLabels[kind]}s only` })),
  },
  {
    group: "Other events",
    items: [
      { value: "status", label: "Status changes" },
      { value: "milestones", label: "Milestones" },
      { value: "needs", label: "Needs" },
    ],
  },
];

const showValues = new Set(timelineShowGroups.flatMap((g) => g.items.map((i) => i.value)));

export function parseTimelineShow(raw: string | null): TimelineShow {
  return raw && showValues.has(raw) ? (raw as TimelineShow) : "all";
}

/** The API query for a "Show" choice (comma lists, as the timeline route takes them). */
export function timelineQueryOf(show: TimelineShow): { kind?: string; interactionKind?: string } {
  if (show === "all") return {};
  if (show === "touches") return { kind: "interaction" };
  if (show === "status") return { kind: "status_change" };
  if (show === "milestones") return { kind: "milestone" };
  if (show === "needs") return { kind: "need_learned,need_status_changed" };
  return { kind: "interaction", interactionKind: show };
}

/** "Nothing here yet" in the words of the filter chosen. */
export function emptyTimelineWords(show: TimelineShow): string {
  if (show === "all" || show === "touches") return "No touches logged yet";
  if (show === "status") return "No status changes yet";
  if (show === "milestones") return "No milestones yet";
  if (show === "needs") return "No needs recorded yet";
  return `No ${kindLabels[show].toLowerCase()}s logged yet`;
}

/** "Strategy sessions", "Check-ins": the kind as a noun in a sentence. */
export function kindNoun(kind: InteractionKind): string {
  return kindLabels[kind].toLowerCase();
}
