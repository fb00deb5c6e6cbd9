/**
 * The Today page of one member: planned interactions today and in the next 7 days, touches
 * overdue or due soon on the accounts they serve, their tasks late or due today, important
 * dates in the next 7 days, and the accounts they lead that went longest without a
 * meaningful touch. Days are the workspace's (its time zone); every list is one query, with
 * account names joined in, so the page costs a fixed number of round trips.
 */
import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { recordAudits } from "../../platform/audit/audit.queries";
import type { Ctx } from "../../platform/http/context";
import { addDays, type Day, dayOf, daysBetween, startOfDay } from "../../platform/time/zoned";
import { accounts } from "../accounts";
import { listCadenceStates } from "../cadence";
import { contacts } from "../contacts";
import {
  type Interaction,
  interactionContacts,
  interactionMembers,
  interactions,
  meaningfulKinds,
} from "../interactions";
import { type TaskSource, tasks } from "../tasks";

/** Tasks raised by what clients said or did not say: shown on Today before they are due. */
const ALARM_SOURCES: readonly TaskSource[] = ["survey", "trend", "tone", "silence", "health"];

import { getWorkspaceTimeZone } from "../workspaces";
import { ledBy, loadYearlyReminders, placeReminders } from "./agenda.scope";

/** Days ahead the week lists cover (tomorrow through today + 7). */
export const WEEK_DAYS = 7;
const QUIET_ACCOUNTS = 5;

export type AgendaInteraction = {
  id: string;
  kind: Interaction["kind"];
  state: Interaction["state"];
  scheduledAt: Date;
  /** The firm's day it is planned for. */
  day: Day;
  durationMinutes: number | null;
  summary: string | null;
  /** Times it was moved; the calendar feed's SEQUENCE. */
  reschedules: number;
  rescheduleHistory: Interaction["rescheduleHistory"];
  createdById: string;
  updatedAt: Date;
  account: { id: string; name: string };
  contacts: { id: string; name: string }[];
};

/** Interactions the member takes part in or created, planned in [from, to). */
export async function listMemberInteractions(
  ctx: Pick<Ctx, "db" | "workspaceId">,
  memberId: string,
  range: { from: Date; to: Date; timeZone: string; states: Interaction["state"][] },
): Promise<AgendaInteraction[]> {
  const takesPart = sql`exists (select 1 from ${interactionMembers} im where im.workspace_id = "interactions"."workspace_id" and im.interaction_id = "interactions"."id" and im.member_id = ${memberId})`;
  const rows = await ctx.db
    .select({ interaction: interactions, accountName: accounts.name })
    .from(interactions)
    .innerJoin(
      accounts,
      and(
        eq(accounts.workspaceId, interactions.workspaceId),
        eq(accounts.id, interactions.accountId),
      ),
    )
    .where(
      and(
        eq(interactions.workspaceId, ctx.workspaceId),
        inArray(interactions.state, range.states),
        gte(interactions.scheduledAt, range.from),
        lt(interactions.scheduledAt, range.to),
        isNull(interactions.archivedAt),
        or(eq(interactions.createdById, memberId), takesPart),
      ),
    )
    .orderBy(asc(interactions.scheduledAt), asc(interactions.id));
  const people = await contactsOf(
    ctx,
    rows.map((row) => row.interaction.id),
  );
  return rows.map(({ interaction: i, accountName }) => {
    const scheduledAt = i.scheduledAt as Date;
    return {
      id: i.id,
      kind: i.kind,
      state: i.state,
      scheduledAt,
      day: dayOf(scheduledAt, range.timeZone),
      durationMinutes: i.durationMinutes,
      summary: i.summary,
      reschedules: i.rescheduleHistory.length,
      rescheduleHistory: i.rescheduleHistory,
      createdById: i.createdById,
      updatedAt: i.updatedAt,
      account: { id: i.accountId, name: accountName },
      contacts: people.get(i.id) ?? [],
    };
  });
}

