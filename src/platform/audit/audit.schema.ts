/** Append-only record of every change (and every read of personal memory). */
import { index, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { idColumn, timestamptz, workspaceIdColumn } from "../db/columns";

export const auditEvents = pgTable(
  "audit_events",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    /** Null for the system (jobs, CLI without a member). */
    actorMemberId: uuid("actor_member_id"),
    /** How the actor came in: session, token, cli, system, invitation. */
    actorVia: text("actor_via").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: text("request_id"),
    occurredAt: timestamptz("occurred_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("audit_events_entity_idx").on(t.workspaceId, t.entityType, t.entityId, t.id),
    index("audit_events_actor_idx").on(t.workspaceId, t.actorMemberId, t.id),
    index("audit_events_time_idx").on(t.workspaceId, t.occurredAt),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
