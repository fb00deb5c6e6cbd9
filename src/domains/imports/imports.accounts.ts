/**
 * Planning an accounts import, and finding the account a contact's Company names. Accounts
 * match by normalised domain, else by exact (case-insensitive) name; new ones are prospects
 * owned by the importer. Lookups are set-based, one query per batch of rows.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { newId } from "../../platform/db/columns";
import { accountTeamMembers, workspaces } from "../../platform/db/schema";
import type { Ctx } from "../../platform/http/context";
import { accounts, MAX_TAGS, mayChangeAccount } from "../accounts";
import {
  type AccountRecord,
  accountColumns,
  batchesOf,
  differs,
  nameKey,
  PLAN_BATCH,
  type Plan,
  reject,
  union,
} from "./imports.plan";
import { checkAccountRow, type NewAccountInput, type RawAccountRow } from "./imports.rows";

/** The workspace's live accounts by domain and by name, loaded as rows ask for them. */
export class AccountDirectory {
  private byDomain = new Map<string, AccountRecord | null>();
  private byName = new Map<string, AccountRecord[]>();

  constructor(private readonly ctx: Ctx) {}

  /** Loads whatever of these domains and names is not loaded yet. */
  async load(domains: Iterable<string>, names: Iterable<string>): Promise<void> {
    const newDomains = [...new Set(domains)].filter((d) => !this.byDomain.has(d));
    const newNames = [...new Set([...names].map(nameKey))].filter((n) => !this.byName.has(n));
    for (const d of newDomains) this.byDomain.set(d, null);
    for (const n of newNames) this.byName.set(n, []);
    if (newDomains.length === 0 && newNames.length === 0) return;
    const rows = await this.ctx.db
      .select(accountColumns)
      .from(accounts)
      .where(
        and(
          eq(accounts.workspaceId, this.ctx.workspaceId),
          isNull(accounts.archivedAt),
          sql`(${accounts.domain} = any(${sql.param(newDomains)}::text[]) or lower(${accounts.name}) = any(${sql.param(newNames)}::text[]))`,
        ),
      )
      .orderBy(accounts.id);
    for (const row of rows) this.add(row);
  }

  /** Registers an account (loaded, or planned for creation by this import). */
  add(account: AccountRecord): void {
    if (account.domain) this.byDomain.set(account.domain, account);
    const key = nameKey(account.name);
    const list = this.byName.get(key) ?? [];
    if (!list.some((a) => a.id === account.id)) list.push(account);
    this.byName.set(key, list);
  }

  byDomainOf(domain: string): AccountRecord | undefined {
    return this.byDomain.get(domain) ?? undefined;
  }

  /** Accounts with this name that a row with this domain may be: same domain or none. */
  byNameOf(name: string, domain: string | null | undefined): AccountRecord[] {
    return (this.byName.get(nameKey(name)) ?? []).filter(
      (a) => !domain || !a.domain || a.domain === domain,
    );
  }

  /** The account a contact's Company is: by domain, else the oldest with that name. */
  find(name: string, domain: string | null): AccountRecord | undefined {
    return (domain ? this.byDomainOf(domain) : undefined) ?? this.byNameOf(name, domain)[0];
  }
}

/** A new prospect account, owned by the importer. */
export function newAccountRecord(
  ctx: Ctx,
  input: Partial<NewAccountInput> & { name: string },
): AccountRecord {
  const now = ctx.now();
  const status = input.status ?? "prospect";
  if (!ctx.actor.memberId) throw new Error("an import needs a member to own what it creates");
  return {
    workspaceId: ctx.workspaceId,
    id: newId(),
    name: input.name,
    domain: input.domain ?? null,
    status,
    statusHistory: [{ status, changedAt: now.toISOString() }],
    tier: input.tier ?? null,
    segment: input.segment ?? null,
    serviceCoverage: input.serviceLevel?.coverage ?? null,
    serviceHours: input.serviceLevel?.hours ?? null,
    ownerId: ctx.actor.memberId,
    tags: input.tags ?? [],
    size: input.size ?? null,
    background: input.background ?? null,
    aspirations: input.aspirations ?? null,
    milestones: [],
    createdAt: now,
    updatedAt: now,
    version: 1,
    archivedAt: null,
  };
}

const compared = [
  "name",
  "domain",
  "status",
  "tier",
  "segment",
  "serviceCoverage",
  "serviceHours",
  "tags",
  "size",
  "background",
  "aspirations",
] as const satisfies readonly (keyof AccountRecord)[];

/** The account with the row's values: given fields replace, tags add up, a status change is dated. */
function mergeAccount(ctx: Ctx, before: AccountRecord, input: NewAccountInput): AccountRecord {
  const after: AccountRecord = { ...before, tags: union(before.tags, input.tags) };
  if (input.domain && input.domain === before.domain && input.name !== before.name) {
    after.name = input.name;
  }
  if (input.domain && !before.domain) after.domain = input.domain;
  if (input.tier) after.tier = input.tier;
  if (input.segment) after.segment = input.segment;
  if (input.size !== undefined && input.size !== null) after.size = input.size;
  if (input.background) after.background = input.background;
  if (input.aspirations) after.aspirations = input.aspirations;
  if (input.serviceLevel) {
    after.serviceCoverage = input.serviceLevel.coverage;
    after.serviceHours = input.serviceLevel.hours;
  }
  if (input.status && input.status !== before.status) {
    after.status = input.status;
    after.statusHistory = [
      ...before.statusHistory,
      { status: input.status, changedAt: ctx.now().toISOString() },
    ];
  }
  return after;
}

