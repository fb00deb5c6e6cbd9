/**
 * An account's needs (goals, challenges, needs; P1): list, read, record, change, archive.
 * Rules live here: whoever may change the account may change its needs, an archived
 * account's needs are frozen, a need is never learned in the future, every status change
 * is dated, and every change is audited in the caller's transaction.
 */
import { and, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../../platform/audit/audit.queries";
import { assertVersion } from "../../platform/http/concurrency";
import type { Ctx } from "../../platform/http/context";
import { AppError, notFound } from "../../platform/http/errors";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { type Account, getAccount, teamMemberIdsOf } from "../accounts";
import type { changeNeedInput, createNeedInput, needFilterInput } from "./needs.inputs";
import { assertMayChangeNeeds } from "./needs.policies";
import { type Need, type NewNeed, needs } from "./needs.schema";

export type NewNeedInput = z.output<typeof createNeedInput>;
export type NeedChange = z.output<typeof changeNeedInput>;
export type NeedFilter = z.output<typeof needFilterInput> & { limit: number; cursor?: string };

// ---------------------------------------------------------------------------------------------
// Reading

/*
 * The list order is open first, then priority high → low, then learned newest first. Every
 * key is written so that "descending" is the wanted order; the row tuple then compares in
 * one direction, which keeps keyset pagination a single tuple comparison.
 */
const openRank = sql<number>`(case when ${needs.status} = 'open' then 1 else 0 end)`;
const priorityRank = sql<number>`(case ${needs.priority} when 'high' then 2 when 'medium' then 1 else 0 end)`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isListCursor(values: (string | number)[]): boolean {
  const [open, priority, learnedOn, id] = values;
  return (
    (open === 0 || open === 1) &&
    (priority === 0 || priority === 1 || priority === 2) &&
    typeof learnedOn === "string" &&
    DATE.test(learnedOn) &&
    !Number.isNaN(Date.parse(learnedOn)) &&
    typeof id === "string" &&
    UUID.test(id)
  );
}

/** The live (not archived) needs of an account the caller can see; 404 for another workspace's. */
export async function listNeeds(ctx: Ctx, accountId: string, filter: NeedFilter) {
  await getAccount(ctx, accountId);
  const after = decodeCursor(filter.cursor, 4);
  // The values go into SQL: a hand-made cursor must be a 400, not a failed cast.
  if (after && !isListCursor(after)) {
    throw new AppError("VALIDATION_FAILED", "The cursor is not valid.", {
      errors: [{ path: "cursor", message: "Not a cursor this list gave out" }],
    });
  }
  const conditions: (SQL | undefined)[] = [
    eq(needs.workspaceId, ctx.workspaceId),
    eq(needs.accountId, accountId),
    isNull(needs.archivedAt),
    filter.status ? eq(needs.status, filter.status) : undefined,
    filter.kind ? eq(needs.kind, filter.kind) : undefined,
  ];
  if (after) {
    const [open, priority, learnedOn, id] = after;
    conditions.push(
      sql`(${openRank}, ${priorityRank}, ${needs.learnedOn}, ${needs.id}) < (${Number(open)}::int, ${Number(priority)}::int, ${String(learnedOn)}::date, ${String(id)}::uuid)`,
    );
  }
  const rows = await ctx.db
    .select({ need: needs, open: openRank, priority: priorityRank })
    .from(needs)
    .where(and(...conditions))
    .orderBy(desc(openRank), desc(priorityRank), desc(needs.learnedOn), desc(needs.id))
    .limit(filter.limit + 1);
  const page = toPage(rows, filter.limit, (row) => [
    Number(row.open),
    Number(row.priority),
    row.need.learnedOn,
    row.need.id,
  ]);
  return { data: page.data.map((row) => row.need), nextCursor: page.nextCursor };
}

export async function getNeed(
  ctx: Ctx,
  needId: string,
  options: { forUpdate?: boolean } = {},
): Promise<Need> {
  const query = ctx.db
    .select()
    .from(needs)
    .where(and(eq(needs.workspaceId, ctx.workspaceId), eq(needs.id, needId)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("need");
  return row;
}

// ---------------------------------------------------------------------------------------------
// Rules

/** Today as a date, in UTC: the default learnedOn. */
export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/*
 * Workspaces have no time zone yet, so "the future" is judged where the day starts first
 * (UTC+14): someone in Auckland recording this morning's meeting is not refused because
 * UTC is still on yesterday.
 */
const EARLIEST_ZONE_MS = 14 * 3_600_000;

function assertNotFuture(ctx: Ctx, learnedOn: string | undefined): void {
  if (learnedOn === undefined) return;
  const latestToday = todayOf(new Date(ctx.now().getTime() + EARLIEST_ZONE_MS));
  if (learnedOn > latestToday) {
    throw new AppError("VALIDATION_FAILED", "learnedOn: Must not be in the future", {
      errors: [{ path: "learnedOn", message: "Must not be in the future" }],
    });
  }
}

/** Who may write: those who may change the account (see needs.policies). */
async function assertMayWriteNeedsOf(ctx: Ctx, account: Account): Promise<void> {
  assertMayChangeNeeds(ctx.actor, {
    ownerId: account.ownerId,
    teamMemberIds: await teamMemberIdsOf(ctx, account.id),
  });
}

function assertAccountLive(account: Account): void {
  if (account.archivedAt) {
    throw new AppError(
      "CONFLICT",
      `${account.name} is archived: unarchive the account to change its needs.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

export async function createNeed(ctx: Ctx, accountId: string, input: NewNeedInput): Promise<Need> {
  const account = await getAccount(ctx, accountId);
  await assertMayWriteNeedsOf(ctx, account);
  assertAccountLive(account);
  assertNotFuture(ctx, input.learnedOn);
  const now = ctx.now();
  const status = input.status ?? "open";
  const [need] = await ctx.db
    .insert(needs)
    .values({
      workspaceId: ctx.workspaceId,
      accountId,
      kind: input.kind,
      title: input.title,
      detail: input.detail ?? null,
      priority: input.priority ?? "medium",
      status,
      learnedOn: input.learnedOn ?? todayOf(now),
      // Recorded as already addressed or dropped: that is as far back as we know it.
      statusChangedAt: status === "open" ? null : now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!need) throw new Error("need insert returned nothing");
  await recordAudit(ctx, {
    action: "need.created",
    entityType: "need",
    entityId: need.id,
    after: need,
  });
  return need;
}

/** Locks the need, then checks who asks, the version, and that account and need are live. */
async function beginNeedWrite(ctx: Ctx, needId: string, expectedVersion: number | undefined) {
  const before = await getNeed(ctx, needId, { forUpdate: true });
  const account = await getAccount(ctx, before.accountId);
  await assertMayWriteNeedsOf(ctx, account);
  if (expectedVersion !== undefined) assertVersion(expectedVersion, before.version);
  assertAccountLive(account);
  return before;
}

export async function updateNeed(
  ctx: Ctx,
  needId: string,
  expectedVersion: number,
  change: NeedChange,
): Promise<Need> {
  const before = await beginNeedWrite(ctx, needId, expectedVersion);
  if (before.archivedAt) {
    throw new AppError("CONFLICT", "The need is archived and can no longer be changed.");
  }
  assertNotFuture(ctx, change.learnedOn);
  const now = ctx.now();
  const columns: Partial<NewNeed> = { ...change, updatedAt: now };
  if (change.status && change.status !== before.status) columns.statusChangedAt = now;
  const after = await writeNeed(ctx, before, columns);
  await recordAudit(ctx, {
    action: "need.updated",
    entityType: "need",
    entityId: needId,
    before,
    after,
  });
  return after;
}

/** Archiving hides the need from the account's list; nothing is deleted. */
export async function archiveNeed(
  ctx: Ctx,
  needId: string,
  expectedVersion?: number,
): Promise<Need> {
  const before = await beginNeedWrite(ctx, needId, expectedVersion);
  // Already archived: answer it as is, so a retried request is harmless.
  if (before.archivedAt) return before;
  const now = ctx.now();
  const after = await writeNeed(ctx, before, { archivedAt: now, updatedAt: now });
  await recordAudit(ctx, {
    action: "need.archived",
    entityType: "need",
    entityId: needId,
    before,
    after,
  });
  return after;
}

async function writeNeed(ctx: Ctx, before: Need, columns: Partial<NewNeed>): Promise<Need> {
  const [after] = await ctx.db
    .update(needs)
    .set({ ...columns, version: sql`${needs.version} + 1` })
    .where(
      and(
        eq(needs.workspaceId, ctx.workspaceId),
        eq(needs.id, before.id),
        eq(needs.version, before.version),
      ),
    )
    .returning();
  if (!after) throw new AppError("STALE_VERSION");
  return after;
}
