/**
 * The interactions list (`GET /interactions`), newest first by when it happened or is
 * planned for. That instant is occurred_at for a completed interaction and scheduled_at for
 * a planned or cancelled one, so the list is a UNION ALL of three branches, each walking an
 * index backwards and stopping after a page (interactions_occurred_idx or
 * interactions_account_occurred_idx for completed ones, interactions_state_scheduled_idx
 * for planned and cancelled ones); the outer query sorts those few rows. Page N costs what
 * page 1 costs, with no sort of the workspace's history. Then one query reads the page's
 * rows, three more their links.
 */
import { inArray, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import type { InteractionState, interactionFilterInput } from "./interactions.inputs";
import { type InteractionView, viewsOf } from "./interactions.links";
import { interactionContacts, interactionMembers, interactions } from "./interactions.schema";

export type InteractionFilter = z.output<typeof interactionFilterInput> & {
  limit: number;
  cursor?: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** timestamptz as PostgreSQL prints it, e.g. "2026-01-15 09:00:00.123+00". */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

export function isInstantCursorValue(value: unknown): value is string {
  return (
    typeof value === "string" &&
    TIMESTAMP.test(value) &&
    !Number.isNaN(Date.parse(value.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00")))
  );
}

export function invalidCursor(): AppError {
  return new AppError("VALIDATION_FAILED", "The cursor is not valid.", {
    errors: [{ path: "cursor", message: "Not a cursor this list gave out" }],
  });
}

/** Which column is "when" for each state. */
const branches: { state: InteractionState; at: SQL }[] = [
  { state: "completed", at: sql`${interactions.occurredAt}` },
  { state: "planned", at: sql`${interactions.scheduledAt}` },
  { state: "cancelled", at: sql`${interactions.scheduledAt}` },
];

function branchQuery(
  ctx: Ctx,
  branch: (typeof branches)[number],
  filter: InteractionFilter,
  after: [string, string] | undefined,
): SQL {
  const { at } = branch;
  const conditions: SQL[] = [
    sql`${interactions.workspaceId} = ${ctx.workspaceId}`,
    sql`${interactions.state} = ${branch.state}`,
    sql`${at} is not null`,
    sql`${interactions.archivedAt} is null`,
  ];
  if (filter.accountId) conditions.push(sql`${interactions.accountId} = ${filter.accountId}`);
  if (filter.kind) conditions.push(sql`${interactions.kind} = ${filter.kind}`);
  if (filter.from) conditions.push(sql`${at} >= ${filter.from}::timestamptz`);
  if (filter.to) conditions.push(sql`${at} < ${filter.to}::timestamptz`);
  if (filter.memberId) {
    conditions.push(
      sql`exists (select 1 from ${interactionMembers} where ${interactionMembers.workspaceId} = ${interactions.workspaceId} and ${interactionMembers.interactionId} = ${interactions.id} and ${interactionMembers.memberId} = ${filter.memberId})`,
    );
  }
  if (filter.contactId) {
    conditions.push(
      sql`exists (select 1 from ${interactionContacts} where ${interactionContacts.workspaceId} = ${interactions.workspaceId} and ${interactionContacts.interactionId} = ${interactions.id} and ${interactionContacts.contactId} = ${filter.contactId})`,
    );
  }
  if (after) {
    const [value, id] = after;
    // The plain bound lets the index range-scan; the row comparison breaks ties by id.
    conditions.push(sql`${at} <= ${value}::timestamptz`);
    conditions.push(sql`(${at}, ${interactions.id}) < (${value}::timestamptz, ${id}::uuid)`);
  }
  // Each branch is ordered and limited on its own, so it reads at most a page off its index.
  return sql`select ${interactions.id} as id, ${at} as at from ${interactions} where ${sql.join(conditions, sql` and `)} order by ${at} desc, ${interactions.id} desc limit ${filter.limit + 1}`;
}

export async function listInteractions(
  ctx: Ctx,
  filter: InteractionFilter,
): Promise<{ data: InteractionView[]; nextCursor: string | null }> {
  const decoded = decodeCursor(filter.cursor, 2);
  if (decoded && !(isInstantCursorValue(decoded[0]) && UUID.test(String(decoded[1])))) {
    throw invalidCursor();
  }
  const after = decoded
    ? ([String(decoded[0]), String(decoded[1])] as [string, string])
    : undefined;
  const chosen = branches.filter((b) => !filter.state || b.state === filter.state);
  const union = sql.join(
    chosen.map((b) => sql`(${branchQuery(ctx, b, filter, after)})`),
    sql` union all `,
  );
  const result = await ctx.db.execute(
    sql`select u.id, u.at::text as "atText" from (${union}) as u order by u.at desc, u.id desc limit ${filter.limit + 1}`,
  );
  const page = toPage(
    (result as unknown as { rows: { id: string; atText: string }[] }).rows,
    filter.limit,
    (row) => [row.atText, row.id],
  );
  const ids = page.data.map((row) => row.id);
  const rows =
    ids.length === 0
      ? []
      : await ctx.db
          .select()
          .from(interactions)
          .where(
            sql`${interactions.workspaceId} = ${ctx.workspaceId} and ${inArray(interactions.id, ids)}`,
          );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = ids.flatMap((id) => byId.get(id) ?? []);
  return { data: await viewsOf(ctx, ordered), nextCursor: page.nextCursor };
}
