/**
 * The fixed lists of the interactions domain (kinds, directions, states), shared by the
 * schema, the routes and the web forms. Imports only zod: the browser bundles this file.
 */
import { z } from "zod";

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

// ---------------------------------------------------------------------------------------------
// Input schemas of the interactions API, shared by the routes and the web forms.

// NUL characters are refused for every route by the platform (rejectNulCharacters).
const instant = z.iso.datetime({ offset: true, error: "Must be a date-time with offset" });
const substance = z.string().trim().max(20_000);
// Repeated ids are harmless (one link each); they are kept so error paths match what was sent.
const ids = (what: string) =>
  z.array(z.uuid({ error: `Must be a ${what} id` })).max(100, "At most 100");

/** Minutes, whole and never negative: a negative duration would end before it started. */
export const durationMinutesInput = z
  .int({ error: "Must be a whole number of minutes" })
  .min(0, "Must not be negative: the end would be before the start")
  .max(24 * 60 * 7, "At most a week");

const editable = {
  kind: z.enum(interactionKinds),
  direction: z.enum(interactionDirections).nullable(),
  /** When it is planned for: required for a planned interaction. */
  scheduledAt: instant,
  /** When it happened: sending it logs (or completes) the interaction. */
  occurredAt: instant,
  /** When it actually started, so lateness against scheduledAt is known. */
  startedAt: instant.nullable(),
  durationMinutes: durationMinutesInput.nullable(),
  /** Required once a meeting, call, visit or strategy session happened. */
  summary: substance.nullable(),
  decisions: substance.nullable(),
  nextSteps: substance.nullable(),
  contactIds: ids("contact"),
  memberIds: ids("member"),
  needIds: ids("need"),
};

/**
 * Logs a touch (occurredAt given: completed) or plans one (no occurredAt: planned, and
 * scheduledAt is required). The rules that need the database (future times, participants
 * of the account, required summary) are checked by the queries, with the same field paths.
 */
export const createInteractionInput = z.strictObject({
  accountId: z.uuid({ error: "Must be an account id" }),
  kind: editable.kind,
  direction: editable.direction.optional(),
  scheduledAt: editable.scheduledAt.nullable().optional(),
  occurredAt: editable.occurredAt.nullable().optional(),
  startedAt: editable.startedAt.optional(),
  durationMinutes: editable.durationMinutes.optional(),
  summary: editable.summary.optional(),
  decisions: editable.decisions.optional(),
  nextSteps: editable.nextSteps.optional(),
  contactIds: editable.contactIds.optional(),
  memberIds: editable.memberIds.optional(),
  needIds: editable.needIds.optional(),
});
export type CreateInteractionInput = z.input<typeof createInteractionInput>;

/**
 * One PATCH for three things: a new scheduledAt on a planned interaction reschedules it
 * (kept in rescheduleHistory, with the optional rescheduleReason), occurredAt completes it,
 * and the other fields edit its substance and participants (lists replace the old ones).
 */
export const changeInteractionInput = z
  .strictObject({
    kind: editable.kind,
    direction: editable.direction,
    scheduledAt: editable.scheduledAt,
    rescheduleReason: z.string().trim().min(1, "Required").max(2_000),
    occurredAt: editable.occurredAt,
    startedAt: editable.startedAt,
    durationMinutes: editable.durationMinutes,
    summary: editable.summary,
    decisions: editable.decisions,
    nextSteps: editable.nextSteps,
    contactIds: editable.contactIds,
    memberIds: editable.memberIds,
    needIds: editable.needIds,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, "Send at least one field to change");
export type ChangeInteractionInput = z.input<typeof changeInteractionInput>;

export const cancelInteractionInput = z.strictObject({
  reason: z.string().trim().min(1, "Required").max(2_000),
});

/** Turning next steps into a task: everything is optional (assignee: the caller). */
export const nextStepsTaskInput = z.strictObject({
  assigneeId: z.uuid({ error: "Must be a member id" }).optional(),
  /** Defaults to three days from today, at the start of that day in the workspace zone. */
  dueAt: instant.nullable().optional(),
  title: z.string().trim().min(1, "Required").max(300).optional(),
  priority: z.enum(["high", "medium", "low"]).optional(),
});

export const interactionFilterInput = z.strictObject({
  accountId: z.uuid({ error: "Must be an account id" }).optional(),
  kind: z.enum(interactionKinds).optional(),
  state: z.enum(interactionStates).optional(),
  /** From this instant (inclusive), on when it happened or is planned for. */
  from: instant.optional(),
  /** Until this instant (exclusive). */
  to: instant.optional(),
  memberId: z.uuid({ error: "Must be a member id" }).optional(),
  contactId: z.uuid({ error: "Must be a contact id" }).optional(),
});

/** What the account timeline shows; later issues add their kinds here and a source. */
export const timelineEventKinds = [
  "interaction",
  "status_change",
  "milestone",
  "need_learned",
  "need_status_changed",
  "survey_answer",
] as const;
export type TimelineEventKind = (typeof timelineEventKinds)[number];

const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .refine(
      (raw) => raw.split(",").every((v) => (values as readonly string[]).includes(v.trim())),
      `Must be one or more of ${values.join(", ")}, comma-separated`,
    )
    .transform((raw) => raw.split(",").map((v) => v.trim()) as T[number][]);

export const timelineFilterInput = z.strictObject({
  /** One or more event kinds, comma-separated (`interaction,milestone`). */
  kind: commaList(timelineEventKinds).optional(),
  /** Narrows interaction events to these interaction kinds (`call,meeting`). */
  interactionKind: commaList(interactionKinds).optional(),
});
