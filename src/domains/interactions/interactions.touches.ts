/**
 * What other domains ask of interactions: the last touch of accounts (cadence, health,
 * portfolio) and the interactions of an account or a member in a period (agenda, reports).
 * Archived interactions never count; only completed ones are touches.
 */
import { and, desc, eq, exists, gte, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/http/context";
import type { InteractionKind } from "./interactions.inputs";
import { type Interaction, interactionMembers, interactions } from "./interactions.schema";

export type LastTouch = {
  accountId: string;
  interactionId: string;
  kind: InteractionKind;
  occurredAt: Date;
};

/**
 * The latest completed interaction of each account (of the given kinds, e.g.
 * meaningfulKinds), one DISTINCT ON walk of interactions_account_occurred_idx per account.
 */
export async function lastTouchesOf(
  ctx: Ctx,
  accountIds: readonly string[],
  options: { kinds?: readonly InteractionKind[] } = {},
): Promise<Map<string, LastTouch>> {
  const touches = new Map<string, LastTouch>();
  if (accountIds.length === 0) return touches;
  const rows = await ctx.db
    .selectDistinctOn([interactions.accountId], {
      accountId: interactions.accountId,
      interactionId: interactions.id,
      kind: interactions.kind,
      occurredAt: interactions.occurredAt,
    })
    .from(interactions)
    .where(
      and(
        eq(interactions.workspaceId, ctx.workspaceId),
        inArray(interactions.accountId, [...accountIds]),
        eq(interactions.state, "completed"),
        isNull(interactions.archivedAt),
        sql`${interactions.occurredAt} is not null`,
        options.kinds ? inArray(interactions.kind, [...options.kinds]) : undefined,
      ),
    )
    .orderBy(interactions.accountId, desc(interactions.occurredAt), desc(interactions.id));
  for (const row of rows) {
    if (row.occurredAt) touches.set(row.accountId, { ...row, occurredAt: row.occurredAt });
  }
  return touches;
}

/**
 * Interactions in [from, to): completed ones by when they happened, planned ones by when
 * they are planned for. Oldest first, as an agenda or a report reads them.
 */
export async function listInteractionsInPeriod(
  ctx: Ctx,
  period: {
    from: Date;
    to: Date;
    state: "completed" | "planned";
    accountId?: string;
    memberId?: string;
  },
): Promise<Interaction[]> {
  const at = period.state === "completed" ? interactions.occurredAt : interactions.scheduledAt;
  const conditions: (SQL | undefined)[] = [
    eq(interactions.workspaceId, ctx.workspaceId),
    eq(interactions.state, period.state),
    isNull(interactions.archivedAt),
    gte(at, period.from),
    lt(at, period.to),
    period.accountId ? eq(interactions.accountId, period.accountId) : undefined,
    period.memberId
      ? exists(
          ctx.db
            .select({ one: sql`1` })
            .from(interactionMembers)
            .where(
              and(
                eq(interactionMembers.workspaceId, interactions.workspaceId),
                eq(interactionMembers.interactionId, interactions.id),
                eq(interactionMembers.memberId, period.memberId),
              ),
            ),
        )
      : undefined,
  ];
  return ctx.db
    .select()
    .from(interactions)
    .where(and(...conditions))
    .orderBy(at, interactions.id);
}
