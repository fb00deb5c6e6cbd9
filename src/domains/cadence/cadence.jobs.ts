/**
 * cadence.sync keeps one open task per overdue (account, rule), raised via
 * openTaskForCause (source `cadence`, sourceRef `cadence:<accountId>:<ruleId>`): it closes
 * the task as done once a qualifying touch makes the pair no longer overdue, and dismisses
 * it when the rule was archived or no longer applies, or the account became former or was
 * archived. Payload `{ accountId }` syncs one account, `{}` the whole workspace; the
 * workspace is the job row's workspace_id. The whole sync is one transaction under an
 * advisory lock, so a crash rolls it back and the re-run redoes it, and two syncs at once
 * run one after the other. The hourly cron enqueues a workspace-wide sync per workspace,
 * and catches up once after downtime (see platform/jobs/cron.ts).
 */
import { and, eq, inArray, isNull, max, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import { members } from "../../platform/auth/auth.schema";
import { accountTeamMembers } from "../../platform/db/schema";
import type { Ctx } from "../../platform/http/context";
import {
  defineCron,
  defineJob,
  defineWorkspaceFanOut,
  type JobDefinition,
  workspaceJobCtx,
} from "../../platform/jobs";
import { addDays, dayOf, startOfDay } from "../../platform/time/zoned";
import { accounts } from "../accounts";
import { closeTasksForCause, openCauseRefs, openTaskForCause, tasks } from "../tasks";
import { getWorkspaceTimeZone } from "../workspaces";
import { cadenceSyncJobName } from "./cadence.inputs";
import { cadenceRules } from "./cadence.schema";
import { type CadenceStateRow, listCadenceStates } from "./cadence.states";

export const TOUCH_LOGGED = "a qualifying touch was logged";

export const causeRefOf = (accountId: string, ruleId: string) => `cadence:${accountId}:${ruleId}`;

export type CadenceSyncOutcome = { opened: number; closed: number; dismissed: number };

const kindLabel = (kind: string) => (kind === "any" ? "touch" : kind.replaceAll("_", " "));

function titleOf(state: CadenceStateRow): string {
  const days = `${state.daysOverdue} day${state.daysOverdue === 1 ? "" : "s"}`;
  return `${state.accountName}: ${kindLabel(state.kind)} overdue by ${days}`;
}

function detailOf(state: CadenceStateRow): string {
  const last = state.lastTouchAt ? state.lastTouchAt.toISOString().slice(0, 10) : "none yet";
  return `Cadence: a ${kindLabel(state.kind)} at least every ${state.everyDays} days. Due on ${state.dueOn}; last qualifying touch: ${last}.`;
}

/** Who follows up: the account team's lead, else the owner, else the workspace's first owner. */
async function assigneesOf(ctx: Ctx, accountIds: string[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (accountIds.length === 0) return result;
  const leads = await ctx.db
    .select({ accountId: accountTeamMembers.accountId, memberId: accountTeamMembers.memberId })
    .from(accountTeamMembers)
    .innerJoin(
      members,
      and(
        eq(members.workspaceId, accountTeamMembers.workspaceId),
        eq(members.id, accountTeamMembers.memberId),
      ),
    )
    .where(
      and(
        eq(accountTeamMembers.workspaceId, ctx.workspaceId),
        inArray(accountTeamMembers.accountId, accountIds),
        eq(accountTeamMembers.role, "lead"),
        isNull(accountTeamMembers.endedAt),
        eq(members.status, "active"),
      ),
    )
    .orderBy(accountTeamMembers.createdAt, accountTeamMembers.memberId);
  for (const lead of leads)
    if (!result.has(lead.accountId)) result.set(lead.accountId, lead.memberId);
  const owners = await ctx.db
    .select({ accountId: accounts.id, ownerId: accounts.ownerId, status: members.status })
    .from(accounts)
    .innerJoin(
      members,
      and(eq(members.workspaceId, accounts.workspaceId), eq(members.id, accounts.ownerId)),
    )
    .where(and(eq(accounts.workspaceId, ctx.workspaceId), inArray(accounts.id, accountIds)));
  const [fallback] = await ctx.db
    .select({ id: members.id })
    .from(members)
    .where(
      and(
        eq(members.workspaceId, ctx.workspaceId),
        eq(members.role, "owner"),
        eq(members.status, "active"),
      ),
    )
    .orderBy(members.createdAt, members.id)
    .limit(1);
  for (const owner of owners) {
    if (result.has(owner.accountId)) continue;
    const id = owner.status === "active" ? owner.ownerId : fallback?.id;
    if (id) result.set(owner.accountId, id);
  }
  return result;
}

const SYSTEM_REASONS = [
  "the cadence rule was archived",
  "the account was archived",
  "the account is former",
  "the cadence rule no longer applies to the account",
];

/**
 * A member who dismissed the task for this overdue spell has decided: it is not raised again
 * until a touch starts a new spell (the pair falls due again on a later day).
 */
async function dismissedByMembers(
  ctx: Ctx,
  states: CadenceStateRow[],
  timeZone: string,
): Promise<Set<string>> {
  const refs = states.map((s) => causeRefOf(s.accountId, s.ruleId));
  if (refs.length === 0) return new Set();
  const rows = await ctx.db
    .select({ sourceRef: tasks.sourceRef, closedAt: max(tasks.closedAt) })
    .from(tasks)
    .where(
      and(
        eq(tasks.workspaceId, ctx.workspaceId),
        eq(tasks.source, "cadence"),
        eq(tasks.status, "dismissed"),
        inArray(tasks.sourceRef, refs),
        notInArray(tasks.dismissReason, SYSTEM_REASONS),
      ),
    )
    .groupBy(tasks.sourceRef);
  const lastDismissed = new Map(rows.map((row) => [row.sourceRef, row.closedAt]));
  const skipped = new Set<string>();
  for (const state of states) {
    const ref = causeRefOf(state.accountId, state.ruleId);
    const at = lastDismissed.get(ref);
    const overdueSince = startOfDay(addDays(state.dueOn, 1), timeZone);
    if (at && new Date(at) >= overdueSince) skipped.add(ref);
  }
  return skipped;
}

/** Why an open task's (account, rule) pair no longer has a state at all. */
async function dismissReasonOf(ctx: Ctx, accountId: string, ruleId: string): Promise<string> {
  const [rule] = await ctx.db
    .select({ archivedAt: cadenceRules.archivedAt })
    .from(cadenceRules)
    .where(and(eq(cadenceRules.workspaceId, ctx.workspaceId), eq(cadenceRules.id, ruleId)));
  if (!rule || rule.archivedAt) return "the cadence rule was archived";
  const [account] = await ctx.db
    .select({ status: accounts.status, archivedAt: accounts.archivedAt })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.workspaceId), eq(accounts.id, accountId)));
  if (!account || account.archivedAt) return "the account was archived";
  if (account.status === "former") return "the account is former";
  return "the cadence rule no longer applies to the account";
}

