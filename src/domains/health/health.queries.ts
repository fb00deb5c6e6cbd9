/**
 * Health's reads and writes: recomputing scores (one account or a whole workspace, under
 * one advisory lock per workspace so two recomputes never write the same snapshot twice),
 * an account's health with its 90-day history (computed on first read), and the
 * workspace's weights (read by all, changed by managers and above under If-Match).
 */
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/audit.queries";
import { assertRole } from "../../platform/auth/auth.policies";
import { assertVersion } from "../../platform/http/concurrency";
import type { Ctx } from "../../platform/http/context";
import { AppError, notFound } from "../../platform/http/errors";
import { enqueueJob, refreshJob } from "../../platform/jobs";
import { getAccount } from "../accounts";
import { computeHealth, type HealthResult, needsSnapshot, trendOf } from "./health.components";
import { gatherHealthInputs, type HealthScope } from "./health.gather";
import {
  type ChangeHealthSettingsInput,
  defaultHealthWeights,
  type HealthTrend,
  type HealthWeights,
  HISTORY_DAYS,
  healthComponentKeys,
  healthRecomputeJobName,
} from "./health.inputs";
import {
  type AccountHealth,
  accountHealth,
  healthSettings,
  healthSnapshots,
} from "./health.schema";

const DAY_MS = 86_400_000;
const CHUNK = 500;

export type HealthSettingsView = {
  weights: HealthWeights;
  version: number;
  updatedAt: Date;
};

/** The stored weights over the defaults: a component added later starts at its default. */
const weightsOf = (stored: Partial<HealthWeights>): HealthWeights => ({
  ...defaultHealthWeights,
  ...stored,
});

export async function getHealthSettings(ctx: Ctx): Promise<HealthSettingsView> {
  await ctx.db
    .insert(healthSettings)
    .values({ workspaceId: ctx.workspaceId, createdAt: ctx.now(), updatedAt: ctx.now() })
    .onConflictDoNothing();
  const [row] = await ctx.db
    .select()
    .from(healthSettings)
    .where(eq(healthSettings.workspaceId, ctx.workspaceId));
  if (!row) throw notFound("health settings");
  return { weights: weightsOf(row.weights), version: row.version, updatedAt: row.updatedAt };
}

/** Changes the weights sent and asks for a workspace-wide recompute in the same transaction. */
export async function updateHealthSettings(
  ctx: Ctx,
  expectedVersion: number,
  change: ChangeHealthSettingsInput,
): Promise<HealthSettingsView> {
  assertRole(ctx.actor.role, "manager", "change the health weights");
  await getHealthSettings(ctx);
  const [before] = await ctx.db
    .select()
    .from(healthSettings)
    .where(eq(healthSettings.workspaceId, ctx.workspaceId))
    .for("update");
  if (!before) throw notFound("health settings");
  assertVersion(expectedVersion, before.version);
  const weights = { ...weightsOf(before.weights), ...change.weights };
  if (healthComponentKeys.every((key) => weights[key] === 0)) {
    throw new AppError("VALIDATION_FAILED", "weights: At least one weight must be above 0", {
      errors: [{ path: "weights", message: "At least one weight must be above 0" }],
    });
  }
  const [after] = await ctx.db
    .update(healthSettings)
    .set({ weights, updatedAt: ctx.now(), version: sql`${healthSettings.version} + 1` })
    .where(eq(healthSettings.workspaceId, ctx.workspaceId))
    .returning();
  if (!after) throw notFound("health settings");
  await recordAudit(ctx, {
    action: "health.settings_updated",
    entityType: "health_settings",
    entityId: ctx.workspaceId,
    before,
    after,
  });
  await enqueueJob(ctx.db, ctx.now(), refreshJob(healthRecomputeJobName, ctx.workspaceId));
  return { weights: weightsOf(after.weights), version: after.version, updatedAt: after.updatedAt };
}

export type RecomputeOutcome = { accounts: number; snapshots: number };

/**
 * Recomputes and stores the health of one account or of every live account: upserts
 * account_health and writes a snapshot where needsSnapshot says so. Call inside a
 * transaction (the job and the first read do).
 */
