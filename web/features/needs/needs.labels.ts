/**
 * Words, colours and icons for needs (kind, priority, status), so the list, the form and
 * any later screen (search, reports) say "Challenge" or "High priority" the same way.
 */
import type { DefaultMantineColor } from "@mantine/core";
import { IconBarrierBlock, IconLifebuoy, IconTargetArrow } from "@tabler/icons-react";
import {
  type NeedStatus,
  needKinds,
  needPriorities,
} from "../../../src/domains/needs/needs.inputs";

export type NeedKind = (typeof needKinds)[number];
export type NeedPriority = (typeof needPriorities)[number];

export const kindLabels: Record<NeedKind, string> = {
  goal: "Goal",
  challenge: "Challenge",
  need: "Need",
};

/** Shown under the kind picker: the three words are close, so say where each one fits. */
export const kindDescriptions: Record<NeedKind, string> = {
  goal: "Something they want to achieve.",
  challenge: "Something in their way.",
  need: "Something they need, from us or anyone.",
};

export const kindIcons = {
  goal: IconTargetArrow,
  challenge: IconBarrierBlock,
  need: IconLifebuoy,
} satisfies Record<NeedKind, unknown>;

export const kindColor: Record<NeedKind, DefaultMantineColor | "rapport"> = {
  goal: "rapport",
  challenge: "orange",
  need: "blue",
};

export const priorityLabels: Record<NeedPriority, string> = {
  high: "High",
  medium: "Medium",
  low: "Low",
};

// Low priority is gray on purpose: it should not compete with the high ones for attention.
export const priorityColor: Record<NeedPriority, DefaultMantineColor> = {
  high: "red",
  medium: "yellow",
  low: "gray",
};

export const statusLabels: Record<NeedStatus, string> = {
  open: "Open",
  addressed: "Addressed",
  dropped: "Dropped",
};

export const statusColor: Record<NeedStatus, DefaultMantineColor | "rapport"> = {
  open: "blue",
  addressed: "rapport",
  dropped: "gray",
};

export const kindOptions = needKinds.map((kind) => ({ value: kind, label: kindLabels[kind] }));
export const priorityOptions = needPriorities.map((priority) => ({
  value: priority,
  label: priorityLabels[priority],
}));
