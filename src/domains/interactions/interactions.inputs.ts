/**
 * The fixed lists of the interactions domain (kinds, directions, states), shared by the
 * schema, the routes and the web forms. Imports only zod: the browser bundles this file.
 */
export const interactionKinds = [
  "meeting",
  "call",
  "video_call",
  "email",
  "visit",
  "strategy_session",
  "check_in",
  "event",
  "note",
] as const;
export type InteractionKind = (typeof interactionKinds)[number];

/** A touch that counts for cadence ("any meaningful kind"): everything but an internal note. */
export const meaningfulKinds: readonly InteractionKind[] = interactionKinds.filter(
  (kind) => kind !== "note",
);

/** Kinds whose substance must be written down: a summary is required once they happened. */
export const kindsNeedingSummary: readonly InteractionKind[] = [
  "meeting",
  "call",
  "visit",
  "strategy_session",
];

export const interactionDirections = ["inbound", "outbound"] as const;
export type InteractionDirection = (typeof interactionDirections)[number];

/** Planned (scheduled, not yet happened), completed (it happened), or cancelled. */
export const interactionStates = ["planned", "completed", "cancelled"] as const;
export type InteractionState = (typeof interactionStates)[number];

/** One reschedule of a planned interaction, oldest first. */
export type Reschedule = {
  from: string;
  to: string;
  at: string;
  byMemberId: string;
  reason?: string;
};
