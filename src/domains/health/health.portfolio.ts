/**
 * The portfolio ranked by risk (P16): every live account (not archived, not former) with its
 * stored score, lowest first, keyset-paginated on (score, account id) over
 * account_health_score_idx; and the band-by-tier counts behind its chart. Only stored
 * scores are read, so a page costs the page: every change that makes an account live
 * (created, imported, unarchived, changed) enqueues its recompute, and the workspace-wide
 * recompute (nightly, and after imports) computes any live account still without a score.
 */
import { type SQL, sql } from "drizzle-orm";
import { members, users } from "../../platform/auth/auth.schema";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { accounts } from "../accounts";
import { getWorkspaceSettings } from "../workspaces";
import type { HealthBand, HealthTrend, PortfolioFilter } from "./health.inputs";
import { accountHealth } from "./health.schema";

type Rows<T> = { rows: T[] };

export type PortfolioRow = {
  accountId: string;
  name: string;
  score: number;
  band: HealthBand;
  trend: HealthTrend;
  topConcern: string | null;
  ownerId: string;
  ownerName: string | null;
  tier: string | null;
  segment: string | null;
  lastTouchAt: string | null;
  change7d: number | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const live = sql`a.archived_at is null and a.status <> 'former'`;

function filtersOf(filter: PortfolioFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.ownerId) where.push(sql`and a.owner_id = ${filter.ownerId}`);
  if (filter.tier) where.push(sql`and a.tier = ${filter.tier}`);
  if (filter.segment) where.push(sql`and a.segment = ${filter.segment}`);
  if (filter.band) where.push(sql`and h.band = ${filter.band}`);
  // The down arrow's rule: at least TREND_THRESHOLD points below the snapshot a week old.
  if (filter.declined) where.push(sql`and h.trend = 'down'`);
  return where;
}

function afterCursor(cursor: string | undefined): SQL {
  const after = decodeCursor(cursor, 2);
  if (!after) return sql``;
  const [score, id] = after;
  // The values go into SQL: a hand-made cursor is a 400, not a failed cast.
  if (!Number.isInteger(score) || typeof id !== "string" || !UUID.test(id)) {
    throw new AppError("VALIDATION_FAILED", "The cursor is not valid.", {
      errors: [{ path: "cursor", message: "Not a cursor this list gave out" }],
    });
  }
  return sql`and (h.score, h.account_id) > (${score}::int, ${id}::uuid)`;
}

/** One page of the portfolio, riskiest first; exported for bench/ (its query plan). */
export function portfolioQuery(
  ctx: Ctx,
  filter: PortfolioFilter & { limit: number },
  after: SQL = sql``,
): SQL {
  return sql`
    select h.account_id as "accountId", a.name, h.score, h.band, h.trend,
      h.top_concern as "topConcern", a.owner_id as "ownerId", u.name as "ownerName",
      a.tier, a.segment, h.last_touch_at as "lastTouchAt", h.change_7d as "change7d"
    from ${accountHealth} h
    join ${accounts} a on a.workspace_id = h.workspace_id and a.id = h.account_id
    left join ${members} m on m.workspace_id = a.workspace_id and m.id = a.owner_id
    left join ${users} u on u.id = m.user_id
    where h.workspace_id = ${ctx.workspaceId} and ${live}
      ${sql.join(filtersOf(filter), sql` `)}
      ${after}
    order by h.score asc, h.account_id asc
    limit ${filter.limit + 1}`;
}

export async function listPortfolio(
  ctx: Ctx,
  filter: PortfolioFilter & { limit: number; cursor?: string },
): Promise<{ data: PortfolioRow[]; nextCursor: string | null }> {
  const after = afterCursor(filter.cursor);
  const result = (await ctx.db.execute(
    portfolioQuery(ctx, filter, after),
  )) as unknown as Rows<PortfolioRow>;
  const rows = result.rows.map((r) => ({
    ...r,
    // A raw timestamptz is a string on node-postgres and a Date on PGlite: one ISO form.
    lastTouchAt: r.lastTouchAt === null ? null : new Date(r.lastTouchAt).toISOString(),
    score: Number(r.score),
    change7d: r.change7d === null ? null : Number(r.change7d),
  }));
  return toPage(rows, filter.limit, (r) => [r.score, r.accountId]);
}

export type BandCounts = Record<HealthBand, number> & { total: number };
export type PortfolioSummary = {
  /** One entry per tier (the workspace's order, then any other, then no tier). */
  tiers: ({ tier: string | null } & BandCounts)[];
  total: BandCounts;
};

const emptyCounts = (): BandCounts => ({ healthy: 0, watch: 0, at_risk: 0, total: 0 });

export async function summarisePortfolio(
  ctx: Ctx,
  filter: Pick<PortfolioFilter, "ownerId" | "segment">,
): Promise<PortfolioSummary> {
  const result = (await ctx.db.execute(sql`
    select a.tier, h.band, count(*)::int as n
    from ${accountHealth} h
    join ${accounts} a on a.workspace_id = h.workspace_id and a.id = h.account_id
    where h.workspace_id = ${ctx.workspaceId} and ${live}
      ${sql.join(filtersOf(filter), sql` `)}
    group by a.tier, h.band`)) as unknown as Rows<{
    tier: string | null;
    band: HealthBand;
    n: number;
  }>;
  const { tiers: order } = await getWorkspaceSettings(ctx);
  const byTier = new Map<string | null, BandCounts>(order.map((tier) => [tier, emptyCounts()]));
  const total = emptyCounts();
  for (const row of result.rows) {
    const counts = byTier.get(row.tier) ?? emptyCounts();
    byTier.set(row.tier, counts);
    counts[row.band] += Number(row.n);
    counts.total += Number(row.n);
    total[row.band] += Number(row.n);
    total.total += Number(row.n);
  }
  const rank = (tier: string | null) =>
    tier === null ? order.length + 1 : order.includes(tier) ? order.indexOf(tier) : order.length;
  const tiers = [...byTier.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || String(a).localeCompare(String(b)))
    .map(([tier, counts]) => ({ tier, ...counts }));
  return { tiers, total };
}
