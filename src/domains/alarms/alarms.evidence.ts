/**
 * What the alarms scan judges, loaded in a fixed number of set-based queries whatever the
 * number of accounts: the live accounts in scope, each one's recent scored answers and
 * scored touches (a window function keeps the latest N per account), when the client was
 * last heard from (inbound touch or answered survey), and each segment's recent answers.
 * The plans are in the report of issue 5 (EXPLAIN ANALYZE on a few thousand accounts).
 */
import { type SQL, sql } from "drizzle-orm";
import { interactions, surveyAnswers, toneScores } from "../../platform/db/schema";
import type { Ctx } from "../../platform/http/context";
import { accounts } from "../accounts";
import type { SurveyKind } from "../surveys/surveys.inputs";
import type { ToneLabel } from "../tone";

export type ScannedAccount = {
  id: string;
  name: string;
  segment: string | null;
  createdAt: Date;
};

export type AnswerPoint = { accountId: string; kind: SurveyKind; score: number; at: Date };
export type TonePoint = {
  accountId: string;
  score: number;
  correctedLabel: ToneLabel | null;
  at: Date;
};
export type SegmentAnswer = { segment: string; kind: SurveyKind; score: number; at: Date };
export type LastHeard = { accountId: string; inboundAt: Date | null; answeredAt: Date | null };

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const toDate = (value: Date | string | null) => (value === null ? null : new Date(value));

/** Archived and former accounts are exempt from every alarm. */
function liveAccounts(ctx: Ctx, accountId?: string): SQL {
  return sql`select a.id, a.name, a.segment, a.created_at from ${accounts} a
    where a.workspace_id = ${ctx.workspaceId} and a.archived_at is null and a.status <> 'former'
    ${accountId ? sql`and a.id = ${accountId}` : sql``}`;
}

export async function loadScannedAccounts(ctx: Ctx, accountId?: string) {
  const result = await ctx.db.execute(liveAccounts(ctx, accountId));
  return rowsOf<{ id: string; name: string; segment: string | null; created_at: string | Date }>(
    result,
  ).map((row) => ({ ...row, createdAt: new Date(row.created_at) }) as ScannedAccount);
}

/** Each live account's latest `perAccount` scored answers (check-ins without a score skipped). */
export function answerPointsQuery(ctx: Ctx, perAccount: number, accountId?: string): SQL {
  return sql`select s.account_id as "accountId", s.kind, s.score, s.answered_at as "at" from (
      select sa.account_id, sa.kind, sa.score, sa.answered_at,
        row_number() over (partition by sa.account_id order by sa.answered_at desc, sa.id desc) as n
      from ${surveyAnswers} sa
      join (${liveAccounts(ctx, accountId)}) a on a.id = sa.account_id
      where sa.workspace_id = ${ctx.workspaceId} and sa.score is not null
        and sa.answered_at <= ${ctx.now().toISOString()}::timestamptz
    ) s where s.n <= ${perAccount}`;
}

export async function loadAnswerPoints(ctx: Ctx, perAccount: number, accountId?: string) {
  const result = await ctx.db.execute(answerPointsQuery(ctx, perAccount, accountId));
  return rowsOf<AnswerPoint & { at: string | Date }>(result).map((row) => ({
    ...row,
    score: Number(row.score),
    at: new Date(row.at),
  }));
}

/** Each live account's latest `perAccount` scored touches (completed, not archived). */
export function tonePointsQuery(ctx: Ctx, perAccount: number, accountId?: string): SQL {
  return sql`select s.account_id as "accountId", s.score, s.corrected_label as "correctedLabel",
      s.subject_at as "at" from (
      select ts.account_id, ts.score, ts.corrected_label, ts.subject_at,
        row_number() over (partition by ts.account_id order by ts.subject_at desc, ts.id desc) as n
      from ${toneScores} ts
      join (${liveAccounts(ctx, accountId)}) a on a.id = ts.account_id
      join ${interactions} i on i.workspace_id = ts.workspace_id and i.id = ts.subject_id
        and i.state = 'completed' and i.archived_at is null
      where ts.workspace_id = ${ctx.workspaceId} and ts.subject_type = 'interaction'
        and ts.subject_at <= ${ctx.now().toISOString()}::timestamptz
    ) s where s.n <= ${perAccount}`;
}

export async function loadTonePoints(ctx: Ctx, perAccount: number, accountId?: string) {
  const result = await ctx.db.execute(tonePointsQuery(ctx, perAccount, accountId));
  return rowsOf<TonePoint & { at: string | Date }>(result).map((row) => ({
    ...row,
    score: Number(row.score),
    at: new Date(row.at),
  }));
}

/** When each live account was last heard from: an inbound touch, an answered survey. */
export function lastHeardQuery(ctx: Ctx, accountId?: string): SQL {
  const asOf = sql`${ctx.now().toISOString()}::timestamptz`;
  return sql`select a.id as "accountId",
      (select max(i.occurred_at) from ${interactions} i
        where i.workspace_id = ${ctx.workspaceId} and i.account_id = a.id
          and i.direction = 'inbound' and i.state = 'completed' and i.archived_at is null
          and i.occurred_at <= ${asOf}) as "inboundAt",
      (select max(sa.answered_at) from ${surveyAnswers} sa
        where sa.workspace_id = ${ctx.workspaceId} and sa.account_id = a.id
          and sa.answered_at <= ${asOf}) as "answeredAt"
    from (${liveAccounts(ctx, accountId)}) a`;
}

export async function loadLastHeard(ctx: Ctx, accountId?: string) {
  const result = await ctx.db.execute(lastHeardQuery(ctx, accountId));
  return rowsOf<{ accountId: string; inboundAt: string | null; answeredAt: string | null }>(
    result,
  ).map((row) => ({
    accountId: row.accountId,
    inboundAt: toDate(row.inboundAt),
    answeredAt: toDate(row.answeredAt),
  })) as LastHeard[];
}

/**
 * The latest `perSegment` scored answers of each segment shared by at least two live
 * accounts (one account's segment is that account, already judged on its own).
 */
export function segmentAnswersQuery(ctx: Ctx, perSegment: number, segment?: string): SQL {
  return sql`with live as (${liveAccounts(ctx)}),
    shared as (
      select segment from live where segment is not null
        ${segment ? sql`and segment = ${segment}` : sql``}
      group by segment having count(*) >= 2
    )
    select s.segment, s.kind, s.score, s.answered_at as "at" from (
      select l.segment, sa.kind, sa.score, sa.answered_at,
        row_number() over (partition by l.segment order by sa.answered_at desc, sa.id desc) as n
      from ${surveyAnswers} sa
      join live l on l.id = sa.account_id
      join shared sh on sh.segment = l.segment
      where sa.workspace_id = ${ctx.workspaceId} and sa.score is not null
        and sa.answered_at <= ${ctx.now().toISOString()}::timestamptz
    ) s where s.n <= ${perSegment}`;
}

export async function loadSegmentAnswers(ctx: Ctx, perSegment: number, segment?: string) {
  const result = await ctx.db.execute(segmentAnswersQuery(ctx, perSegment, segment));
  return rowsOf<SegmentAnswer & { at: string | Date }>(result).map((row) => ({
    ...row,
    score: Number(row.score),
    at: new Date(row.at),
  }));
}

/** Groups rows by a key, keeping their order. */
export function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
