/**
 * The activity report: what the firm did with its clients over a period of the firm's days
 * (workspace time zone, both ends inclusive), grouped by member, kind, month or account.
 * Touches are completed interactions of live accounts; "meaningful" ones exclude notes.
 * Each row: counts by kind, meaningful touches per account touched, the median days since
 * the account's previous meaningful touch, cadence compliance (account×rules not overdue),
 * punctuality (meetings started more than 5 minutes late, median lateness), the split
 * between existing clients and prospects, and accounts left untouched. Computed in SQL.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import { addDays, type Day, dayOf, startOfDay } from "../../platform/time/zoned";
import { listCadenceStates } from "../cadence";
import { interactionKinds, meaningfulKinds } from "../interactions";
import { getWorkspaceTimeZone } from "../workspaces";
import type { ActivityGroupBy, ClientType } from "./reports.inputs";
import {
  accountGroups,
  type CadenceTally,
  complianceByGroup,
  type GroupRef,
  kindGroups,
  loadScope,
  memberGroups,
  monthGroups,
  type Scope,
} from "./reports.scope";

/** Late means started more than this after the scheduled time. */
export const LATE_AFTER_MINUTES = 5;
export const DEFAULT_PERIOD_DAYS = 30;
export const MAX_UNTOUCHED_LISTED = 200;

export type ActivityPeriod = {
  from: Day;
  to: Day;
  groupBy: ActivityGroupBy;
  clientType?: ClientType;
};

/** Defaults and cross-field checks the schema cannot make: from ≤ to, at most 2 years. */
export function resolvePeriod(input: { from?: Day; to?: Day }, today: Day): { from: Day; to: Day } {
  const to = input.to ?? today;
  const from = input.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > to) {
    throw new AppError("VALIDATION_FAILED", "from: Must not be after to", {
      errors: [{ path: "from", message: "Must not be after to" }],
    });
  }
  // Two years on from `from` (29 February → 1 March) is the first day too far.
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  const limit = new Date(Date.UTC(y + 2, m - 1, d)).toISOString().slice(0, 10);
  if (to >= limit) {
    throw new AppError("VALIDATION_FAILED", "to: The period may span at most 2 years", {
      errors: [{ path: "to", message: "The period may span at most 2 years" }],
    });
  }
  return { from, to };
}

type Tally = {
  count: number;
  meaningful: number;
  accountsTouched: number;
  existing: number;
  prospect: number;
  meetingsMeasured: number;
  meetingsLate: number;
  medianLatenessMinutes: number | null;
  medianDaysBetweenTouches: number | null;
  byKind: Record<string, number>;
  /** Accounts touched that are not former clients (what "untouched" is counted against). */
  liveAccountsTouched: number;
};

export type ActivityRow = Omit<Tally, "byKind" | "liveAccountsTouched"> & {
  key: string;
  label: string;
  byKind: Record<(typeof interactionKinds)[number], number>;
  meaningfulPerAccount: number | null;
  lateShare: number | null;
  prospectShare: number | null;
  cadenceRules: number;
  cadenceCompliance: number | null;
  untouchedAccounts: number | null;
};

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * One statement per grouping: the period's touches (t), the days since each meaningful
 * touch's previous one on the same account, looked back past the period's start (gaps), and
 * the groups a touch counts for (tg). A touch counts for each member taking part, or for its
 * creator when no member is listed.
 */
