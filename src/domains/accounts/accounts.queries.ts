/**
 * Accounts: list, read, create, change, archive. Rules live here: one live account per
 * domain, the owner is an active member of the workspace, every status change is dated,
 * and every change is audited in the caller's transaction.
 */
import {
  and,
  arrayContains,
  asc,
  desc,
  eq,
  ilike,
  isNotNull,
  isNull,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../../platform/audit/audit.queries";
import { members, workspaces } from "../../platform/auth/auth.schema";
import { assertVersion } from "../../platform/http/concurrency";
import type { Ctx } from "../../platform/http/context";
import { AppError, notFound } from "../../platform/http/errors";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { enqueueJob, refreshJob } from "../../platform/jobs";
import { healthRecomputeJobName } from "../health/health.inputs";
import type {
  AccountChange,
  AccountSort,
  accountFilterInput,
  createAccountInput,
} from "./accounts.inputs";
import { assertMayChangeAccount, assertMayCreateAccount } from "./accounts.policies";
import {
  type Account,
  accounts,
  accountTeamMembers,
  type Milestone,
  type NewAccount,
} from "./accounts.schema";

export type NewAccountInput = z.output<typeof createAccountInput>;
export type AccountFilter = z.output<typeof accountFilterInput> & {
  limit: number;
  cursor?: string;
};

// ---------------------------------------------------------------------------------------------
// Reading

/** Each sort: the expression ordered by (read back as text so the cursor is exact) and its cast. */
const sortKeys = {
  name: { expr: sql`lower(${accounts.name})`, cast: sql`::text` },
  createdAt: { expr: sql`${accounts.createdAt}`, cast: sql`::timestamptz` },
  updatedAt: { expr: sql`${accounts.updatedAt}`, cast: sql`::timestamptz` },
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** timestamptz as PostgreSQL prints it (DateStyle ISO), e.g. "2026-01-15 09:00:00.123+00". */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)$/;

function validCursorValues(field: keyof typeof sortKeys, value: unknown, id: unknown): boolean {
  if (typeof value !== "string" || typeof id !== "string" || !UUID.test(id)) return false;
  if (field === "name") return !value.includes("\u0000");
  const iso = value.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00");
  return TIMESTAMP.test(value) && !Number.isNaN(Date.parse(iso));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Keyset pagination for every sort: the cursor holds [sort, sort value, id] of the last
 * row, and the next page starts strictly after (or before, descending) that pair.
 */
export async function listAccounts(ctx: Ctx, filter: AccountFilter) {
  const sort: AccountSort = filter.sort ?? "name";
  const descending = sort.startsWith("-");
  const field = (descending ? sort.slice(1) : sort) as keyof typeof sortKeys;
  const key = sortKeys[field];
  const after = decodeCursor(filter.cursor, 3);
  // The values go into SQL casts: a hand-made cursor must be a 400, not a failed cast.
  if (after && (after[0] !== sort || !validCursorValues(field, after[1], after[2]))) {
    throw new AppError("VALIDATION_FAILED", "The cursor belongs to another sort order.", {
      errors: [{ path: "cursor", message: "Not a cursor for this sort" }],
    });
  }
  const conditions: (SQL | undefined)[] = [
    eq(accounts.workspaceId, ctx.workspaceId),
    filter.archived ? isNotNull(accounts.archivedAt) : isNull(accounts.archivedAt),
    filter.status ? eq(accounts.status, filter.status) : undefined,
    filter.tier ? eq(accounts.tier, filter.tier) : undefined,
    filter.segment ? eq(accounts.segment, filter.segment) : undefined,
    filter.ownerId ? eq(accounts.ownerId, filter.ownerId) : undefined,
    filter.tag ? arrayContains(accounts.tags, [filter.tag]) : undefined,
    filter.q
      ? or(
          ilike(accounts.name, `%${escapeLike(filter.q)}%`),
          ilike(accounts.domain, `%${escapeLike(filter.q)}%`),
        )
      : undefined,
  ];
  if (after) {
    const [, value, id] = after;
    const op = descending ? sql`<` : sql`>`;
    conditions.push(
      sql`(${key.expr}, ${accounts.id}) ${op} (${String(value)}${key.cast}, ${String(id)}::uuid)`,
    );
  }
  const order = descending ? desc : asc;
  const rows = await ctx.db
    .select({ account: accounts, sortValue: sql<string>`(${key.expr})::text` })
    .from(accounts)
    .where(and(...conditions))
    .orderBy(order(key.expr), order(accounts.id))
    .limit(filter.limit + 1);
  const page = toPage(rows, filter.limit, (row) => [sort, row.sortValue, row.account.id]);
  return { data: page.data.map((row) => row.account), nextCursor: page.nextCursor };
}

export async function getAccount(
  ctx: Ctx,
  accountId: string,
  options: { forUpdate?: boolean } = {},
): Promise<Account> {
  const query = ctx.db
    .select()
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.workspaceId), eq(accounts.id, accountId)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("account");
  return row;
}

/** Member ids on the account's team (the owner is always on it, listed or not). */
export async function teamMemberIdsOf(ctx: Ctx, accountId: string): Promise<string[]> {
  const rows = await ctx.db
    .select({ memberId: accountTeamMembers.memberId })
    .from(accountTeamMembers)
    .where(
      and(
        eq(accountTeamMembers.workspaceId, ctx.workspaceId),
        eq(accountTeamMembers.accountId, accountId),
        isNull(accountTeamMembers.endedAt),
      ),
    );
  return rows.map((row) => row.memberId);
}

// ---------------------------------------------------------------------------------------------
// Rules

/** Tiers are the workspace's own list (Settings → Workspace). */
async function assertWorkspaceTier(ctx: Ctx, tier: string): Promise<void> {
  const { tiers } = await workspaceMarketsOf(ctx);
  if (!tiers.includes(tier)) {
    throw new AppError("VALIDATION_FAILED", `tier: must be one of ${tiers.join(", ")}`, {
      errors: [
        { path: "tier", message: `Must be one of the workspace's tiers: ${tiers.join(", ")}` },
      ],
    });
  }
}

/** The workspace's tiers and core markets, which shape how accounts are read. */
export async function workspaceMarketsOf(
  ctx: Ctx,
): Promise<{ tiers: string[]; coreSegments: string[] }> {
  const [row] = await ctx.db
    .select({ tiers: workspaces.tiers, coreSegments: workspaces.coreSegments })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  return row ?? { tiers: [], coreSegments: [] };
}

/** P25: an account whose segment is none of the firm's core markets (when it has any). */
export function isOutsideCoreMarkets(
  account: { segment: string | null },
  coreSegments: readonly string[],
): boolean {
  if (coreSegments.length === 0) return false;
  const segment = account.segment?.toLowerCase();
  return !segment || !coreSegments.some((core) => core.toLowerCase() === segment);
}

async function assertActiveMember(ctx: Ctx, memberId: string): Promise<void> {
  const [member] = await ctx.db
    .select({ id: members.id })
    .from(members)
    .where(
      and(
        eq(members.workspaceId, ctx.workspaceId),
        eq(members.id, memberId),
        eq(members.status, "active"),
      ),
    );
  if (!member) {
    throw new AppError("VALIDATION_FAILED", "ownerId: Must be an active member of this workspace", {
      errors: [{ path: "ownerId", message: "Must be an active member of this workspace" }],
    });
  }
}

async function assertDomainFree(ctx: Ctx, domain: string, exceptId?: string): Promise<void> {
  const [existing] = await ctx.db
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, ctx.workspaceId),
        eq(accounts.domain, domain),
        isNull(accounts.archivedAt),
      ),
    );
  if (existing && existing.id !== exceptId) {
    throw new AppError("ALREADY_EXISTS", `${existing.name} already has the domain ${domain}.`, {
      existingId: existing.id,
    });
  }
}

