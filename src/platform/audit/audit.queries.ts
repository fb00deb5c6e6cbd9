/**
 * Writing and reading audit events. recordAudit is called inside the transaction that
 * makes the change, so a change and its audit event commit or fail together.
 */
import { and, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import type { Ctx } from "../http/context";
import { decodeCursor, toPage } from "../http/pagination";
import { auditEvents } from "./audit.schema";

export type AuditInput = {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

/** Fields never copied into audit snapshots. */
const SECRET_FIELDS = new Set(["passwordHash", "tokenHash", "csrfToken"]);

function redact(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== "object") return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redact);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !SECRET_FIELDS.has(key))
      .map(([key, v]) => [key, redact(v)]),
  );
}

export async function recordAudit(ctx: Ctx, event: AuditInput): Promise<void> {
  await recordAudits(ctx, [event]);
}

/**
 * Several events in one statement: a read that shows a handful of people (Today's
 * important dates) audits each of them without a round trip per person. For tens of
 * thousands of rows (imports) use the import's recordset writer instead.
 */
export async function recordAudits(ctx: Ctx, events: readonly AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  const occurredAt = ctx.now();
  await ctx.db.insert(auditEvents).values(
    events.map((event) => ({
      workspaceId: ctx.workspaceId,
      actorMemberId: ctx.actor.memberId,
      actorVia: ctx.actor.via,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      before: redact(event.before),
      after: redact(event.after),
      requestId: ctx.requestId ?? null,
      occurredAt,
    })),
  );
}

export type AuditFilter = {
  entityType?: string;
  entityId?: string;
  actorMemberId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: string;
};

/** Newest first; the cursor is the id (UUIDv7, so time-ordered) of the last event seen. */
export async function listAuditEvents(ctx: Ctx, filter: AuditFilter) {
  const after = decodeCursor(filter.cursor, 1);
  const conditions: SQL[] = [eq(auditEvents.workspaceId, ctx.workspaceId)];
  if (filter.entityType) conditions.push(eq(auditEvents.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditEvents.entityId, filter.entityId));
  if (filter.actorMemberId) conditions.push(eq(auditEvents.actorMemberId, filter.actorMemberId));
  if (filter.from) conditions.push(gte(auditEvents.occurredAt, filter.from));
  if (filter.to) conditions.push(lte(auditEvents.occurredAt, filter.to));
  if (after) conditions.push(lt(auditEvents.id, String(after[0])));
  const rows = await ctx.db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit, (row) => [row.id]);
}