export async function recomputeHealth(
  ctx: Ctx,
  scope: HealthScope = {},
): Promise<RecomputeOutcome> {
  await ctx.db.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`health.recompute:${ctx.workspaceId}`}, 0))`,
  );
  const { weights } = await getHealthSettings(ctx);
  const gathered = await gatherHealthInputs(ctx, scope);
  const now = ctx.now();
  const rows: (typeof accountHealth.$inferInsert)[] = [];
  const snapshots: (typeof healthSnapshots.$inferInsert)[] = [];
  for (const { accountId, inputs, prior } of gathered) {
    const result: HealthResult = computeHealth(inputs, weights);
    const trendBase = prior.weekAgo
      ? { score: prior.weekAgo.score, at: prior.weekAgo.computedAt.toISOString() }
      : null;
    // The weights and the trend's base are inputs too: the stored score explains itself.
    const stored = { ...inputs, weights, trendBase };
    const trend: HealthTrend = trendOf(result.score, trendBase?.score ?? null);
    const common = {
      workspaceId: ctx.workspaceId,
      accountId,
      score: result.score,
      band: result.band,
      components: result.components,
      inputs: stored,
      computedAt: now,
    };
    rows.push({
      ...common,
      trend,
      topConcern: result.topConcern,
      lastTouchAt: inputs.lastTouchAt ? new Date(inputs.lastTouchAt) : null,
      change7d: trendBase ? result.score - trendBase.score : null,
      createdAt: now,
      updatedAt: now,
    });
    if (needsSnapshot(prior.last, result.score, now)) snapshots.push(common);
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    await ctx.db
      .insert(accountHealth)
      .values(rows.slice(i, i + CHUNK))
      .onConflictDoUpdate({
        target: [accountHealth.workspaceId, accountHealth.accountId],
        set: {
          score: sql`excluded.score`,
          band: sql`excluded.band`,
          trend: sql`excluded.trend`,
          topConcern: sql`excluded.top_concern`,
          components: sql`excluded.components`,
          inputs: sql`excluded.inputs`,
          lastTouchAt: sql`excluded.last_touch_at`,
          change7d: sql`excluded.change_7d`,
          computedAt: sql`excluded.computed_at`,
          updatedAt: sql`excluded.updated_at`,
          version: sql`${accountHealth.version} + 1`,
        },
      });
  }
  for (let i = 0; i < snapshots.length; i += CHUNK) {
    await ctx.db.insert(healthSnapshots).values(snapshots.slice(i, i + CHUNK));
  }
  return { accounts: rows.length, snapshots: snapshots.length };
}

export type AccountHealthView = AccountHealth & {
  change7d: number | null;
  history: { at: Date; score: number }[];
};

async function readHealthRow(ctx: Ctx, accountId: string): Promise<AccountHealth | undefined> {
  const [row] = await ctx.db
    .select()
    .from(accountHealth)
    .where(
      and(eq(accountHealth.workspaceId, ctx.workspaceId), eq(accountHealth.accountId, accountId)),
    );
  return row;
}

/** The score points change by since the trend's base snapshot, when there is one. */
export function change7dOf(row: Pick<AccountHealth, "score" | "inputs">): number | null {
  const base = row.inputs.trendBase as { score?: number } | null | undefined;
  return typeof base?.score === "number" ? row.score - base.score : null;
}

/** An account's stored health (computed and stored now if it has none yet) and its history. */
export async function getAccountHealth(ctx: Ctx, accountId: string): Promise<AccountHealthView> {
  await getAccount(ctx, accountId); // another workspace's account is a 404
  let row = await readHealthRow(ctx, accountId);
  if (!row) {
    await ctx.db.transaction((tx) => recomputeHealth({ ...ctx, db: tx }, { accountId }));
    row = await readHealthRow(ctx, accountId);
    if (!row) throw notFound("account health");
  }
  const since = new Date(ctx.now().getTime() - HISTORY_DAYS * DAY_MS);
  const history = await ctx.db
    .select({ at: healthSnapshots.computedAt, score: healthSnapshots.score })
    .from(healthSnapshots)
    .where(
      and(
        eq(healthSnapshots.workspaceId, ctx.workspaceId),
        eq(healthSnapshots.accountId, accountId),
        gte(healthSnapshots.computedAt, since),
        lte(healthSnapshots.computedAt, ctx.now()),
      ),
    )
    .orderBy(asc(healthSnapshots.computedAt), asc(healthSnapshots.id));
  return { ...row, change7d: change7dOf(row), history };
}
