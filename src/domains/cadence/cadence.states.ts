/**
 * Each account's state under each rule that applies to it, derived from the interactions
 * in one SQL statement (a LATERAL "last qualifying touch" per account × rule, on the index
 * interactions(workspace_id, account_id, occurred_at)).
 *
 * Which rules apply: archived and `former` accounts are exempt; a `prospect` follows the
 * prospects rules, any other status its tier's rules; every account also follows its own
 * account rules, and an account rule replaces the tier (or prospects) rule of the same kind.
 *
 * Dates are days in the workspace's time zone: due on = the day of the last qualifying
 * touch + everyDays; with no touch ever, counted from the later of the account's and the
 * rule's creation days. Overdue from the day after the due day (daysOverdue = days since
 * the due day); due soon in the last max(1, round(N / 5)) days up to and including it.
 */
import { type SQL, sql } from "drizzle-orm";
import { accountTeamMembers, interactions } from "../../platform/db/schema";
import type { Ctx } from "../../platform/http/context";
import { dayOf } from "../../platform/time/zoned";
import { accounts } from "../accounts";
import { meaningfulKinds } from "../interactions/interactions.inputs";
import { getWorkspaceTimeZone } from "../workspaces";
import {
  type CadenceKind,
  type CadenceScope,
  type CadenceState,
  dueSoonWindow,
} from "./cadence.inputs";
import { ensureDefaultCadenceRules } from "./cadence.rules";
import { cadenceRules } from "./cadence.schema";

export type CadenceStateRow = {
  accountId: string;
  accountName: string;
  ownerId: string;
  ruleId: string;
  scope: CadenceScope;
  tier: string | null;
  kind: CadenceKind;
  everyDays: number;
  lastTouchId: string | null;
  lastTouchAt: Date | null;
  /** The workspace-zone day the next touch is due by (YYYY-MM-DD). */
  dueOn: string;
  /** Days from today to dueOn (negative once overdue). */
  daysUntilDue: number;
  state: CadenceState;
  /** 0 unless overdue. */
  daysOverdue: number;
};

export type CadenceStateFilter = {
  accountId?: string;
  ownerId?: string;
  /** Accounts the member owns or is on the team of. */
  memberId?: string;
  /** The instant to judge at (default now). */
  asOf?: Date;
  /** Only overdue (account, rule) pairs, filtered in SQL. */
  overdueOnly?: boolean;
  /** The workspace's zone, when the caller has read it already (Today does). */
  timeZone?: string;
};

type RawRow = Omit<CadenceStateRow, "lastTouchAt" | "state" | "daysOverdue"> & {
  lastTouchAt: Date | string | null;
};

export async function listCadenceStates(
  ctx: Ctx,
  filter: CadenceStateFilter = {},
): Promise<CadenceStateRow[]> {
  await ensureDefaultCadenceRules(ctx);
  const timeZone = filter.timeZone ?? (await getWorkspaceTimeZone(ctx));
  const asOf = filter.asOf ?? ctx.now();
  const today = dayOf(asOf, timeZone);
  const result = await ctx.db.execute(
    cadenceStatesQuery(ctx, { ...filter, asOf, today, timeZone }),
  );
  return (result as unknown as { rows: RawRow[] }).rows.map((row) => {
    const daysUntilDue = Number(row.daysUntilDue);
    const everyDays = Number(row.everyDays);
    const state: CadenceState =
      daysUntilDue < 0 ? "overdue" : daysUntilDue < dueSoonWindow(everyDays) ? "due_soon" : "ok";
    return {
      ...row,
      everyDays,
      daysUntilDue,
      lastTouchAt: row.lastTouchAt === null ? null : new Date(row.lastTouchAt),
      state,
      daysOverdue: Math.max(0, -daysUntilDue),
    };
  });
}

/**
 * Raw SQL: the rule join, the override test and the LATERAL read better as one statement
 * than through the builder, and the plan is the one checked in the report.
 */
export function cadenceStatesQuery(
  ctx: Ctx,
  f: CadenceStateFilter & { asOf: Date; today: string; timeZone: string },
): SQL {
  const kinds = sql.join(
    meaningfulKinds.map((kind) => sql`${kind}`),
    sql`, `,
  );
  const tz = f.timeZone;
  const filters: SQL[] = [];
  if (f.accountId) filters.push(sql`and a.id = ${f.accountId}`);
  if (f.ownerId) filters.push(sql`and a.owner_id = ${f.ownerId}`);
  if (f.memberId) {
    filters.push(
      // An id list from two index lookups (owner, live team), not an OR per account row.
      sql`and a.id in (select o.id from ${accounts} o where o.workspace_id = ${ctx.workspaceId} and o.owner_id = ${f.memberId}
        union select tm.account_id from ${accountTeamMembers} tm where tm.workspace_id = ${ctx.workspaceId} and tm.member_id = ${f.memberId} and tm.ended_at is null)`,
    );
  }
  const overridden = sql`exists (select 1 from ${cadenceRules} o where o.workspace_id = a.workspace_id and o.scope = 'account' and o.account_id = a.id and o.kind = r.kind and o.archived_at is null)`;
  const dueOn = sql`(coalesce((t.occurred_at at time zone ${tz})::date, greatest((a.created_at at time zone ${tz})::date, (r.created_at at time zone ${tz})::date)) + r.every_days)`;
  return sql`
    select * from (
      select a.id as "accountId", a.name as "accountName", a.owner_id as "ownerId",
        r.id as "ruleId", r.scope, r.tier, r.kind, r.every_days as "everyDays",
        t.id as "lastTouchId", t.occurred_at as "lastTouchAt",
        ${dueOn}::text as "dueOn",
        (${dueOn} - ${f.today}::date) as "daysUntilDue"
      from ${accounts} a
      join ${cadenceRules} r on r.workspace_id = a.workspace_id and r.archived_at is null and (
        (r.scope = 'account' and r.account_id = a.id)
        or (r.scope = 'prospects' and a.status = 'prospect' and not ${overridden})
        or (r.scope = 'tier' and a.status <> 'prospect' and r.tier = a.tier and not ${overridden})
      )
      left join lateral (
        select i.id, i.occurred_at from ${interactions} i
        where i.workspace_id = a.workspace_id and i.account_id = a.id
          and i.state = 'completed' and i.archived_at is null
          and i.occurred_at <= ${f.asOf.toISOString()}::timestamptz
          and (i.kind = r.kind or (r.kind = 'any' and i.kind in (${kinds})))
        order by i.occurred_at desc
        limit 1
      ) t on true
      where a.workspace_id = ${ctx.workspaceId} and a.archived_at is null and a.status <> 'former'
        ${sql.join(filters, sql` `)}
    ) s
    ${f.overdueOnly ? sql`where s."daysUntilDue" < 0` : sql``}
    order by s."daysUntilDue" asc, s."accountName" asc, s."accountId" asc, s."ruleId" asc`;
}