/** A concurrent writer can still win the race past assertDomainFree; the unique index decides. */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

async function guardUnique<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("ALREADY_EXISTS", "Another live account already has this domain.");
    }
    throw error;
  }
}

function sortMilestones(list: Milestone[]): Milestone[] {
  return [...list].sort((a, b) => a.on.localeCompare(b.on));
}

/** Maps API fields to columns; only the fields present are set. */
function columnsOf(input: Partial<NewAccountInput>): Partial<NewAccount> {
  const { serviceLevel, milestones, ...rest } = input;
  const columns: Partial<NewAccount> = { ...rest };
  if (serviceLevel !== undefined) {
    columns.serviceCoverage = serviceLevel?.coverage ?? null;
    columns.serviceHours = serviceLevel?.hours ?? null;
  }
  if (milestones !== undefined) columns.milestones = sortMilestones(milestones);
  return columns;
}

// ---------------------------------------------------------------------------------------------
// Writing

export async function createAccount(ctx: Ctx, input: NewAccountInput): Promise<Account> {
  assertMayCreateAccount(ctx.actor);
  const ownerId = input.ownerId ?? ctx.actor.memberId;
  if (!ownerId) {
    throw new AppError("VALIDATION_FAILED", "ownerId: Required", {
      errors: [{ path: "ownerId", message: "Required when not acting as a member" }],
    });
  }
  await assertActiveMember(ctx, ownerId);
  if (input.tier) await assertWorkspaceTier(ctx, input.tier);
  if (input.domain) await assertDomainFree(ctx, input.domain);
  const now = ctx.now();
  const status = input.status ?? "prospect";
  const [account] = await guardUnique(() =>
    ctx.db
      .insert(accounts)
      .values({
        ...columnsOf(input),
        name: input.name,
        workspaceId: ctx.workspaceId,
        ownerId,
        status,
        statusHistory: [{ status, changedAt: now.toISOString() }],
        createdAt: now,
        updatedAt: now,
      })
      .returning(),
  );
  if (!account) throw new Error("account insert returned nothing");
  await recordAudit(ctx, {
    action: "account.created",
    entityType: "account",
    entityId: account.id,
    after: account,
  });
  await refreshHealth(ctx, account.id);
  return account;
}

