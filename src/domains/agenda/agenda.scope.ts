/**
 * Whose things a member's agenda and calendar feed show: the accounts they serve (own, or
 * are on the live team of), the accounts they lead (own, or team role `lead`), and the
 * important dates of the people currently at those accounts and of the accounts themselves.
 * Shared by the Today page and the .ics feed so both always show the same dates.
 */
import { and, asc, eq, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import { union } from "drizzle-orm/pg-core";
import type { Ctx } from "../../platform/http/context";
import { addDays, type Day, dayOf } from "../../platform/time/zoned";
import { accounts, accountTeamMembers } from "../accounts";
import { contactAffiliations, contacts, currentAffiliationCondition } from "../contacts";
import {
  describeOccurrence,
  type ImportantDateKind,
  occurrencesBetween,
  suggestGesture,
  type YearlyDate,
  yearsAt,
} from "./agenda.dates";

/** Ids of the live accounts the member owns or is on the live team of (a subquery). */
export function servedAccountIds(ctx: Pick<Ctx, "db" | "workspaceId">, memberId: string) {
  const owned = ctx.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, ctx.workspaceId),
        eq(accounts.ownerId, memberId),
        isNull(accounts.archivedAt),
      ),
    );
  const onTeam = ctx.db
    .select({ id: accountTeamMembers.accountId })
    .from(accountTeamMembers)
    .innerJoin(
      accounts,
      and(
        eq(accounts.workspaceId, accountTeamMembers.workspaceId),
        eq(accounts.id, accountTeamMembers.accountId),
      ),
    )
    .where(
      and(
        eq(accountTeamMembers.workspaceId, ctx.workspaceId),
        eq(accountTeamMembers.memberId, memberId),
        isNull(accountTeamMembers.endedAt),
        isNull(accounts.archivedAt),
      ),
    );
  return union(owned, onTeam);
}

/** SQL condition on `accounts`: the member leads it (owner, or live team role lead). */
export function ledBy(memberId: string): SQL {
  return or(
    eq(accounts.ownerId, memberId),
    sql`exists (select 1 from ${accountTeamMembers} tm where tm.workspace_id = "accounts"."workspace_id" and tm.account_id = "accounts"."id" and tm.member_id = ${memberId} and tm.role = 'lead' and tm.ended_at is null)`,
  ) as SQL;
}

/** One yearly date the member should remember, before it is placed on a day. */
export type YearlyReminder = YearlyDate & {
  kind: ImportantDateKind;
  source: "contact" | "account";
  label: string | null;
  contact: { id: string; name: string } | null;
  preferredChannel: string | null;
  account: { id: string; name: string };
  /** Stable within its contact or account: the calendar feed's UID is built from it. */
  key: string;
};

const personName = (c: { firstName: string; lastName: string | null }) =>
  [c.firstName, c.lastName].filter(Boolean).join(" ");

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The dates to remind the member of: contacts' dates marked `remind` (contacts currently at
 * an account the member serves, each contact once), and the partnership anniversary of each
 * served account that became a client (its first `active` status), except former clients.
 */