async function teamsOf(ctx: Ctx, accountIds: string[]): Promise<Map<string, string[]>> {
  const teams = new Map<string, string[]>();
  for (const ids of batchesOf(accountIds, PLAN_BATCH)) {
    const rows = await ctx.db
      .select({ accountId: accountTeamMembers.accountId, memberId: accountTeamMembers.memberId })
      .from(accountTeamMembers)
      .where(
        and(
          eq(accountTeamMembers.workspaceId, ctx.workspaceId),
          inArray(accountTeamMembers.accountId, ids),
          isNull(accountTeamMembers.endedAt),
        ),
      );
    for (const row of rows)
      teams.set(row.accountId, [...(teams.get(row.accountId) ?? []), row.memberId]);
  }
  return teams;
}

async function workspaceTiers(ctx: Ctx): Promise<string[]> {
  const [row] = await ctx.db
    .select({ tiers: workspaces.tiers })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  return row?.tiers ?? [];
}

export async function planAccountImport(
  ctx: Ctx,
  plan: Plan,
  rows: readonly RawAccountRow[],
  onBatch: (processed: number) => Promise<void>,
): Promise<void> {
  const directory = new AccountDirectory(ctx);
  const tiers = await workspaceTiers(ctx);
  const tierOf = new Map(tiers.map((t) => [t.toLowerCase(), t]));
  /** Which line claimed each account (existing id or planned new one). */
  const claimedBy = new Map<string, number>();
  let processed = 0;
  for (const batch of batchesOf(rows, PLAN_BATCH)) {
    const checked = batch.map(checkAccountRow);
    const valid = checked.flatMap((c) => (c.ok ? [c.value] : []));
    await directory.load(
      valid.flatMap((v) => (v.domain ? [v.domain] : [])),
      valid.map((v) => v.name),
    );
    const candidates = valid.flatMap((v) => [
      ...(v.domain && directory.byDomainOf(v.domain) ? [directory.byDomainOf(v.domain)?.id] : []),
      ...directory.byNameOf(v.name, v.domain).map((a) => a.id),
    ]);
    const teams = await teamsOf(
      ctx,
      [...new Set(candidates)].filter((id) => id !== undefined),
    );
    for (const row of checked) {
      if (row.ok)
        planAccountRow(ctx, plan, row.line, row.value, { directory, tierOf, teams, claimedBy });
      else reject(plan, row.line, row.reason);
    }
    processed += batch.length;
    await onBatch(processed);
  }
}

type AccountRowContext = {
  directory: AccountDirectory;
  tierOf: Map<string, string>;
  teams: Map<string, string[]>;
  claimedBy: Map<string, number>;
};

function planAccountRow(
  ctx: Ctx,
  plan: Plan,
  line: number,
  checked: NewAccountInput,
  { directory, tierOf, teams, claimedBy }: AccountRowContext,
): void {
  const input = { ...checked };
  if (input.tier) {
    const tier = tierOf.get(input.tier.toLowerCase());
    if (!tier) {
      const tiers = [...tierOf.values()].join(", ");
      reject(
        plan,
        line,
        `tier: Must be one of the workspace's tiers: ${tiers} (got "${input.tier}")`,
      );
      return;
    }
    input.tier = tier;
  }
  const byDomain = input.domain ? directory.byDomainOf(input.domain) : undefined;
  const byName = byDomain ? [] : directory.byNameOf(input.name, input.domain);
  if (!byDomain && !input.domain && byName.length > 1) {
    reject(
      plan,
      line,
      `name: ${byName.length} accounts are named "${input.name}"; add a Domain column to say which`,
    );
    return;
  }
  const account = byDomain ?? byName[0];
  const earlier = account ? claimedBy.get(account.id) : undefined;
  if (earlier !== undefined) {
    reject(
      plan,
      line,
      `Duplicate of line ${earlier}: both rows are the account "${account?.name}"`,
    );
    return;
  }
  if (!account) {
    if ((input.tags?.length ?? 0) > MAX_TAGS) {
      reject(plan, line, `tags: At most ${MAX_TAGS} tags`);
      return;
    }
    const created = newAccountRecord(ctx, input);
    directory.add(created);
    claimedBy.set(created.id, line);
    plan.accountInserts.push(created);
    plan.report.created += 1;
    return;
  }
  claimedBy.set(account.id, line);
  const after = mergeAccount(ctx, account, input);
  if (!differs(account, after, compared)) {
    plan.report.unchanged += 1;
    return;
  }
  if (after.tags.length > MAX_TAGS) {
    reject(plan, line, `tags: At most ${MAX_TAGS} tags (the account has ${account.tags.length})`);
    return;
  }
  const people = { ownerId: account.ownerId, teamMemberIds: teams.get(account.id) ?? [] };
  if (!mayChangeAccount(ctx.actor, people)) {
    reject(
      plan,
      line,
      `${account.name}: members may change only accounts they own or are on the team of`,
    );
    return;
  }
  plan.accountUpdates.push({
    before: account,
    after: { ...after, updatedAt: ctx.now(), version: account.version + 1 },
  });
  plan.report.updated += 1;
}
