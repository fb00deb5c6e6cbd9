/**
 * Applying an import plan: multi-row inserts and updates in batches (one jsonb parameter per
 * batch, unpacked with jsonb_to_recordset), one audit event per created or updated record,
 * inserted the same way. Runs inside the caller's transaction and issues nothing outside it:
 * on PGlite (one connection) a query outside an open transaction would wait for it forever.
 */
import { type SQL, sql } from "drizzle-orm";
import { newId } from "../../platform/db/columns";
import type { Ctx } from "../../platform/http/context";
import { enqueueJob, refreshJob } from "../../platform/jobs";
import { healthRecomputeJobName } from "../health/health.inputs";
import { batchesOf, type Plan } from "./imports.plan";

/** Rows per statement: keeps each jsonb parameter around a megabyte. */
const WRITE_BATCH = 1_000;

/** A record changed between planning and writing (another user, another import). */
export class ImportConflictError extends Error {
  override name = "ImportConflictError";
}

type Column = readonly [key: string, column: string, type: string];

const accountTable: Column[] = [
  ["workspaceId", "workspace_id", "uuid"],
  ["id", "id", "uuid"],
  ["name", "name", "text"],
  ["domain", "domain", "text"],
  ["status", "status", "text"],
  ["statusHistory", "status_history", "jsonb"],
  ["tier", "tier", "text"],
  ["segment", "segment", "text"],
  ["serviceCoverage", "service_coverage", "text"],
  ["serviceHours", "service_hours", "text"],
  ["ownerId", "owner_id", "uuid"],
  ["tags", "tags", "text[]"],
  ["size", "size", "integer"],
  ["background", "background", "text"],
  ["aspirations", "aspirations", "text"],
  ["milestones", "milestones", "jsonb"],
  ["createdAt", "created_at", "timestamptz"],
  ["updatedAt", "updated_at", "timestamptz"],
  ["version", "version", "integer"],
  ["archivedAt", "archived_at", "timestamptz"],
];

const contactTable: Column[] = [
  ["workspaceId", "workspace_id", "uuid"],
  ["id", "id", "uuid"],
  ["firstName", "first_name", "text"],
  ["lastName", "last_name", "text"],
  ["emails", "emails", "text[]"],
  ["phones", "phones", "text[]"],
  ["title", "title", "text"],
  ["level", "level", "text"],
  ["preferredChannel", "preferred_channel", "text"],
  ["timeZone", "time_zone", "text"],
  ["interests", "interests", "text[]"],
  ["family", "family", "jsonb"],
  ["howWeMet", "how_we_met", "text"],
  ["notes", "notes", "text"],
  ["importantDates", "important_dates", "jsonb"],
  ["mergedIntoId", "merged_into_id", "uuid"],
  ["createdAt", "created_at", "timestamptz"],
  ["updatedAt", "updated_at", "timestamptz"],
  ["version", "version", "integer"],
  ["archivedAt", "archived_at", "timestamptz"],
];

const emailTable: Column[] = [
  ["workspaceId", "workspace_id", "uuid"],
  ["email", "email", "text"],
  ["contactId", "contact_id", "uuid"],
];

const affiliationTable: Column[] = [
  ["workspaceId", "workspace_id", "uuid"],
  ["id", "id", "uuid"],
  ["contactId", "contact_id", "uuid"],
  ["accountId", "account_id", "uuid"],
  ["createdAt", "created_at", "timestamptz"],
  ["updatedAt", "updated_at", "timestamptz"],
];

const auditTable: Column[] = [
  ["workspaceId", "workspace_id", "uuid"],
  ["id", "id", "uuid"],
  ["actorMemberId", "actor_member_id", "uuid"],
  ["actorVia", "actor_via", "text"],
  ["action", "action", "text"],
  ["entityType", "entity_type", "text"],
  ["entityId", "entity_id", "text"],
  ["before", "before", "jsonb"],
  ["after", "after", "jsonb"],
  ["requestId", "request_id", "text"],
  ["occurredAt", "occurred_at", "timestamptz"],
];

/** Records → the jsonb text of their rows (Dates become ISO strings on the way). */
function toJson(records: readonly object[], columns: readonly Column[]): string {
  return JSON.stringify(
    records.map((record) => {
      const row: Record<string, unknown> = {};
      for (const [key, column] of columns)
        row[column] = (record as Record<string, unknown>)[key] ?? null;
      return row;
    }),
  );
}

const recordset = (json: string, columns: readonly Column[]): SQL =>
  sql`jsonb_to_recordset(${json}::jsonb) as r(${sql.raw(columns.map(([, c, t]) => `${c} ${t}`).join(", "))})`;

