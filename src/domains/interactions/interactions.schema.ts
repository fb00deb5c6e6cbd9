/**
 * Interactions: every touch with a client, planned or logged, with its substance. Planned
 * and logged ones share one row: a planned one has scheduled_at and state `planned`; once
 * it happened, occurred_at (and started_at, to know lateness) are set and the state is
 * `completed`. Participants and the needs discussed are link tables, so "who met whom" and
 * "what did we talk about" are indexed lookups.
 */
import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { members } from "../../platform/auth/auth.schema";
import { idColumn, rowMeta, timestamptz, workspaceIdColumn } from "../../platform/db/columns";
import { accounts } from "../accounts/accounts.schema";
import { contacts } from "../contacts/contacts.schema";
import { needs } from "../needs/needs.schema";
import {
  interactionDirections,
  interactionKinds,
  interactionStates,
  type Reschedule,
} from "./interactions.inputs";

export const interactions = pgTable(
  "interactions",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    accountId: uuid("account_id").notNull(),
    kind: text("kind", { enum: interactionKinds }).notNull(),
    direction: text("direction", { enum: interactionDirections }),
    state: text("state", { enum: interactionStates }).notNull(),
    /** When it was (or is) planned for; null for a touch logged without a plan. */
    scheduledAt: timestamptz("scheduled_at"),
    /** When it happened; set once completed. */
    occurredAt: timestamptz("occurred_at"),
    /** When it actually started (a meeting started late has startedAt > scheduledAt). */
    startedAt: timestamptz("started_at"),
    durationMinutes: integer("duration_minutes"),
    summary: text("summary"),
    decisions: text("decisions"),
    nextSteps: text("next_steps"),
    cancelReason: text("cancel_reason"),
    rescheduleHistory: jsonb("reschedule_history").$type<Reschedule[]>().notNull().default([]),
    createdById: uuid("created_by_id").notNull(),
    ...rowMeta(),
    archivedAt: timestamptz("archived_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.createdById],
      foreignColumns: [members.workspaceId, members.id],
    }),
    check(
      "interactions_duration_check",
      sql`${t.durationMinutes} is null or ${t.durationMinutes} >= 0`,
    ),
    // The account timeline and "last touch" (newest first).
    index("interactions_account_occurred_idx").on(t.workspaceId, t.accountId, t.occurredAt),
    // Planned interactions by date (agenda, calendar feed).
    index("interactions_state_scheduled_idx").on(t.workspaceId, t.state, t.scheduledAt),
    // Reports over a period.
    index("interactions_occurred_idx").on(t.workspaceId, t.occurredAt),
  ],
);

export const interactionContacts = pgTable(
  "interaction_contacts",
  {
    workspaceId: workspaceIdColumn(),
    interactionId: uuid("interaction_id").notNull(),
    contactId: uuid("contact_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.interactionId, t.contactId] }),
    foreignKey({
      columns: [t.workspaceId, t.interactionId],
      foreignColumns: [interactions.workspaceId, interactions.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }),
    index("interaction_contacts_contact_idx").on(t.workspaceId, t.contactId),
  ],
);

export const interactionMembers = pgTable(
  "interaction_members",
  {
    workspaceId: workspaceIdColumn(),
    interactionId: uuid("interaction_id").notNull(),
    memberId: uuid("member_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.interactionId, t.memberId] }),
    foreignKey({
      columns: [t.workspaceId, t.interactionId],
      foreignColumns: [interactions.workspaceId, interactions.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.memberId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index("interaction_members_member_idx").on(t.workspaceId, t.memberId),
  ],
);

export const interactionNeeds = pgTable(
  "interaction_needs",
  {
    workspaceId: workspaceIdColumn(),
    interactionId: uuid("interaction_id").notNull(),
    needId: uuid("need_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.interactionId, t.needId] }),
    foreignKey({
      columns: [t.workspaceId, t.interactionId],
      foreignColumns: [interactions.workspaceId, interactions.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.needId],
      foreignColumns: [needs.workspaceId, needs.id],
    }),
    index("interaction_needs_need_idx").on(t.workspaceId, t.needId),
  ],
);

export type Interaction = typeof interactions.$inferSelect;
export type NewInteraction = typeof interactions.$inferInsert;
