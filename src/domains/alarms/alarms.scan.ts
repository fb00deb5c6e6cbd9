/**
 * The alarms scan: for each live account (and each segment shared by two or more), judge
 * the three early warnings of P14/P16 and keep exactly one open task per standing alarm:
 * - `trend:<accountId>`: satisfaction falling over its latest answers (satisfactionTrend);
 * - `trend:segment:<segment>`: the same over the segment's latest answers, for leadership;
 * - `tone:<accountId>`: the tone of its latest scored touches turning negative (toneTrend);
 * - `silence:<accountId>`: no inbound touch and no answered survey for longer than its
 *   cadence allows (the largest `any` rule that applies; SILENCE_DEFAULT_DAYS without one),
 *   counted from when the account was added if it was never heard from.
 * A task is closed as done once its condition clears, and dismissed when the account was
 * archived or became former. A member who dismissed an alarm has decided: it is not raised
 * again until there is new evidence (a newer answer or touch; for silence, another full
 * allowed period). Tasks go to the account's lead (see alarms.people). One transaction
 * under a per-workspace advisory lock, like cadence.sync, so concurrent scans queue up.
 */
import { and, eq, inArray, max, notInArray, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/http/context";
import { dayOf, daysBetween, startOfDay } from "../../platform/time/zoned";
import { listCadenceStates } from "../cadence";
import {
  closeTasksForCause,
  openCauseRefs,
  openTaskForCause,
  type TaskCause,
  tasks,
} from "../tasks";
import { effectiveToneValue } from "../tone";
import { getWorkspaceTimeZone } from "../workspaces";
import {
  groupBy,
  loadAnswerPoints,
  loadLastHeard,
  loadScannedAccounts,
  loadSegmentAnswers,
  loadTonePoints,
} from "./alarms.evidence";
import { type AlarmSource, alarmSources, normaliseScore } from "./alarms.inputs";
import { alarmAssigneesOf, segmentAlarmAssignee } from "./alarms.people";
import {
  satisfactionTrend,
  satisfactionTrendDefaults,
  toneTrend,
  toneTrendDefaults,
} from "./alarms.trends";

/** Allowed silence when no `any` cadence rule applies: a quarter without a word. */
export const SILENCE_DEFAULT_DAYS = 90;
/** A segment pools many accounts' answers: a longer window, more points before it alarms. */
export const segmentTrendOptions = { maxPoints: 24, minPoints: 6 };

export const alarmRefs = {
  trend: (accountId: string) => `trend:${accountId}`,
  segmentTrend: (segment: string) => `trend:segment:${segment}`,
  tone: (accountId: string) => `tone:${accountId}`,
  silence: (accountId: string) => `silence:${accountId}`,
};

export const CLEARED: Record<AlarmSource, string> = {
  trend: "satisfaction is no longer falling",
  tone: "the tone is no longer negative",
  silence: "the client was heard from",
};
const NOT_LIVE = "the account was archived or is former";
const SEGMENT_GONE = "the segment no longer has two live accounts";
const SYSTEM_REASONS = [...Object.values(CLEARED), NOT_LIVE, SEGMENT_GONE];

export type AlarmScanOutcome = { opened: number; closed: number; dismissed: number };

type Finding = Omit<TaskCause, "assigneeId" | "dueAt"> & {
  source: AlarmSource;
  /** Whether a member's dismissal at this instant still holds (no new evidence since). */
  heldBy: (dismissedAt: Date) => boolean;
};

const DAY = 86_400_000;
const isoDay = (d: Date, timeZone: string) => dayOf(d, timeZone);
const latest = (dates: Date[]) => new Date(Math.max(...dates.map((d) => d.getTime())));

/** Brings the alarm tasks of one account (and its segment), or of the workspace, up to date. */
export async function scanAlarms(
  ctx: Ctx,
  scope: { accountId?: string } = {},
): Promise<AlarmScanOutcome> {
  await ctx.db.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`alarms.scan:${ctx.workspaceId}`}, 0))`,
  );
  const timeZone = await getWorkspaceTimeZone(ctx);
  const today = dayOf(ctx.now(), timeZone);
  const live = await loadScannedAccounts(ctx, scope.accountId);
  // One after another: the scan holds a transaction's single connection, where queries run
  // in turn anyway (node-postgres deprecates overlapping them on one client).
  const answers = await loadAnswerPoints(ctx, satisfactionTrendDefaults.maxPoints, scope.accountId);
  const touches = await loadTonePoints(ctx, toneTrendDefaults.maxPoints, scope.accountId);
  const heard = await loadLastHeard(ctx, scope.accountId);
  const states = await listCadenceStates(ctx, { accountId: scope.accountId });
  const answersOf = groupBy(answers, (a) => a.accountId);
  const touchesOf = groupBy(touches, (t) => t.accountId);
  const heardOf = new Map(heard.map((h) => [h.accountId, h]));
  const allowedDays = new Map<string, number>();
  for (const s of states) {
    if (s.kind !== "any") continue;
    allowedDays.set(s.accountId, Math.max(allowedDays.get(s.accountId) ?? 0, s.everyDays));
  }

  const findings = new Map<string, Finding>();
  const judged = new Set<string>();
  for (const account of live) {
    const points = (answersOf.get(account.id) ?? []).map((a) => ({
      at: a.at,
      value: normaliseScore(a.kind, a.score),
    }));
    const trendRef = alarmRefs.trend(account.id);
    judged.add(trendRef);
    const trend = satisfactionTrend(points);
    if (trend.alarm) {
      const lastAnswer = latest(points.map((p) => p.at));
      findings.set(trendRef, {
        source: "trend",
        sourceRef: trendRef,
        accountId: account.id,
        title: `${account.name}: satisfaction is falling`,
        detail: `${trend.reason}. Ask what changed before they complain.`,
        priority: "high",
        heldBy: (dismissedAt) => dismissedAt >= lastAnswer,
      });
    }

    const tonePoints = (touchesOf.get(account.id) ?? []).map((t) => ({
      at: t.at,
      value: effectiveToneValue(t.score, t.correctedLabel),
    }));
    const toneRef = alarmRefs.tone(account.id);
    judged.add(toneRef);
    const tone = toneTrend(tonePoints);
    if (tone.alarm) {
      const lastTouch = latest(tonePoints.map((p) => p.at));
      findings.set(toneRef, {
        source: "tone",
        sourceRef: toneRef,
        accountId: account.id,
        title: `${account.name}: the tone is turning negative`,
        detail: `${tone.reason}. Read the latest notes and talk to them.`,
        priority: "high",
        heldBy: (dismissedAt) => dismissedAt >= lastTouch,
      });
    }

    const silenceRef = alarmRefs.silence(account.id);
    judged.add(silenceRef);
    const allowed = allowedDays.get(account.id) ?? SILENCE_DEFAULT_DAYS;
    const last = heardOf.get(account.id);
    const heardAt = [last?.inboundAt, last?.answeredAt].filter((d): d is Date => Boolean(d));
    const since = heardAt.length > 0 ? latest(heardAt) : account.createdAt;
    const silentDays = daysBetween(isoDay(since, timeZone), today);
    if (silentDays > allowed) {
      const what =
        heardAt.length > 0
          ? `Nothing inbound and no survey answer since ${isoDay(since, timeZone)}`
          : `Never heard from since the account was added on ${isoDay(since, timeZone)}`;
      findings.set(silenceRef, {
        source: "silence",
        sourceRef: silenceRef,
        accountId: account.id,
        title: `${account.name}: no word from the client in ${silentDays} days`,
        detail: `${what} (${silentDays} days; the cadence allows ${allowed}). Silence is how unhappy clients leave.`,
        priority: "medium",
        heldBy: (dismissedAt) => ctx.now().getTime() < dismissedAt.getTime() + allowed * DAY,
      });
    }
  }

  // Segments: the account's own on an account scan, every shared one on a workspace scan.
  const scopeSegment = scope.accountId ? live[0]?.segment : undefined;
  const segmentRefs = new Set<string>();
  if (!scope.accountId || scopeSegment) {
    const pooled = await loadSegmentAnswers(
      ctx,
      segmentTrendOptions.maxPoints,
      scopeSegment ?? undefined,
    );
    for (const [segment, rows] of groupBy(pooled, (r) => r.segment)) {
      const ref = alarmRefs.segmentTrend(segment);
      judged.add(ref);
      const points = rows.map((r) => ({ at: r.at, value: normaliseScore(r.kind, r.score) }));
      const verdict = satisfactionTrend(points, segmentTrendOptions);
      if (!verdict.alarm) continue;
      const lastAnswer = latest(points.map((p) => p.at));
      findings.set(ref, {
        source: "trend",
        sourceRef: ref,
        accountId: null,
        title: `Segment ${segment}: satisfaction is falling`,
        detail: `${verdict.reason.replace("Satisfaction", `Satisfaction across ${segment} clients`)}. Look for a cause they share.`,
        priority: "high",
        heldBy: (dismissedAt) => dismissedAt >= lastAnswer,
      });
      segmentRefs.add(ref);
    }
  }

  const outcome: AlarmScanOutcome = { opened: 0, closed: 0, dismissed: 0 };
  const open: string[] = [];
  for (const source of alarmSources) {
    const prefix = scope.accountId ? `${source}:${scope.accountId}` : `${source}:`;
    open.push(...(await openCauseRefs(ctx, source, prefix)));
  }
  if (scopeSegment) {
    open.push(...(await openCauseRefs(ctx, "trend", alarmRefs.segmentTrend(scopeSegment))));
  }
  const openRefs = new Set(open);
  for (const ref of openRefs) {
    if (findings.has(ref)) continue;
    const source = ref.slice(0, ref.indexOf(":")) as AlarmSource;
    // A segment alarm is judged only if the segment is still shared; an account's, if live.
    const cleared = judged.has(ref);
    const reason = cleared
      ? CLEARED[source]
      : ref.startsWith("trend:segment:")
        ? SEGMENT_GONE
        : NOT_LIVE;
    if (!cleared && scope.accountId && ref.startsWith("trend:segment:")) continue;
    const status = cleared ? ("done" as const) : ("dismissed" as const);
    const closed = await closeTasksForCause(ctx, { source, sourceRef: ref, status, reason });
    if (cleared) outcome.closed += closed.length;
    else outcome.dismissed += closed.length;
  }

  const toRaise = [...findings.values()].filter((f) => !openRefs.has(f.sourceRef));
  if (toRaise.length === 0) return outcome;
  const dismissedAt = await memberDismissals(
    ctx,
    toRaise.map((f) => f.sourceRef),
  );
  const raising = toRaise.filter((f) => {
    const at = dismissedAt.get(f.sourceRef);
    return !(at && f.heldBy(at));
  });
  const accountIds = [...new Set(raising.flatMap((f) => (f.accountId ? [f.accountId] : [])))];
  const assignees = await alarmAssigneesOf(ctx, accountIds);
  const leadership = raising.some((f) => !f.accountId)
    ? await segmentAlarmAssignee(ctx)
    : undefined;
  const dueAt = startOfDay(today, timeZone);
  for (const { heldBy: _, ...finding } of raising) {
    const assigneeId = finding.accountId ? assignees.get(finding.accountId) : leadership;
    if (!assigneeId) continue; // nobody active to give it to
    const { created } = await openTaskForCause(ctx, { ...finding, assigneeId, dueAt });
    if (created) outcome.opened += 1;
  }
  return outcome;
}

/** When a member last dismissed each of these causes (rules' own closes left out). */
async function memberDismissals(ctx: Ctx, refs: string[]): Promise<Map<string, Date>> {
  const rows = await ctx.db
    .select({ sourceRef: tasks.sourceRef, closedAt: max(tasks.closedAt) })
    .from(tasks)
    .where(
      and(
        eq(tasks.workspaceId, ctx.workspaceId),
        inArray(tasks.source, [...alarmSources]),
        eq(tasks.status, "dismissed"),
        inArray(tasks.sourceRef, refs),
        notInArray(tasks.dismissReason, SYSTEM_REASONS),
      ),
    )
    .groupBy(tasks.sourceRef);
  const result = new Map<string, Date>();
  for (const row of rows) {
    if (row.sourceRef && row.closedAt) result.set(row.sourceRef, new Date(row.closedAt));
  }
  return result;
}

/** Alarm tasks still open that were raised for a member after an instant: the digest's "new alarms". */
export async function listNewAlarmTasks(
  ctx: Pick<Ctx, "db" | "workspaceId">,
  memberId: string,
  since: Date | null,
) {
  return ctx.db
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.workspaceId, ctx.workspaceId),
        eq(tasks.assigneeId, memberId),
        inArray(tasks.source, [...alarmSources]),
        eq(tasks.status, "open"),
        since ? sql`${tasks.createdAt} > ${since.toISOString()}::timestamptz` : undefined,
      ),
    )
    .orderBy(tasks.createdAt, tasks.id);
}
