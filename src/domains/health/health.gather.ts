/**
 * Gathers the HealthInputs of one account or of every live account of a workspace in a
 * fixed number of queries (one per source, whatever the number of accounts), so a full
 * recompute costs the same few statements for 10 accounts or 10,000. The SQL only
 * gathers; every rule lives in health.components.ts.
 */
import { type AnyColumn, and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { members, users } from "../../platform/auth/auth.schema";
import type { Ctx } from "../../platform/http/context";
import { accounts, accountTeamMembers } from "../accounts";
import { normaliseScore, satisfactionTrend, toneTrend } from "../alarms";
import { listCadenceStates } from "../cadence";
import { contactAffiliations, contacts } from "../contacts";
import { interactions, meaningfulKinds } from "../interactions";
import { type MapAffiliation, type MapTeamMember, relationshipFlags } from "../relationships";
import { surveyAnswers } from "../surveys";
import { tasks } from "../tasks";
import { effectiveToneValue, type ToneLabel, toneScores } from "../tone";
import type { HealthInputs, SurveyKind } from "./health.components";
import { TREND_DAYS } from "./health.inputs";
import { healthSnapshots } from "./health.schema";

const DAY_MS = 86_400_000;
/** Answers feeding the trend: the last year, at most the latest 20. */
const ANSWER_DAYS = 365;
const MAX_ANSWERS = 20;
/** Tone: the latest 10 scored touches and answers of the last 180 days. */
const TONE_DAYS = 180;
const MAX_TONE = 10;
export const alarmSources = ["survey", "trend", "tone", "silence"] as const;

/** One account, some accounts, or (neither given) every live account of the workspace. */
export type HealthScope = { accountId?: string; accountIds?: readonly string[] };

/** The accounts named by the scope, or undefined for the whole workspace. */
function idsOf(scope: HealthScope): readonly string[] | undefined {
  return scope.accountId ? [scope.accountId] : scope.accountIds;
}

/** `column = any(ids)` with the ids in one parameter, however many there are. */
function anyOf(column: SQL | AnyColumn, ids: readonly string[]): SQL {
  return sql`${column} = any(string_to_array(${ids.join(",")}, ',')::uuid[])`;
}

/** What is known of an account's history when its score is recomputed. */
export type PriorHealth = {
  last: { score: number; computedAt: Date } | null;
  /** The latest snapshot at least TREND_DAYS old: what the trend compares with. */
  weekAgo: { score: number; computedAt: Date } | null;
};

export type GatheredAccount = { accountId: string; inputs: HealthInputs; prior: PriorHealth };

type Rows<T> = { rows: T[] };
const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * One account (any status, so its page can show a score), or every account that is neither
 * archived nor former: the accounts the portfolio and the cron look after.
 */
function accountScope(ctx: Ctx, ids: readonly string[] | undefined): SQL {
  return ids
    ? sql`a.workspace_id = ${ctx.workspaceId} and ${anyOf(sql`a.id`, ids)}`
    : sql`a.workspace_id = ${ctx.workspaceId} and a.archived_at is null and a.status <> 'former'`;
}

/**
 * The accounts in scope, one row each, with their owner, last meaningful touch (at or
 * before asOf) and two snapshots: the latest, and the latest at least TREND_DAYS old. Each
 * LATERAL is one backward walk of an (account, time) index. Exported for bench/.
 */
export function baseInputsQuery(ctx: Ctx, scope: HealthScope, asOf: Date): SQL {
  const asOfIso = asOf.toISOString();
  const weekAgo = new Date(asOf.getTime() - TREND_DAYS * DAY_MS).toISOString();
  const where = accountScope(ctx, idsOf(scope));
  const kinds = sql.join(
    meaningfulKinds.map((kind) => sql`${kind}`),
    sql`, `,
  );
  return sql`
    select a.id, a.created_at as "createdAt", a.owner_id as "ownerId", u.name as "ownerName",
      t.occurred_at as "lastTouchAt",
      l.score as "lastScore", l.computed_at as "lastAt",
      w.score as "weekScore", w.computed_at as "weekAt"
    from ${accounts} a
    left join ${members} m on m.workspace_id = a.workspace_id and m.id = a.owner_id
    left join ${users} u on u.id = m.user_id
    left join lateral (
      select i.occurred_at from ${interactions} i
      where i.workspace_id = a.workspace_id and i.account_id = a.id and i.state = 'completed'
        and i.archived_at is null and i.kind in (${kinds}) and i.occurred_at <= ${asOfIso}::timestamptz
      order by i.occurred_at desc limit 1
    ) t on true
    left join lateral (
      select s.score, s.computed_at from ${healthSnapshots} s
      where s.workspace_id = a.workspace_id and s.account_id = a.id
      order by s.computed_at desc limit 1
    ) l on true
    left join lateral (
      select s.score, s.computed_at from ${healthSnapshots} s
      where s.workspace_id = a.workspace_id and s.account_id = a.id
        and s.computed_at <= ${weekAgo}::timestamptz
      order by s.computed_at desc limit 1
    ) w on true
    where ${where}
    order by a.id`;
}

export async function gatherHealthInputs(
  ctx: Ctx,
  scope: HealthScope = {},
): Promise<GatheredAccount[]> {
  const asOf = ctx.now();
  const asOfIso = asOf.toISOString();
  const ids = idsOf(scope);
  if (ids?.length === 0) return [];
  const only = (column: AnyColumn) => (ids ? anyOf(column, ids) : undefined);

  const base = (await ctx.db.execute(baseInputsQuery(ctx, scope, asOf))) as unknown as Rows<{
    id: string;
    createdAt: Date | string;
    ownerId: string;
    ownerName: string | null;
    lastTouchAt: Date | string | null;
    lastScore: number | null;
    lastAt: Date | string | null;
    weekScore: number | null;
    weekAt: Date | string | null;
  }>;
  if (base.rows.length === 0) return [];

  // One account: its states only; several: the workspace's, which is one query either way.
  const states = await listCadenceStates(ctx, { accountId: scope.accountId, asOf });
  const cadenceOf = groupBy(states, (s) => s.accountId);

  const answerSince = new Date(asOf.getTime() - ANSWER_DAYS * DAY_MS);
  const answers = await ctx.db
    .select({
      accountId: surveyAnswers.accountId,
      kind: surveyAnswers.kind,
      score: surveyAnswers.score,
      answeredAt: surveyAnswers.answeredAt,
    })
    .from(surveyAnswers)
    .where(
      and(
        eq(surveyAnswers.workspaceId, ctx.workspaceId),
        only(surveyAnswers.accountId),
        sql`${surveyAnswers.score} is not null`,
        sql`${surveyAnswers.answeredAt} > ${answerSince.toISOString()}::timestamptz`,
        sql`${surveyAnswers.answeredAt} <= ${asOfIso}::timestamptz`,
      ),
    )
    .orderBy(asc(surveyAnswers.accountId), asc(surveyAnswers.answeredAt), asc(surveyAnswers.id));
  const answersOf = groupBy(answers, (a) => a.accountId);

  const toneSince = new Date(asOf.getTime() - TONE_DAYS * DAY_MS).toISOString();
  const tone = (await ctx.db.execute(sql`
    select "accountId", at, score, "correctedLabel" from (
      select ts.account_id as "accountId", ts.subject_at as at, ts.score,
        ts.corrected_label as "correctedLabel",
        row_number() over (partition by ts.account_id order by ts.subject_at desc, ts.id desc) as n
      from ${toneScores} ts
      where ts.workspace_id = ${ctx.workspaceId}
        ${ids ? sql`and ${anyOf(sql`ts.account_id`, ids)}` : sql``}
        and ts.subject_at > ${toneSince}::timestamptz and ts.subject_at <= ${asOfIso}::timestamptz
    ) x where n <= ${MAX_TONE}
    order by "accountId", at asc`)) as unknown as Rows<{
    accountId: string;
    at: Date | string;
    score: number;
    correctedLabel: ToneLabel | null;
  }>;
  const toneOf = groupBy(tone.rows, (t) => t.accountId);

  const affiliations = await ctx.db
    .select({
      accountId: contactAffiliations.accountId,
      affiliationId: contactAffiliations.id,
      contactId: contacts.id,
      name: sql<string>`trim(${contacts.firstName} || ' ' || coalesce(${contacts.lastName}, ''))`,
      title: contacts.title,
      level: contacts.level,
      role: contactAffiliations.role,
      authority: contactAffiliations.authority,
      responsibility: contactAffiliations.responsibility,
      accountability: contactAffiliations.accountability,
      startedOn: contactAffiliations.startedOn,
      endedOn: contactAffiliations.endedOn,
    })
    .from(contactAffiliations)
    .innerJoin(
      contacts,
      and(
        eq(contacts.workspaceId, contactAffiliations.workspaceId),
        eq(contacts.id, contactAffiliations.contactId),
      ),
    )
    .where(
      and(
        eq(contactAffiliations.workspaceId, ctx.workspaceId),
        only(contactAffiliations.accountId),
        isNull(contacts.archivedAt),
      ),
    )
    .orderBy(asc(contactAffiliations.accountId), asc(contacts.id), asc(contactAffiliations.id));
  const affiliationsOf = groupBy(affiliations, (a) => a.accountId);

  const team = await ctx.db
    .select({
      accountId: accountTeamMembers.accountId,
      memberId: accountTeamMembers.memberId,
      name: users.name,
      role: accountTeamMembers.role,
    })
    .from(accountTeamMembers)
    .innerJoin(
      members,
      and(
        eq(members.workspaceId, accountTeamMembers.workspaceId),
        eq(members.id, accountTeamMembers.memberId),
      ),
    )
    .innerJoin(users, eq(users.id, members.userId))
    .where(
      and(
        eq(accountTeamMembers.workspaceId, ctx.workspaceId),
        only(accountTeamMembers.accountId),
        isNull(accountTeamMembers.endedAt),
      ),
    )
    .orderBy(asc(accountTeamMembers.createdAt), asc(accountTeamMembers.memberId));
  const teamOf = groupBy(team, (m) => m.accountId);

  const alarms = await ctx.db
    .select({ accountId: tasks.accountId, source: tasks.source, title: tasks.title })
    .from(tasks)
    .where(
      and(
        eq(tasks.workspaceId, ctx.workspaceId),
        only(tasks.accountId),
        eq(tasks.status, "open"),
        inArray(tasks.source, [...alarmSources]),
      ),
    )
    .orderBy(asc(tasks.accountId), asc(tasks.createdAt), asc(tasks.id));
  const alarmsOf = groupBy(alarms, (t) => t.accountId ?? "");

  const today = asOfIso.slice(0, 10); // the relationship map judges "current" in UTC days
  return base.rows.map((a) => {
    const accountAnswers = (answersOf.get(a.id) ?? []).slice(-MAX_ANSWERS).map((x) => ({
      kind: x.kind as SurveyKind,
      score: x.score ?? 0,
      answeredAt: iso(x.answeredAt),
    }));
    const accountTone = (toneOf.get(a.id) ?? []).map((t) => ({
      at: iso(t.at),
      score: Number(t.score),
      correctedLabel: t.correctedLabel,
      value: effectiveToneValue(Number(t.score), t.correctedLabel),
    }));
    const mapTeam: MapTeamMember[] = (teamOf.get(a.id) ?? []).map((m) => ({
      memberId: m.memberId,
      name: m.name,
      role: m.role,
      isOwner: m.memberId === a.ownerId,
    }));
    if (!mapTeam.some((m) => m.isOwner)) {
      mapTeam.unshift({
        memberId: a.ownerId,
        name: a.ownerName ?? "",
        role: "lead",
        isOwner: true,
      });
    }
    const mapAffiliations: MapAffiliation[] = (affiliationsOf.get(a.id) ?? []).map(
      ({ accountId: _, ...rest }) => rest,
    );
    const inputs: HealthInputs = {
      asOf: asOfIso,
      accountCreatedAt: iso(a.createdAt),
      cadence: (cadenceOf.get(a.id) ?? []).map((s) => ({
        kind: s.kind,
        everyDays: s.everyDays,
        daysOverdue: s.daysOverdue,
      })),
      lastTouchAt: a.lastTouchAt ? iso(a.lastTouchAt) : null,
      answers: accountAnswers,
      satisfactionTrend: accountAnswers.length
        ? satisfactionTrend(
            accountAnswers.map((x) => ({
              at: new Date(x.answeredAt),
              value: normaliseScore(x.kind, x.score),
            })),
          )
        : null,
      tone: accountTone,
      toneTrend: accountTone.length
        ? toneTrend(accountTone.map((t) => ({ at: new Date(t.at), value: t.value })))
        : null,
      flags: relationshipFlags({ affiliations: mapAffiliations, team: mapTeam, today }),
      alarms: (alarmsOf.get(a.id) ?? []).map((t) => ({ source: t.source, title: t.title })),
    };
    const snapshot = (score: number | null, at: Date | string | null) =>
      score === null || at === null ? null : { score: Number(score), computedAt: new Date(at) };
    return {
      accountId: a.id,
      inputs,
      prior: { last: snapshot(a.lastScore, a.lastAt), weekAgo: snapshot(a.weekScore, a.weekAt) },
    };
  });
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