export async function loadYearlyReminders(
  ctx: Pick<Ctx, "db" | "workspaceId">,
  memberId: string,
  options: { today: Day; timeZone: string; window?: { from: Day; to: Day } },
): Promise<YearlyReminder[]> {
  const served = servedAccountIds(ctx, memberId);
  // Today needs a week, not the year: only dates whose month and day fall in the window are
  // read (the placing below stays the judge), instead of every remembered date of every
  // person the member serves.
  const monthDays = options.window ? monthDaysOf(options.window.from, options.window.to) : null;
  const people = await ctx.db
    .select({
      contactId: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      preferredChannel: contacts.preferredChannel,
      importantDates: contacts.importantDates,
      accountId: accounts.id,
      accountName: accounts.name,
    })
    .from(contactAffiliations)
    .innerJoin(
      contacts,
      and(
        eq(contacts.workspaceId, contactAffiliations.workspaceId),
        eq(contacts.id, contactAffiliations.contactId),
      ),
    )
    .innerJoin(
      accounts,
      and(
        eq(accounts.workspaceId, contactAffiliations.workspaceId),
        eq(accounts.id, contactAffiliations.accountId),
      ),
    )
    .where(
      and(
        eq(contactAffiliations.workspaceId, ctx.workspaceId),
        inArray(contactAffiliations.accountId, served),
        currentAffiliationCondition(options.today),
        isNull(contacts.archivedAt),
        isNull(contacts.mergedIntoId),
        sql`${contacts.importantDates} @> '[{"remind": true}]'::jsonb`,
        monthDays
          ? sql`exists (select 1 from jsonb_array_elements(${contacts.importantDates}) d
              where ((d->>'month')::int, (d->>'day')::int) in (${monthDays}))`
          : undefined,
      ),
    )
    .orderBy(asc(contacts.id), asc(accounts.name));

  const reminders: YearlyReminder[] = [];
  const seenContacts = new Set<string>();
  for (const row of people) {
    if (seenContacts.has(row.contactId)) continue;
    seenContacts.add(row.contactId);
    const seenKeys = new Set<string>();
    for (const date of row.importantDates) {
      if (date.remind !== true) continue;
      const key = `${date.kind}-${pad(date.month)}${pad(date.day)}`;
      if (seenKeys.has(key)) continue;
      seenKeys.add(key);
      reminders.push({
        kind: date.kind,
        source: "contact",
        month: date.month,
        day: date.day,
        year: date.year ?? null,
        label: date.label ?? null,
        contact: { id: row.contactId, name: personName(row) },
        preferredChannel: row.preferredChannel,
        account: { id: row.accountId, name: row.accountName },
        key,
      });
    }
  }

  const clients = await ctx.db
    .select({ id: accounts.id, name: accounts.name, statusHistory: accounts.statusHistory })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, ctx.workspaceId),
        inArray(accounts.id, servedAccountIds(ctx, memberId)),
        ne(accounts.status, "former"),
        sql`${accounts.statusHistory} @> '[{"status": "active"}]'::jsonb`,
        // The first active change is one of the active ones: a superset, judged below.
        monthDays
          ? sql`exists (select 1 from jsonb_array_elements(${accounts.statusHistory}) h,
              lateral (select ((h->>'changedAt')::timestamptz at time zone ${options.timeZone})::date as began) b
              where h->>'status' = 'active'
                and (extract(month from b.began)::int, extract(day from b.began)::int) in (${monthDays}))`
          : undefined,
      ),
    )
    .orderBy(asc(accounts.name), asc(accounts.id));
  for (const account of clients) {
    const firstActive = account.statusHistory
      .filter((change) => change.status === "active")
      .map((change) => change.changedAt)
      .sort()[0];
    if (!firstActive) continue;
    // The day it began is the firm's day, not UTC's.
    const began = dayOf(new Date(firstActive), options.timeZone);
    const [year, month, day] = began.split("-").map(Number) as [number, number, number];
    reminders.push({
      kind: "partnership_anniversary",
      source: "account",
      month,
      day,
      year,
      label: null,
      contact: null,
      preferredChannel: null,
      account: { id: account.id, name: account.name },
      key: "partnership_anniversary",
    });
  }
  return reminders;
}

/**
 * The (month, day) pairs of the days from..to as a SQL list, with 29 February whenever the
 * window holds 28 February or 1 March: in a common year a leap-day date is placed on one
 * of those (agenda.dates decides which).
 */
function monthDaysOf(from: Day, to: Day): SQL {
  const pairs = new Set<string>();
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const [, month, date] = day.split("-").map(Number) as [number, number, number];
    pairs.add(`${month}-${date}`);
    if ((month === 2 && date === 28) || (month === 3 && date === 1)) pairs.add("2-29");
    if (pairs.size > 366) break;
  }
  return sql.join(
    [...pairs].map((pair) => {
      const [month, date] = pair.split("-").map(Number) as [number, number];
      return sql`(${month}::int, ${date}::int)`;
    }),
    sql`, `,
  );
}

/** A reminder placed on a day in the agenda's window. */
export type ImportantDateOccurrence = {
  on: Day;
  daysUntil: number;
  kind: ImportantDateKind;
  source: "contact" | "account";
  title: string;
  label: string | null;
  /** Age at a birthday, years at an anniversary; null when the year is unknown. */
  years: number | null;
  suggestion: string;
  contact: { id: string; name: string } | null;
  account: { id: string; name: string };
};

/** Every occurrence in [from, to], soonest first. */
export function placeReminders(
  reminders: readonly YearlyReminder[],
  from: Day,
  to: Day,
  daysFrom: (on: Day) => number,
): ImportantDateOccurrence[] {
  const placed: ImportantDateOccurrence[] = [];
  for (const r of reminders) {
    for (const on of occurrencesBetween(r, from, to)) {
      const years = yearsAt(r, on);
      // The day a partnership began is not yet an anniversary.
      if (r.source === "account" && (years ?? 0) < 1) continue;
      placed.push({
        on,
        daysUntil: daysFrom(on),
        kind: r.kind,
        source: r.source,
        title: describeOccurrence({
          kind: r.kind,
          source: r.source,
          years,
          personName: r.contact?.name ?? null,
          accountName: r.account.name,
          label: r.label,
        }),
        label: r.label,
        years,
        suggestion: suggestGesture({
          kind: r.kind,
          source: r.source,
          years,
          preferredChannel: r.preferredChannel,
        }),
        contact: r.contact,
        account: r.account,
      });
    }
  }
  return placed.sort(
    (a, b) =>
      a.on.localeCompare(b.on) ||
      a.title.localeCompare(b.title) ||
      (a.contact?.id ?? a.account.id).localeCompare(b.contact?.id ?? b.account.id),
  );
}
