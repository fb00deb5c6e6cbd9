/**
 * Cadence rules: list, read, create, change, archive, and the defaults a workspace starts
 * with. Platform code cannot import domains, so the defaults are seeded lazily: the first
 * time a workspace's rules are read or computed and it has none at all (archived included),
 * they are inserted under an advisory lock on the workspace, so two first reads at once
 * seed them once. They are dated as created with the workspace. Every change enqueues a workspace-wide cadence.sync, so tasks follow.
 */
import { and, asc, eq, gt, isNull, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../../platform/audit/audit.queries";
import { assertVersion } from "../../platform/http/concurrency";
import type { Ctx } from "../../platform/http/context";
import { AppError, notFound } from "../../platform/http/errors";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { enqueueJob, refreshJob } from "../../platform/jobs";
import { accounts } from "../accounts";
import { getWorkspaceSettings } from "../workspaces";
import {
  type CadenceKind,
  type cadenceRuleFilterInput,
  cadenceSyncJobName,
  type changeCadenceRuleInput,
  type createCadenceRuleInput,
  defaultCadenceRules,
} from "./cadence.inputs";
import { assertMayChangeCadenceRules } from "./cadence.policies";
import { type CadenceRule, cadenceRules, type NewCadenceRule } from "./cadence.schema";

export type NewCadenceRuleInput = z.output<typeof createCadenceRuleInput>;
export type CadenceRuleChange = z.output<typeof changeCadenceRuleInput>;
export type CadenceRuleFilter = z.output<typeof cadenceRuleFilterInput> & {
  limit: number;
  cursor?: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fieldError(path: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", `${path}: ${message}`, { errors: [{ path, message }] });
}

/** Serialises seeding and rule writes of one workspace (held until the transaction ends). */
async function lockWorkspaceRules(ctx: Ctx): Promise<void> {
  await ctx.db.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`cadence_rules:${ctx.workspaceId}`}, 0))`,
  );
}

async function hasAnyRule(ctx: Ctx): Promise<boolean> {
  const [row] = await ctx.db
    .select({ id: cadenceRules.id })
    .from(cadenceRules)
    .where(eq(cadenceRules.workspaceId, ctx.workspaceId))
    .limit(1);
  return row !== undefined;
}

/** Inserts the default rules (for the default tiers the workspace still has) once. */
export async function ensureDefaultCadenceRules(ctx: Ctx): Promise<void> {
  if (await hasAnyRule(ctx)) return;
  await ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    await lockWorkspaceRules(inTx);
    if (await hasAnyRule(inTx)) return;
    const { tiers, createdAt } = await getWorkspaceSettings(inTx);
    const now = ctx.now();
    const rows: NewCadenceRule[] = defaultCadenceRules
      .filter((rule) => rule.scope !== "tier" || (rule.tier && tiers.includes(rule.tier)))
      .map((rule) => ({
        workspaceId: ctx.workspaceId,
        scope: rule.scope,
        tier: rule.tier ?? null,
        kind: rule.kind,
        everyDays: rule.everyDays,
        // They stand for the rules the workspace started with: "no touch yet" counts from then.
        createdAt: new Date(Math.min(createdAt.getTime(), now.getTime())),
        updatedAt: now,
      }));
    if (rows.length === 0) return;
    const inserted = await tx.insert(cadenceRules).values(rows).returning();
    for (const rule of inserted) {
      await recordAudit(inTx, {
        action: "cadence_rule.seeded",
        entityType: "cadence_rule",
        entityId: rule.id,
        after: rule,
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The workspace's rules, oldest first (ids are UUIDv7). */
export async function listCadenceRules(ctx: Ctx, filter: CadenceRuleFilter) {
  await ensureDefaultCadenceRules(ctx);
  const after = decodeCursor(filter.cursor, 1);
  if (after && (typeof after[0] !== "string" || !UUID.test(after[0]))) {
    throw fieldError("cursor", "Not a cursor this list gave out");
  }
  const conditions: (SQL | undefined)[] = [
    eq(cadenceRules.workspaceId, ctx.workspaceId),
    filter.includeArchived === "true" ? undefined : isNull(cadenceRules.archivedAt),
    filter.scope ? eq(cadenceRules.scope, filter.scope) : undefined,
    filter.tier ? eq(cadenceRules.tier, filter.tier) : undefined,
    filter.accountId ? eq(cadenceRules.accountId, filter.accountId) : undefined,
    after ? gt(cadenceRules.id, String(after[0])) : undefined,
  ];
  const rows = await ctx.db
    .select()
    .from(cadenceRules)
    .where(and(...conditions))
    .orderBy(asc(cadenceRules.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit, (rule) => [rule.id]);
}

export async function getCadenceRule(
  ctx: Ctx,
  ruleId: string,
  options: { forUpdate?: boolean } = {},
): Promise<CadenceRule> {
  const query = ctx.db
    .select()
    .from(cadenceRules)
    .where(and(eq(cadenceRules.workspaceId, ctx.workspaceId), eq(cadenceRules.id, ruleId)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("cadence rule");
  return row;
}

// ---------------------------------------------------------------------------------------------
// Rules

type Target = Pick<CadenceRule, "scope" | "tier" | "accountId">;

async function targetOf(ctx: Ctx, input: NewCadenceRuleInput): Promise<Target> {
  if (input.tier !== undefined) {
    const { tiers } = await getWorkspaceSettings(ctx);
    if (!tiers.includes(input.tier)) {
      throw fieldError("tier", `Must be one of the workspace's tiers: ${tiers.join(", ")}`);
    }
    return { scope: "tier", tier: input.tier, accountId: null };
  }
  if (input.accountId !== undefined) {
    // As for affiliations and tasks: a body's reference to another workspace's account is a 400.
    const [account] = await ctx.db
      .select({ archivedAt: accounts.archivedAt })
      .from(accounts)
      .where(and(eq(accounts.workspaceId, ctx.workspaceId), eq(accounts.id, input.accountId)));
    if (!account) throw fieldError("accountId", "No such account in this workspace");
    if (account.archivedAt) throw fieldError("accountId", "The account is archived");
    return { scope: "account", tier: null, accountId: input.accountId };
  }
  return { scope: "prospects", tier: null, accountId: null };
}