function tallyQuery(ctx: Ctx, scope: Scope, groupBy: ActivityGroupBy | "total"): SQL {
  const { timeZone: tz, start, end } = scope;
  const meaningful = list(meaningfulKinds);
  const clientFilter =
    scope.clientType === "prospect"
      ? sql`and a.status = 'prospect'`
      : scope.clientType === "existing"
        ? sql`and a.status <> 'prospect'`
        : sql``;
  const groups: Record<ActivityGroupBy | "total", SQL> = {
    total: sql`select t.id, 'total' as key from t`,
    kind: sql`select t.id, t.kind as key from t`,
    month: sql`select t.id, to_char(t.occurred_at at time zone ${tz}, 'YYYY-MM') as key from t`,
    account: sql`select t.id, t.account_id::text as key from t`,
    member: sql`select t.id, im.member_id::text as key from t join interaction_members im on im.workspace_id = ${ctx.workspaceId} and im.interaction_id = t.id
      union all
      select t.id, t.created_by_id::text from t where not exists (select 1 from interaction_members im where im.workspace_id = ${ctx.workspaceId} and im.interaction_id = t.id)`,
  };
  return sql`
    with t as (
      select i.id, i.account_id, i.kind, i.occurred_at, i.scheduled_at, i.started_at, i.created_by_id,
        i.kind in (${meaningful}) as meaningful,
        a.status = 'prospect' as prospect,
        a.status = 'former' as former
      from interactions i
      join accounts a on a.workspace_id = i.workspace_id and a.id = i.account_id
      where i.workspace_id = ${ctx.workspaceId} and i.state = 'completed' and i.archived_at is null
        and i.occurred_at >= ${start.toISOString()}::timestamptz and i.occurred_at < ${end.toISOString()}::timestamptz
        and a.archived_at is null ${clientFilter}
    ),
    gaps as (
      select t.id, (t.occurred_at at time zone ${tz})::date - (p.occurred_at at time zone ${tz})::date as days
      from t
      cross join lateral (
        select i.occurred_at from interactions i
        where i.workspace_id = ${ctx.workspaceId} and i.account_id = t.account_id
          and i.state = 'completed' and i.archived_at is null and i.kind in (${meaningful})
          and i.occurred_at < t.occurred_at
        order by i.occurred_at desc limit 1
      ) p
      where t.meaningful
    ),
    tg as (${groups[groupBy]}),
    kinds as (
      select k.key, jsonb_object_agg(k.kind, k.n) as by_kind
      from (select tg.key, t.kind, count(*) as n from tg join t on t.id = tg.id group by 1, 2) k
      group by k.key
    ),
    agg as (
      select tg.key,
        count(*)::int as "count",
        (count(*) filter (where t.meaningful))::int as "meaningful",
        (count(distinct t.account_id) filter (where t.meaningful))::int as "accountsTouched",
        (count(distinct t.account_id) filter (where t.meaningful and not t.former))::int as "liveAccountsTouched",
        (count(*) filter (where t.meaningful and not t.prospect))::int as "existing",
        (count(*) filter (where t.meaningful and t.prospect))::int as "prospect",
        (count(*) filter (where t.scheduled_at is not null and t.started_at is not null))::int as "meetingsMeasured",
        (count(*) filter (where t.started_at > t.scheduled_at + make_interval(mins => ${LATE_AFTER_MINUTES})))::int as "meetingsLate",
        (percentile_cont(0.5) within group (order by extract(epoch from (t.started_at - t.scheduled_at)) / 60))::float8 as "medianLatenessMinutes",
        (percentile_cont(0.5) within group (order by g.days))::float8 as "medianDaysBetweenTouches"
      from tg
      join t on t.id = tg.id
      left join gaps g on g.id = t.id
      group by tg.key
    )
    -- Joined, not a subquery per group: with thousands of accounts that was quadratic.
    select agg.*, kinds.by_kind as "byKind" from agg left join kinds on kinds.key = agg.key`;
}

type RawTally = Omit<Tally, "byKind"> & {
  key: string;
  byKind: Record<string, number> | string | null;
};

async function tallies(ctx: Ctx, scope: Scope, groupBy: ActivityGroupBy | "total") {
  const result = await ctx.db.execute(tallyQuery(ctx, scope, groupBy));
  const rows = (result as unknown as { rows: RawTally[] }).rows;
  const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return new Map<string, Tally>(
    rows.map((r) => [
      String(r.key),
      {
        count: Number(r.count),
        meaningful: Number(r.meaningful),
        accountsTouched: Number(r.accountsTouched),
        liveAccountsTouched: Number(r.liveAccountsTouched),
        existing: Number(r.existing),
        prospect: Number(r.prospect),
        meetingsMeasured: Number(r.meetingsMeasured),
        meetingsLate: Number(r.meetingsLate),
        medianLatenessMinutes: round(numberOrNull(r.medianLatenessMinutes), 1),
        medianDaysBetweenTouches: round(numberOrNull(r.medianDaysBetweenTouches), 1),
        // jsonb arrives parsed from node-postgres and PGlite; as text only if a driver changes.
        byKind: (typeof r.byKind === "string" ? JSON.parse(r.byKind) : r.byKind) ?? {},
      },
    ]),
  );
}

function round(value: number | null, digits: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

const share = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : null);

const emptyTally: Tally = {
  count: 0,
  meaningful: 0,
  accountsTouched: 0,
  liveAccountsTouched: 0,
  existing: 0,
  prospect: 0,
  meetingsMeasured: 0,
  meetingsLate: 0,
  medianLatenessMinutes: null,
  medianDaysBetweenTouches: null,
  byKind: {},
};