async function insertRows(
  ctx: Ctx,
  table: string,
  columns: readonly Column[],
  records: readonly object[],
): Promise<void> {
  const names = sql.raw(columns.map(([, c]) => c).join(", "));
  for (const batch of batchesOf(records, WRITE_BATCH)) {
    await ctx.db.execute(
      sql`insert into ${sql.identifier(table)} (${names}) select ${names} from ${recordset(toJson(batch, columns), columns)}`,
    );
  }
}

/**
 * Updates rows to their planned values, only where the version is still the one planned
 * against; any row that moved on makes the whole import a conflict (and roll back).
 */
async function updateRows(
  ctx: Ctx,
  table: string,
  columns: readonly Column[],
  pairs: readonly { before: { version: number }; after: object }[],
): Promise<void> {
  const set = sql.raw(
    columns
      .filter(([, c]) => c !== "workspace_id" && c !== "id" && c !== "created_at")
      .map(([, c]) => `${c} = r.${c}`)
      .join(", "),
  );
  const withExpected: Column[] = [...columns, ["expectedVersion", "expected_version", "integer"]];
  for (const batch of batchesOf(pairs, WRITE_BATCH)) {
    const records = batch.map((p) => ({ ...p.after, expectedVersion: p.before.version }));
    // Both drivers answer { rows }; the generic Db type does not say so.
    const result = (await ctx.db.execute(
      sql`update ${sql.identifier(table)} as t set ${set} from ${recordset(toJson(records, withExpected), withExpected)} where t.workspace_id = r.workspace_id and t.id = r.id and t.version = r.expected_version returning t.id`,
    )) as { rows: unknown[] };
    if (result.rows.length !== batch.length) {
      throw new ImportConflictError(
        `${batch.length - result.rows.length} ${table} changed while the import was running`,
      );
    }
  }
}

type AuditRow = {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

/** One audit event per row, in bulk, stamped like recordAudit stamps a single one. */
export async function recordAuditEvents(ctx: Ctx, events: readonly AuditRow[]): Promise<void> {
  const at = ctx.now();
  const rows = events.map((event) => ({
    workspaceId: ctx.workspaceId,
    id: newId(),
    actorMemberId: ctx.actor.memberId,
    actorVia: ctx.actor.via,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: event.before ?? null,
    after: event.after ?? null,
    requestId: ctx.requestId ?? null,
    occurredAt: at,
  }));
  await insertRows(ctx, "audit_events", auditTable, rows);
}

/** Writes the whole plan. Call inside a transaction: a failure must leave nothing behind. */
export async function applyPlan(ctx: Ctx, plan: Plan): Promise<void> {
  await insertRows(ctx, "accounts", accountTable, plan.accountInserts);
  await updateRows(ctx, "accounts", accountTable, plan.accountUpdates);
  await insertRows(ctx, "contacts", contactTable, plan.contactInserts);
  await updateRows(ctx, "contacts", contactTable, plan.contactUpdates);
  const now = ctx.now();
  await insertRows(
    ctx,
    "contact_emails",
    emailTable,
    plan.emailInserts.map((e) => ({ ...e, workspaceId: ctx.workspaceId })),
  );
  const affiliations = plan.affiliationInserts.map((a) => ({
    ...a,
    workspaceId: ctx.workspaceId,
    role: null,
    responsibility: null,
    authority: null,
    accountability: null,
    startedOn: null,
    endedOn: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  }));
  await insertRows(ctx, "contact_affiliations", affiliationTable, affiliations);
  await recordAuditEvents(ctx, [
    ...plan.accountInserts.map((after) => ({
      action: "account.created",
      entityType: "account",
      entityId: after.id,
      after,
    })),
    ...plan.accountUpdates.map(({ before, after }) => ({
      action: "account.updated",
      entityType: "account",
      entityId: after.id,
      before,
      after,
    })),
    ...plan.contactInserts.map((after) => ({
      action: "contact.created",
      entityType: "contact",
      entityId: after.id,
      after,
    })),
    ...plan.contactUpdates.map(({ before, after }) => ({
      action: "contact.updated",
      entityType: "contact",
      entityId: after.id,
      before,
      after,
    })),
    ...affiliations.map((after) => ({
      action: "contact.affiliation_added",
      entityType: "contact",
      entityId: after.contactId,
      after,
    })),
  ]);
  // New accounts need a score and new people change coverage: one workspace-wide
  // recompute (asked by job name) instead of one per row of a large file.
  if (plan.accountInserts.length + plan.accountUpdates.length + affiliations.length > 0) {
    await enqueueJob(ctx.db, now, refreshJob(healthRecomputeJobName, ctx.workspaceId));
  }
}