/** One live rule per target and kind: a second would make "which one counts" ambiguous. */
async function assertNoTwin(ctx: Ctx, target: Target, kind: CadenceKind, exceptId?: string) {
  const [twin] = await ctx.db
    .select({ id: cadenceRules.id })
    .from(cadenceRules)
    .where(
      and(
        eq(cadenceRules.workspaceId, ctx.workspaceId),
        isNull(cadenceRules.archivedAt),
        eq(cadenceRules.scope, target.scope),
        target.tier ? eq(cadenceRules.tier, target.tier) : undefined,
        target.accountId ? eq(cadenceRules.accountId, target.accountId) : undefined,
        eq(cadenceRules.kind, kind),
        exceptId ? sql`${cadenceRules.id} <> ${exceptId}` : undefined,
      ),
    );
  if (twin) {
    throw new AppError("ALREADY_EXISTS", "A live rule for the same accounts and kind exists.", {
      ruleId: twin.id,
    });
  }
}

/** Tasks follow rule changes: a workspace-wide sync, committed with the change. */
async function enqueueSync(ctx: Ctx): Promise<void> {
  await enqueueJob(ctx.db, ctx.now(), refreshJob(cadenceSyncJobName, ctx.workspaceId));
}

// ---------------------------------------------------------------------------------------------
// Writing

export async function createCadenceRule(
  ctx: Ctx,
  input: NewCadenceRuleInput,
): Promise<CadenceRule> {
  assertMayChangeCadenceRules(ctx.actor);
  await ensureDefaultCadenceRules(ctx);
  await lockWorkspaceRules(ctx);
  const target = await targetOf(ctx, input);
  await assertNoTwin(ctx, target, input.kind);
  const now = ctx.now();
  const [rule] = await ctx.db
    .insert(cadenceRules)
    .values({
      workspaceId: ctx.workspaceId,
      ...target,
      kind: input.kind,
      everyDays: input.everyDays,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!rule) throw new Error("cadence rule insert returned nothing");
  await recordAudit(ctx, {
    action: "cadence_rule.created",
    entityType: "cadence_rule",
    entityId: rule.id,
    after: rule,
  });
  await enqueueSync(ctx);
  return rule;
}

export async function updateCadenceRule(
  ctx: Ctx,
  ruleId: string,
  expectedVersion: number,
  change: CadenceRuleChange,
): Promise<CadenceRule> {
  assertMayChangeCadenceRules(ctx.actor);
  await lockWorkspaceRules(ctx);
  const before = await getCadenceRule(ctx, ruleId, { forUpdate: true });
  assertVersion(expectedVersion, before.version);
  if (before.archivedAt) {
    throw new AppError("CONFLICT", "The rule is archived and can no longer be changed.");
  }
  if (change.kind && change.kind !== before.kind)
    await assertNoTwin(ctx, before, change.kind, ruleId);
  const after = await writeRule(ctx, before, { ...change, updatedAt: ctx.now() });
  await recordAudit(ctx, {
    action: "cadence_rule.updated",
    entityType: "cadence_rule",
    entityId: ruleId,
    before,
    after,
  });
  await enqueueSync(ctx);
  return after;
}

/** Archiving stops the rule; the sync dismisses its open tasks. Repeating it is harmless. */
export async function archiveCadenceRule(
  ctx: Ctx,
  ruleId: string,
  expectedVersion?: number,
): Promise<CadenceRule> {
  assertMayChangeCadenceRules(ctx.actor);
  const before = await getCadenceRule(ctx, ruleId, { forUpdate: true });
  if (expectedVersion !== undefined) assertVersion(expectedVersion, before.version);
  if (before.archivedAt) return before;
  const now = ctx.now();
  const after = await writeRule(ctx, before, { archivedAt: now, updatedAt: now });
  await recordAudit(ctx, {
    action: "cadence_rule.archived",
    entityType: "cadence_rule",
    entityId: ruleId,
    before,
    after,
  });
  await enqueueSync(ctx);
  return after;
}

async function writeRule(
  ctx: Ctx,
  before: CadenceRule,
  columns: Partial<NewCadenceRule>,
): Promise<CadenceRule> {
  const [after] = await ctx.db
    .update(cadenceRules)
    .set({ ...columns, version: sql`${cadenceRules.version} + 1` })
    .where(
      and(
        eq(cadenceRules.workspaceId, ctx.workspaceId),
        eq(cadenceRules.id, before.id),
        eq(cadenceRules.version, before.version),
      ),
    )
    .returning();
  if (!after) throw new AppError("STALE_VERSION");
  return after;
}
