/**
 * What an activity report is about: the live accounts in scope (all, or only existing
 * clients or prospects), who serves each (owner and live team), which went untouched in the
 * period, and the rows a grouping has (every member with accounts or touches, every kind,
 * every month of the period, every account), so an empty group shows as zeros, not a gap.
 */
import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { members, users } from "../../platform/auth/auth.schema";
import type { Ctx } from "../../platform/http/context";
import { addDays, type Day } from "../../platform/time/zoned";
import { type AccountStatus, accounts, accountTeamMembers } from "../accounts";
import type { CadenceStateRow } from "../cadence";
import { interactionKinds, meaningfulKinds } from "../interactions";
import type { ActivityGroupBy, ClientType } from "./reports.inputs";

export type GroupRef = { key: string; label: string };
export type CadenceTally = { rules: number; notOverdue: number };

export type UntouchedAccount = {
  accountId: string;
  accountName: string;
  status: AccountStatus;
  /** The last meaningful touch before the period; null when there never was one. */
  lastTouchAt: string | null;
};

export type Scope = {
  timeZone: string;
  start: Date;
  end: Date;
  clientType?: ClientType;
  accounts: Map<string, { name: string; status: AccountStatus; ownerId: string }>;
  /** Owner and live team of each account in scope. */
  servedBy: Map<string, Set<string>>;
  untouched: UntouchedAccount[];
  /** Accounts untouched in a group's rows (null where the grouping has no such notion). */
  untouchedIn(
    groupBy: ActivityGroupBy | "total",
    key: string,
    tally: { liveAccountsTouched: number } | undefined,
  ): number | null;
};

function clientCondition(clientType: ClientType | undefined): SQL | undefined {
  if (clientType === "prospect") return eq(accounts.status, "prospect");
  if (clientType === "existing") return sql`${accounts.status} <> 'prospect'`;
  return undefined;
}

export async function loadScope(
  ctx: Ctx,
  options: { timeZone: string; start: Date; end: Date; clientType?: ClientType },
): Promise<Scope> {
  const inScope = and(
    eq(accounts.workspaceId, ctx.workspaceId),
    isNull(accounts.archivedAt),
    clientCondition(options.clientType),
  );
  const rows = await ctx.db
    .select({
      id: accounts.id,
      name: accounts.name,
      status: accounts.status,
      ownerId: accounts.ownerId,
    })
    .from(accounts)
    .where(inScope);
  const scoped = new Map(
    rows.map((r) => [r.id, { name: r.name, status: r.status, ownerId: r.ownerId }]),
  );
  const servedBy = new Map<string, Set<string>>();
  for (const r of rows) servedBy.set(r.id, new Set([r.ownerId]));
  const team = await ctx.db
    .select({ accountId: accountTeamMembers.accountId, memberId: accountTeamMembers.memberId })
    .from(accountTeamMembers)
    .where(
      and(eq(accountTeamMembers.workspaceId, ctx.workspaceId), isNull(accountTeamMembers.endedAt)),
    );
  for (const t of team) servedBy.get(t.accountId)?.add(t.memberId);

  // Live clients (not former) whose last meaningful touch before the period's end is
  // missing or before its start: the stalest first.
  const lastTouchMs = sql<
    number | null
  >`(select (extract(epoch from max(i.occurred_at)) * 1000)::float8 from interactions i where i.workspace_id = "accounts"."workspace_id" and i.account_id = "accounts"."id" and i.state = 'completed' and i.archived_at is null and i.kind in (${sql.join(
    meaningfulKinds.map((k) => sql`${k}`),
    sql`, `,
  )}) and i.occurred_at < ${options.end.toISOString()}::timestamptz)`;
  const stale = await ctx.db
    .select({ id: accounts.id, name: accounts.name, status: accounts.status, lastTouchMs })
    .from(accounts)
    .where(and(inScope, sql`${accounts.status} <> 'former'`))
    .orderBy(sql`4 asc nulls first`, accounts.name, accounts.id);
  const startMs = options.start.getTime();
  const untouched: UntouchedAccount[] = stale
    .filter((a) => a.lastTouchMs === null || Number(a.lastTouchMs) < startMs)
    .map((a) => ({
      accountId: a.id,
      accountName: a.name,
      status: a.status,
      lastTouchAt: a.lastTouchMs === null ? null : new Date(Number(a.lastTouchMs)).toISOString(),
    }));
  const untouchedIds = new Set(untouched.map((a) => a.accountId));
  const liveCount = rows.filter((r) => r.status !== "former").length;

  return {
    ...options,
    accounts: scoped,
    servedBy,
    untouched,
    untouchedIn(groupBy, key, tally) {
      if (groupBy === "account") {
        if (scoped.get(key)?.status === "former") return null;
        return untouchedIds.has(key) ? 1 : 0;
      }
      if (groupBy === "member") {
        let n = 0;
        for (const id of untouchedIds) if (servedBy.get(id)?.has(key)) n += 1;
        return n;
      }
      // Kind and month: live accounts without a meaningful touch of that kind / in that month.
      return liveCount - (tally?.liveAccountsTouched ?? 0);
    },
  };
}

