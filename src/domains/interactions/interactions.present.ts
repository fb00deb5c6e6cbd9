/** The one place interactions and timeline events become API output. */
import { z } from "@hono/zod-openapi";
import {
  interactionDirections,
  interactionKinds,
  interactionStates,
  timelineEventKinds,
} from "./interactions.inputs";
import type { InteractionView } from "./interactions.links";
import type { TimelineEvent } from "./interactions.timeline.queries";

export const interactionSchema = z
  .object({
    id: z.string(),
    accountId: z.string(),
    kind: z.enum(interactionKinds),
    direction: z.enum(interactionDirections).nullable(),
    state: z.enum(interactionStates),
    scheduledAt: z.string().nullable(),
    occurredAt: z.string().nullable(),
    startedAt: z.string().nullable(),
    /** startedAt - scheduledAt in whole minutes (negative: early); null unless both are known. */
    lateByMinutes: z.number().int().nullable(),
    durationMinutes: z.number().int().nullable(),
    summary: z.string().nullable(),
    decisions: z.string().nullable(),
    nextSteps: z.string().nullable(),
    cancelReason: z.string().nullable(),
    rescheduleHistory: z.array(
      z.object({
        from: z.string(),
        to: z.string(),
        at: z.string(),
        byMemberId: z.string(),
        reason: z.string().optional(),
      }),
    ),
    contacts: z.array(z.object({ id: z.string(), name: z.string(), email: z.string().nullable() })),
    members: z.array(z.object({ id: z.string(), name: z.string() })),
    needs: z.array(z.object({ id: z.string(), title: z.string() })),
    createdById: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    archivedAt: z.string().nullable(),
  })
  .openapi("Interaction");

export type InteractionOutput = z.infer<typeof interactionSchema>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentInteraction(i: InteractionView): InteractionOutput {
  return {
    id: i.id,
    accountId: i.accountId,
    kind: i.kind,
    direction: i.direction,
    state: i.state,
    scheduledAt: iso(i.scheduledAt),
    occurredAt: iso(i.occurredAt),
    startedAt: iso(i.startedAt),
    lateByMinutes:
      i.startedAt && i.scheduledAt
        ? Math.round((i.startedAt.getTime() - i.scheduledAt.getTime()) / 60_000)
        : null,
    durationMinutes: i.durationMinutes,
    summary: i.summary,
    decisions: i.decisions,
    nextSteps: i.nextSteps,
    cancelReason: i.cancelReason,
    rescheduleHistory: i.rescheduleHistory,
    contacts: i.contacts,
    // Members' emails stay inside (the invitation's organizer); the API shows names.
    members: i.members.map(({ id, name }) => ({ id, name })),
    needs: i.needs,
    createdById: i.createdById,
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    archivedAt: iso(i.archivedAt),
  };
}

export const timelineEventSchema = z
  .object({
    id: z.string(),
    kind: z.enum(timelineEventKinds),
    at: z.string(),
    /** Interaction kind, account status, milestone title or need title. */
    title: z.string(),
    /** Interaction summary, milestone detail or need detail. */
    detail: z.string().nullable(),
    /** Interaction state, account status or need status. */
    status: z.string().nullable(),
    /** The interaction, need or account the event is about. */
    refId: z.string(),
    interaction: interactionSchema.nullable(),
  })
  .openapi("TimelineEvent");

export function presentTimelineEvent(e: TimelineEvent): z.infer<typeof timelineEventSchema> {
  return {
    id: e.id,
    kind: e.kind,
    at: e.at.toISOString(),
    title: e.title,
    detail: e.detail,
    status: e.status,
    refId: e.refId,
    interaction: e.interaction ? presentInteraction(e.interaction) : null,
  };
}