/** The contacts taking part in each interaction, in one query. */
async function contactsOf(ctx: Pick<Ctx, "db" | "workspaceId">, interactionIds: string[]) {
  const byInteraction = new Map<string, { id: string; name: string }[]>();
  if (interactionIds.length === 0) return byInteraction;
  const rows = await ctx.db
    .select({
      interactionId: interactionContacts.interactionId,
      id: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
    })
    .from(interactionContacts)
    .innerJoin(
      contacts,
      and(
        eq(contacts.workspaceId, interactionContacts.workspaceId),
        eq(contacts.id, interactionContacts.contactId),
      ),
    )
    .where(
      and(
        eq(interactionContacts.workspaceId, ctx.workspaceId),
        inArray(interactionContacts.interactionId, interactionIds),
      ),
    )
    .orderBy(asc(contacts.firstName), asc(contacts.id));
  for (const row of rows) {
    const list = byInteraction.get(row.interactionId) ?? [];
    list.push({ id: row.id, name: [row.firstName, row.lastName].filter(Boolean).join(" ") });
    byInteraction.set(row.interactionId, list);
  }
  return byInteraction;
}

/** Open tasks assigned to the member with a due time before `before`, earliest first. */
export async function listMemberTasksDue(
  ctx: Pick<Ctx, "db" | "workspaceId">,
  memberId: string,
  range: { from?: Date; before: Date; sources?: readonly TaskSource[] },
) {
  return ctx.db
    .select({
      id: tasks.id,
      title: tasks.title,
      priority: tasks.priority,
      source: tasks.source,
      dueAt: tasks.dueAt,
      version: tasks.version,
      updatedAt: tasks.updatedAt,
      accountId: tasks.accountId,
      accountName: accounts.name,
    })
    .from(tasks)
    .leftJoin(
      accounts,
      and(eq(accounts.workspaceId, tasks.workspaceId), eq(accounts.id, tasks.accountId)),
    )
    .where(
      and(
        eq(tasks.workspaceId, ctx.workspaceId),
        eq(tasks.assigneeId, memberId),
        eq(tasks.status, "open"),
        isNotNull(tasks.dueAt),
        range.from ? gte(tasks.dueAt, range.from) : undefined,
        lt(tasks.dueAt, range.before),
        range.sources ? inArray(tasks.source, [...range.sources]) : undefined,
      ),
    )
    .orderBy(asc(tasks.dueAt), asc(tasks.id));
}

/**
 * Touches on the member's accounts that are overdue or due soon, judged as of `asOf`
 * (touches logged up to that instant count).
 */
export async function listMemberTouches(ctx: Ctx, memberId: string, asOf: Date, timeZone?: string) {
  const states = await listCadenceStates(ctx, { memberId, asOf, timeZone });
  return states
    .filter((s) => s.state !== "ok")
    .map((s) => ({
      accountId: s.accountId,
      accountName: s.accountName,
      ruleId: s.ruleId,
      kind: s.kind,
      state: s.state,
      lastTouchAt: s.lastTouchAt,
      dueOn: s.dueOn,
      daysOverdue: s.daysOverdue,
    }));
}

/**
 * The accounts the member leads that went longest without a meaningful touch by `before`:
 * never-touched first (oldest account first), then the oldest last touch. Former clients
 * are left out: there is no relationship left to keep warm.
 */
export async function listQuietAccounts(
  ctx: Pick<Ctx, "db" | "workspaceId">,
  memberId: string,
  before: Date,
  limit = QUIET_ACCOUNTS,
) {
  // Outer columns spelled out: the builder leaves table names off a one-table query's columns.
  const lastTouchAt = sql<Date | null>`(select max(i.occurred_at) from ${interactions} i where i.workspace_id = "accounts"."workspace_id" and i.account_id = "accounts"."id" and i.state = 'completed' and i.archived_at is null and i.kind in (${sql.join(
    meaningfulKinds.map((k) => sql`${k}`),
    sql`, `,
  )}) and i.occurred_at < ${before.toISOString()}::timestamptz)`;
  const rows = await ctx.db
    .select({ id: accounts.id, name: accounts.name, status: accounts.status, lastTouchAt })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, ctx.workspaceId),
        isNull(accounts.archivedAt),
        sql`${accounts.status} <> 'former'`,
        ledBy(memberId),
      ),
    )
    .orderBy(sql`4 asc nulls first`, asc(accounts.createdAt), asc(accounts.id))
    .limit(limit);
  return rows.map((row) => ({
    ...row,
    // Raw sql values come back as strings on node-postgres and PGlite alike.
    lastTouchAt: row.lastTouchAt ? new Date(row.lastTouchAt) : null,
  }));
}