/** How many account×rules each group has, and how many of them are not overdue. */
export function complianceByGroup(
  scope: Scope,
  states: readonly CadenceStateRow[],
  groupBy: ActivityGroupBy | "total",
): Map<string, CadenceTally> {
  const byGroup = new Map<string, CadenceTally>();
  const count = (key: string, ok: boolean) => {
    const tally = byGroup.get(key) ?? { rules: 0, notOverdue: 0 };
    tally.rules += 1;
    if (ok) tally.notOverdue += 1;
    byGroup.set(key, tally);
  };
  for (const s of states) {
    const ok = s.state !== "overdue";
    if (groupBy === "total") count("total", ok);
    else if (groupBy === "account") count(s.accountId, ok);
    else if (groupBy === "kind") count(s.kind, ok);
    else if (groupBy === "member")
      for (const m of scope.servedBy.get(s.accountId) ?? []) count(m, ok);
  }
  return byGroup;
}

/** Every member serving an account in scope or counted in a touch, by name. */
export async function memberGroups(ctx: Ctx, scope: Scope, touched: string[]): Promise<GroupRef[]> {
  const ids = new Set(touched);
  for (const served of scope.servedBy.values()) for (const id of served) ids.add(id);
  if (ids.size === 0) return [];
  const rows = await ctx.db
    .select({ id: members.id, name: users.name })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.workspaceId, ctx.workspaceId), inArray(members.id, [...ids])));
  return rows
    .map((r) => ({ key: r.id, label: r.name }))
    .sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
}

const kindLabels: Record<(typeof interactionKinds)[number], string> = {
  meeting: "Meeting",
  call: "Call",
  video_call: "Video call",
  email: "Email",
  visit: "Visit",
  strategy_session: "Strategy session",
  check_in: "Check-in",
  event: "Event",
  note: "Note",
};

export function kindGroups(): GroupRef[] {
  return interactionKinds.map((kind) => ({ key: kind, label: kindLabels[kind] }));
}

const monthName = new Intl.DateTimeFormat("en-US", {
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** Every month the period touches, "2026-01" → "January 2026". */
export function monthGroups(from: Day, to: Day): GroupRef[] {
  const months: GroupRef[] = [];
  let day = `${from.slice(0, 7)}-01`;
  while (day.slice(0, 7) <= to.slice(0, 7)) {
    months.push({ key: day.slice(0, 7), label: monthName.format(new Date(`${day}T12:00:00Z`)) });
    day = addDays(day, 32).slice(0, 7).concat("-01");
  }
  return months;
}

/** Every account in scope, by name (former clients only when someone touched them). */
export function accountGroups(scope: Scope, touched: ReadonlySet<string>): GroupRef[] {
  return [...scope.accounts.entries()]
    .filter(([id, a]) => a.status !== "former" || touched.has(id))
    .map(([id, a]) => ({ key: id, label: a.name }))
    .sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
}