function rowOf(
  group: GroupRef,
  tally: Tally | undefined,
  cadence: CadenceTally | undefined,
  untouched: number | null,
): ActivityRow {
  const t = tally ?? emptyTally;
  const { liveAccountsTouched: _live, ...rest } = t;
  return {
    key: group.key,
    label: group.label,
    ...rest,
    byKind: Object.fromEntries(
      interactionKinds.map((k) => [k, Number(t.byKind[k] ?? 0)]),
    ) as ActivityRow["byKind"],
    meaningfulPerAccount: t.accountsTouched > 0 ? round(t.meaningful / t.accountsTouched, 2) : null,
    lateShare: share(t.meetingsLate, t.meetingsMeasured),
    prospectShare: share(t.prospect, t.meaningful),
    cadenceRules: cadence?.rules ?? 0,
    cadenceCompliance: cadence ? share(cadence.notOverdue, cadence.rules) : null,
    untouchedAccounts: untouched,
  };
}

export async function getActivityReport(
  ctx: Ctx,
  input: { from?: Day; to?: Day; groupBy: ActivityGroupBy; clientType?: ClientType },
) {
  const timeZone = await getWorkspaceTimeZone(ctx);
  const now = ctx.now();
  const { from, to } = resolvePeriod(input, dayOf(now, timeZone));
  const start = startOfDay(from, timeZone);
  const end = startOfDay(addDays(to, 1), timeZone);
  const scope = await loadScope(ctx, { timeZone, start, end, clientType: input.clientType });

  const [grouped, totals] = await Promise.all([
    tallies(ctx, scope, input.groupBy),
    tallies(ctx, scope, "total"),
  ]);
  // Cadence as it stood at the end of the period (or now, if that is still to come).
  const asOf = end < now ? new Date(end.getTime() - 1) : now;
  const states = (await listCadenceStates(ctx, { asOf })).filter((s) =>
    scope.accounts.has(s.accountId),
  );
  const cadence =
    input.groupBy === "month"
      ? await monthlyCompliance(ctx, scope, from, to, now)
      : complianceByGroup(scope, states, input.groupBy);

  const groups =
    input.groupBy === "member"
      ? await memberGroups(ctx, scope, [...grouped.keys()])
      : input.groupBy === "kind"
        ? kindGroups()
        : input.groupBy === "month"
          ? monthGroups(from, to)
          : accountGroups(scope, new Set(grouped.keys()));
  const data = groups.map((group) => {
    const tally = grouped.get(group.key);
    return rowOf(
      group,
      tally,
      cadence.get(group.key),
      scope.untouchedIn(input.groupBy, group.key, tally),
    );
  });
  const total = totals.get("total");
  const totalCadence = complianceByGroup(scope, states, "total").get("total");
  return {
    from,
    to,
    timeZone,
    groupBy: input.groupBy,
    clientType: input.clientType ?? null,
    data,
    totals: {
      ...rowOf(
        { key: "total", label: "Total" },
        total,
        totalCadence,
        scope.untouchedIn("total", "total", total),
      ),
      untouched: scope.untouched.slice(0, MAX_UNTOUCHED_LISTED),
    },
  };
}

/** Each month's compliance as of its last day (the period's end for the last month). */
async function monthlyCompliance(ctx: Ctx, scope: Scope, from: Day, to: Day, now: Date) {
  const byMonth = new Map<string, CadenceTally>();
  for (const month of monthGroups(from, to)) {
    const [y, m] = month.key.split("-").map(Number) as [number, number];
    // A month still to come has no compliance yet.
    if (startOfDay(`${month.key}-01`, scope.timeZone) > now) continue;
    const nextMonth = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
    const last = addDays(nextMonth, -1) < to ? addDays(nextMonth, -1) : to;
    const endsAt = startOfDay(addDays(last, 1), scope.timeZone);
    const asOf = endsAt < now ? new Date(endsAt.getTime() - 1) : now;
    const states = (await listCadenceStates(ctx, { asOf })).filter((s) =>
      scope.accounts.has(s.accountId),
    );
    const tally = complianceByGroup(scope, states, "total").get("total");
    if (tally) byMonth.set(month.key, tally);
  }
  return byMonth;
}

export type ActivityReport = Awaited<ReturnType<typeof getActivityReport>>;
