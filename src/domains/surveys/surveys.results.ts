/**
 * Survey results for a chart and a table: per period (month or quarter in the workspace's
 * zone), in total and per account, how many requests went out, how many were answered, and
 * what the answers say (NPS = % promoters − % detractors; averages of the scores).
 *
 * Everything is counted by the period the request was SENT in (a cohort): the January
 * round's answers count for January even when they come in on 2 February, so a period's
 * response rate is always "answered of those sent" and never above 100%. One scan with
 * GROUPING SETS gives the series, the per-account rows and the totals together.
 */
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import { addDays, type Day, dayOf, startOfDay } from "../../platform/time/zoned";
import { getWorkspaceTimeZone } from "../workspaces";
import type { surveyResultsInput } from "./surveys.inputs";

export type SurveyResultsQuery = z.output<typeof surveyResultsInput>;

export type ResultFigures = {
  sent: number;
  answered: number;
  /** answered / sent, 0-1; null when nothing was sent. */
  responseRate: number | null;
  /** NPS only (null for CSAT and check-ins). */
  promoters: number | null;
  passives: number | null;
  detractors: number | null;
  nps: number | null;
  /** The mean score of the answers that have one (0-10 for NPS, 1-5 otherwise). */
  average: number | null;
};

export type SurveyResults = {
  kind: SurveyResultsQuery["kind"];
  interval: SurveyResultsQuery["interval"];
  from: Day;
  to: Day;
  timeZone: string;
  series: (ResultFigures & { period: string; periodStart: Day })[];
  byAccount: (ResultFigures & { accountId: string; accountName: string })[];
  totals: ResultFigures;
};

type Row = {
  period: string | null;
  account_id: string | null;
  account_name: string | null;
  by_period: number;
  by_account: number;
  sent: number;
  answered: number;
  scored: number;
  score_sum: number | null;
  promoters: number;
  passives: number;
  detractors: number;
};

const MAX_PERIODS = 120;

/** The first day of the period holding `day`. */
function periodStartOf(day: Day, interval: "month" | "quarter"): Day {
  const [y, m] = day.split("-").map(Number) as [number, number];
  const month = interval === "month" ? m : Math.floor((m - 1) / 3) * 3 + 1;
  return `${y}-${String(month).padStart(2, "0")}-01`;
}

function nextPeriod(start: Day, interval: "month" | "quarter"): Day {
  const [y, m] = start.split("-").map(Number) as [number, number];
  const month0 = m - 1 + (interval === "month" ? 1 : 3);
  return `${y + Math.floor(month0 / 12)}-${String((month0 % 12) + 1).padStart(2, "0")}-01`;
}

function labelOf(start: Day, interval: "month" | "quarter"): string {
  const [y, m] = start.split("-").map(Number) as [number, number];
  return interval === "month" ? start.slice(0, 7) : `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

function figuresOf(row: Row | undefined, kind: SurveyResultsQuery["kind"]): ResultFigures {
  const sent = Number(row?.sent ?? 0);
  const answered = Number(row?.answered ?? 0);
  const scored = Number(row?.scored ?? 0);
  const isNps = kind === "nps";
  const promoters = Number(row?.promoters ?? 0);
  const detractors = Number(row?.detractors ?? 0);
  return {
    sent,
    answered,
    responseRate: sent === 0 ? null : Math.round((answered / sent) * 1000) / 1000,
    promoters: isNps ? promoters : null,
    passives: isNps ? Number(row?.passives ?? 0) : null,
    detractors: isNps ? detractors : null,
    nps: isNps && scored > 0 ? Math.round(((promoters - detractors) * 100) / scored) : null,
    average: scored > 0 ? Math.round((Number(row?.score_sum) / scored) * 100) / 100 : null,
  };
}

export async function getSurveyResults(ctx: Ctx, q: SurveyResultsQuery): Promise<SurveyResults> {
  const timeZone = await getWorkspaceTimeZone(ctx);
  const to = q.to ?? dayOf(ctx.now(), timeZone);
  let from = q.from ?? periodStartOf(to, q.interval);
  if (!q.from)
    for (let i = 1; i < (q.interval === "month" ? 12 : 4); i++)
      from = periodStartOf(addDays(from, -1), q.interval);
  const periods: Day[] = [];
  for (let p = periodStartOf(from, q.interval); p <= to; p = nextPeriod(p, q.interval)) {
    periods.push(p);
    if (periods.length > MAX_PERIODS) {
      throw new AppError("VALIDATION_FAILED", `from: At most ${MAX_PERIODS} periods at a time`, {
        errors: [{ path: "from", message: `At most ${MAX_PERIODS} periods at a time` }],
      });
    }
  }
  const fromAt = startOfDay(from, timeZone).toISOString();
  const toAt = startOfDay(addDays(to, 1), timeZone).toISOString();
  const unit = q.interval === "month" ? sql.raw("'month'") : sql.raw("'quarter'");
  const result = await ctx.db.execute(sql`
    select to_char(x.period, 'YYYY-MM-DD') as period, x.account_id, max(x.account_name) as account_name,
      grouping(x.period) as by_period, grouping(x.account_id) as by_account,
      count(*)::int as sent, count(x.answer_id)::int as answered, count(x.score)::int as scored,
      sum(x.score)::float8 as score_sum,
      count(*) filter (where x.score >= 9)::int as promoters,
      count(*) filter (where x.score between 7 and 8)::int as passives,
      count(*) filter (where x.score <= 6)::int as detractors
    from (
      select date_trunc(${unit}, r.created_at at time zone ${timeZone}) as period,
        r.account_id, a.name as account_name, ans.id as answer_id, ans.score
      from survey_requests r
      join accounts a on a.workspace_id = r.workspace_id and a.id = r.account_id
      left join survey_answers ans on ans.workspace_id = r.workspace_id and ans.request_id = r.id
      where r.workspace_id = ${ctx.workspaceId} and r.kind = ${q.kind} and r.cancelled_at is null
        and r.created_at >= ${fromAt}::timestamptz and r.created_at < ${toAt}::timestamptz
        ${q.accountId ? sql`and r.account_id = ${q.accountId}` : sql``}
        ${q.tier ? sql`and a.tier = ${q.tier}` : sql``}
        ${q.segment ? sql`and a.segment = ${q.segment}` : sql``}
    ) x
    group by grouping sets ((x.period), (x.account_id), ())`);
  const rows = (result as unknown as { rows: Row[] }).rows;
  const perPeriod = new Map<string, Row>();
  const perAccount: Row[] = [];
  let total: Row | undefined;
  for (const row of rows) {
    const byPeriod = Number(row.by_period) === 0;
    const byAccount = Number(row.by_account) === 0;
    if (byPeriod && row.period) perPeriod.set(row.period, row);
    else if (byAccount && row.account_id) perAccount.push(row);
    else total = row;
  }
  const byAccount = perAccount
    .map((row) => ({
      accountId: row.account_id ?? "",
      accountName: row.account_name ?? "",
      ...figuresOf(row, q.kind),
    }))
    // Worst first: who needs attention leads the table.
    .sort(
      (a, b) =>
        (a.nps ?? a.average ?? Infinity) - (b.nps ?? b.average ?? Infinity) ||
        a.accountName.localeCompare(b.accountName),
    );
  return {
    kind: q.kind,
    interval: q.interval,
    from,
    to,
    timeZone,
    series: periods.map((p) => ({
      period: labelOf(p, q.interval),
      periodStart: p,
      ...figuresOf(perPeriod.get(p), q.kind),
    })),
    byAccount,
    totals: figuresOf(total, q.kind),
  };
}
