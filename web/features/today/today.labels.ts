/**
 * Words and icons for what the agenda lists: interaction kinds, the kind of touch a cadence
 * rule asks for, and important dates. Kept here until the activity screens share their own.
 */
import {
  type Icon,
  IconBriefcase,
  IconBuildingStore,
  IconCake,
  IconCalendarEvent,
  IconChecklist,
  IconHeartHandshake,
  IconMail,
  IconMessageCircle,
  IconNote,
  IconPhone,
  IconStar,
  IconUsers,
  IconVideo,
} from "@tabler/icons-react";
import type { CadenceKind } from "../../../src/domains/cadence/cadence.inputs";
import type { InteractionKind } from "../../../src/domains/interactions/interactions.inputs";
import type { ImportantDateOccurrence } from "./agenda.api";

export const interactionKindLabels: Record<InteractionKind, string> = {
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

export const interactionKindIcons: Record<InteractionKind, Icon> = {
  meeting: IconUsers,
  call: IconPhone,
  video_call: IconVideo,
  email: IconMail,
  visit: IconBuildingStore,
  strategy_session: IconBriefcase,
  check_in: IconMessageCircle,
  event: IconCalendarEvent,
  note: IconNote,
};

/** What the rule asks for, as the end of "… due": "Any touch", "A call", "A visit". */
export function touchKindLabel(kind: CadenceKind): string {
  if (kind === "any") return "Any touch";
  const label = interactionKindLabels[kind].toLowerCase();
  return `${/^[aeiou]/.test(label) ? "An" : "A"} ${label}`;
}

export const importantDateIcons: Record<ImportantDateOccurrence["kind"], Icon> = {
  birthday: IconCake,
  partnership_anniversary: IconHeartHandshake,
  custom: IconStar,
};

export const importantDateKindLabels: Record<ImportantDateOccurrence["kind"], string> = {
  birthday: "Birthday",
  partnership_anniversary: "Anniversary",
  custom: "Important date",
};

export const taskIcon = IconChecklist;