/** Brings the cadence tasks of one account (or of every account) up to date. */
export async function syncCadenceTasks(
  ctx: Ctx,
  scope: { accountId?: string } = {},
): Promise<CadenceSyncOutcome> {
  await ctx.db.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`cadence.sync:${ctx.workspaceId}`}, 0))`,
  );
  const states = await listCadenceStates(ctx, { accountId: scope.accountId });
  const byRef = new Map(states.map((s) => [causeRefOf(s.accountId, s.ruleId), s]));
  const overdue = states.filter((s) => s.state === "overdue");
  const outcome: CadenceSyncOutcome = { opened: 0, closed: 0, dismissed: 0 };

  const open = await openCauseRefs(
    ctx,
    "cadence",
    scope.accountId ? `cadence:${scope.accountId}:` : "cadence:",
  );
  for (const ref of open) {
    const state = byRef.get(ref);
    if (state?.state === "overdue") continue;
    const [, accountId = "", ruleId = ""] = ref.split(":");
    const closing = state
      ? { status: "done" as const, reason: TOUCH_LOGGED }
      : { status: "dismissed" as const, reason: await dismissReasonOf(ctx, accountId, ruleId) };
    const closed = await closeTasksForCause(ctx, { source: "cadence", sourceRef: ref, ...closing });
    if (closing.status === "done") outcome.closed += closed.length;
    else outcome.dismissed += closed.length;
  }

  const openRefs = new Set(open);
  const unfollowed = overdue.filter((s) => !openRefs.has(causeRefOf(s.accountId, s.ruleId)));
  if (unfollowed.length === 0) return outcome;
  const timeZone = await getWorkspaceTimeZone(ctx);
  const dismissed = await dismissedByMembers(ctx, unfollowed, timeZone);
  const toOpen = unfollowed.filter((s) => !dismissed.has(causeRefOf(s.accountId, s.ruleId)));
  const assignees = await assigneesOf(ctx, [...new Set(toOpen.map((s) => s.accountId))]);
  const dueAt = startOfDay(dayOf(ctx.now(), timeZone), timeZone);
  for (const state of toOpen) {
    const assigneeId = assignees.get(state.accountId);
    if (!assigneeId) continue; // no active member to give it to: nothing sensible to raise
    const { created } = await openTaskForCause(ctx, {
      source: "cadence",
      sourceRef: causeRefOf(state.accountId, state.ruleId),
      title: titleOf(state),
      detail: detailOf(state),
      accountId: state.accountId,
      assigneeId,
      dueAt,
    });
    if (created) outcome.opened += 1;
  }
  return outcome;
}

const syncPayload = z.object({ accountId: z.uuid().optional() });

export const cadenceSyncJob: JobDefinition = defineJob({
  name: cadenceSyncJobName,
  payload: syncPayload,
  async handler(payload, job) {
    const ctx = workspaceJobCtx(job, cadenceSyncJobName);
    return ctx.db.transaction((tx) => syncCadenceTasks({ ...ctx, db: tx }, payload));
  },
});

/** Enqueues a workspace-wide cadence.sync for every workspace (once per cron run). */
export const cadenceSyncAllJob = defineWorkspaceFanOut("cadence.sync_all", cadenceSyncJobName);

export const cadenceSyncCron = defineCron({
  name: "cadence.sync_all",
  pattern: "5 * * * *",
  job: cadenceSyncAllJob,
});

export function createCadenceJobs(): JobDefinition[] {
  return [cadenceSyncJob, cadenceSyncAllJob];
}