export async function updateAccount(
  ctx: Ctx,
  accountId: string,
  expectedVersion: number,
  change: AccountChange,
): Promise<Account> {
  const before = await getAccount(ctx, accountId, { forUpdate: true });
  assertMayChangeAccount(ctx.actor, {
    ownerId: before.ownerId,
    teamMemberIds: await teamMemberIdsOf(ctx, accountId),
  });
  assertVersion(expectedVersion, before.version);
  if (before.archivedAt) {
    throw new AppError("CONFLICT", "The account is archived: unarchive it to change it.");
  }
  if (change.ownerId && change.ownerId !== before.ownerId) {
    await assertActiveMember(ctx, change.ownerId);
  }
  if (change.tier && change.tier !== before.tier) await assertWorkspaceTier(ctx, change.tier);
  if (change.domain && change.domain !== before.domain) {
    await assertDomainFree(ctx, change.domain, accountId);
  }
  const now = ctx.now();
  const columns = columnsOf(change);
  if (change.status && change.status !== before.status) {
    columns.statusHistory = [
      ...before.statusHistory,
      { status: change.status, changedAt: now.toISOString() },
    ];
  }
  const after = await writeAccount(ctx, before, { ...columns, updatedAt: now });
  await recordAudit(ctx, {
    action: "account.updated",
    entityType: "account",
    entityId: accountId,
    before,
    after,
  });
  await refreshHealth(ctx, accountId);
  return after;
}

/** Archiving hides the account from lists and frees its domain; nothing is deleted. */
export async function archiveAccount(
  ctx: Ctx,
  accountId: string,
  expectedVersion?: number,
): Promise<Account> {
  return setArchived(ctx, accountId, true, expectedVersion);
}

export async function unarchiveAccount(
  ctx: Ctx,
  accountId: string,
  expectedVersion?: number,
): Promise<Account> {
  return setArchived(ctx, accountId, false, expectedVersion);
}

async function setArchived(
  ctx: Ctx,
  accountId: string,
  archive: boolean,
  expectedVersion: number | undefined,
): Promise<Account> {
  const before = await getAccount(ctx, accountId, { forUpdate: true });
  assertMayChangeAccount(ctx.actor, {
    ownerId: before.ownerId,
    teamMemberIds: await teamMemberIdsOf(ctx, accountId),
  });
  if (expectedVersion !== undefined) assertVersion(expectedVersion, before.version);
  // Already in the asked-for state: answer it as is, so a retried request is harmless.
  if ((before.archivedAt !== null) === archive) return before;
  if (!archive && before.domain) await assertDomainFree(ctx, before.domain, accountId);
  const now = ctx.now();
  const after = await writeAccount(ctx, before, {
    archivedAt: archive ? now : null,
    updatedAt: now,
  });
  await recordAudit(ctx, {
    action: archive ? "account.archived" : "account.unarchived",
    entityType: "account",
    entityId: accountId,
    before,
    after,
  });
  // An archived account leaves the portfolio by itself; one coming back needs its score.
  if (!archive) await refreshHealth(ctx, accountId);
  return after;
}

/**
 * A new or changed account (tier, status, owner) is scored by the health domain, asked by
 * job name: the portfolio reads stored scores only, so every live account must have one.
 */
async function refreshHealth(ctx: Ctx, accountId: string): Promise<void> {
  await enqueueJob(
    ctx.db,
    ctx.now(),
    refreshJob(healthRecomputeJobName, ctx.workspaceId, { accountId }),
  );
}

async function writeAccount(
  ctx: Ctx,
  before: Account,
  columns: Partial<NewAccount>,
): Promise<Account> {
  const [after] = await guardUnique(() =>
    ctx.db
      .update(accounts)
      .set({ ...columns, version: sql`${accounts.version} + 1` })
      .where(
        and(
          eq(accounts.workspaceId, ctx.workspaceId),
          eq(accounts.id, before.id),
          eq(accounts.version, before.version),
        ),
      )
      .returning(),
  );
  if (!after) throw new AppError("STALE_VERSION");
  return after;
}