export type AgendaInput = { date?: Day };

export async function getAgenda(ctx: Ctx, input: AgendaInput) {
  const memberId = ctx.actor.memberId;
  if (!memberId) throw new Error("the agenda is a member's");
  const timeZone = await getWorkspaceTimeZone(ctx);
  const today = dayOf(ctx.now(), timeZone);
  const date = input.date ?? today;
  const todayStarts = startOfDay(date, timeZone);
  const tomorrowStarts = startOfDay(addDays(date, 1), timeZone);
  const weekEnds = startOfDay(addDays(date, WEEK_DAYS + 1), timeZone);

  const [planned, due, alarmsAhead, touches, reminders, quiet] = await Promise.all([
    listMemberInteractions(ctx, memberId, {
      from: todayStarts,
      to: weekEnds,
      timeZone,
      states: ["planned"],
    }),
    listMemberTasksDue(ctx, memberId, { before: tomorrowStarts }),
    // Alarms ("restore balance") belong on Today as soon as they are raised, not on their day.
    listMemberTasksDue(ctx, memberId, {
      from: tomorrowStarts,
      before: weekEnds,
      sources: ALARM_SOURCES,
    }),
    // The day as it stands at its end (or now, for today): touches logged by then count.
    listMemberTouches(
      ctx,
      memberId,
      date === today ? ctx.now() : new Date(tomorrowStarts.getTime() - 1),
      timeZone,
    ),
    loadYearlyReminders(ctx, memberId, {
      today: date,
      timeZone,
      window: { from: date, to: addDays(date, WEEK_DAYS) },
    }),
    listQuietAccounts(ctx, memberId, tomorrowStarts),
  ]);
  const dayOfDue = (d: Date | null) => (d ? dayOf(d, timeZone) : date);
  const importantDates = placeReminders(reminders, date, addDays(date, WEEK_DAYS), (on) =>
    daysBetween(date, on),
  );
  // Birthdays and family dates are personal memory: showing them is a read, audited per
  // person as the contact page does (a week holds a handful, so the log stays readable).
  const shownContacts = new Set(importantDates.flatMap((d) => (d.contact ? [d.contact.id] : [])));
  await recordAudits(
    ctx,
    [...shownContacts].map((contactId) => ({
      action: "contact.memory_read",
      entityType: "contact",
      entityId: contactId,
      after: { via: "agenda" },
    })),
  );
  return {
    date,
    timeZone,
    today: { interactions: planned.filter((i) => i.day === date) },
    week: { interactions: planned.filter((i) => i.day > date) },
    touches: {
      overdue: touches.filter((t) => t.state === "overdue"),
      dueSoon: touches.filter((t) => t.state === "due_soon"),
    },
    tasks: {
      late: due
        .filter((t) => (t.dueAt as Date) < todayStarts)
        .map((t) => ({ ...t, dueOn: dayOfDue(t.dueAt) })),
      today: due
        .filter((t) => (t.dueAt as Date) >= todayStarts)
        .map((t) => ({ ...t, dueOn: dayOfDue(t.dueAt) })),
      alarms: alarmsAhead.map((t) => ({ ...t, dueOn: dayOfDue(t.dueAt) })),
    },
    importantDates,
    quietAccounts: quiet.map((a) => ({
      ...a,
      daysSinceTouch: a.lastTouchAt ? daysBetween(dayOf(a.lastTouchAt, timeZone), date) : null,
    })),
  };
}

export type Agenda = Awaited<ReturnType<typeof getAgenda>>;
