/**
 * Full-text search over accounts, contacts and needs for Cmd/Ctrl+K and integrations. Each
 * kind is one indexed query against its generated `search` tsvector (GIN), ranked with
 * ts_rank; the three ranked lists are merged here. User text only ever reaches SQL as a
 * bound parameter of to_tsquery('simple', $n).
 *
 * Privacy: a contact's interests (weight C of contacts.search) are personal memory. For a
 * contact whose memory the actor may not see, the query is weight-restricted to A and B
 * (names, emails, title), so an interest alone never finds them, and the rank is computed
 * without the C lexemes, since ts_rank ignores a query's weight restriction and would
 * otherwise order results by the hidden interests.
 */
import { and, eq, isNull, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { hasRole } from "../../platform/auth/auth.policies";
import type { Ctx } from "../../platform/http/context";
import { accounts } from "../accounts";
import {
  contactAffiliations,
  contactEmails,
  contacts,
  currentAffiliationCondition,
  todayOf,
} from "../contacts";
import { needs } from "../needs";
import { type SearchKind, type SearchQuery, searchTerms } from "./search.inputs";

export type SearchHit = {
  type: SearchKind;
  id: string;
  title: string;
  subtitle: string;
  /** Needs only: the account the need belongs to (the UI opens it there). */
  accountId?: string;
  rank: number;
};

/**
 * What ts_rank gives a single weight-B lexeme (0.4 × 0.6079): a contact found only by the
 * contact_emails fallback ranks like any other email match.
 */
const EMAIL_MATCH_RANK = 0.2432;

/** On equal rank, accounts and contacts come before needs (and accounts before contacts). */
const kindOrder: Record<SearchKind, number> = { account: 0, contact: 1, need: 2 };

/** The search as SQL parameters; built once per request from the user's text. */
export type PreparedSearch = {
  /** 'ada':* & 'ok':* — every term as a prefix, any weight. */
  anyWeight: string;
  /** 'ada':*AB & 'ok':*AB — the same, matching only names, emails and title of a contact. */
  withoutInterests: string;
  /** 'ada':*C | 'ok':*C — some term matches an interest (only then does memory matter). */
  inInterests: string;
  /**
   * A LIKE pattern for contact_emails when the text is one token with an "@": to_tsvector
   * keeps a whole email as one lexeme but to_tsquery splits a partial one
   * ("ada.okafor@cli" → 'ada.okafor' <-> 'cli'), so a prefix of an email past its "@"
   * would otherwise find nothing.
   */
  emailPrefix?: string;
};

export function prepareSearch(text: string): PreparedSearch | undefined {
  const terms = searchTerms(text);
  if (terms.length === 0) return undefined;
  // Terms hold no quote or backslash (searchTerms removes them), so quoting is enough.
  const tsquery = (weights: string) => terms.map((term) => `'${term}':*${weights}`).join(" & ");
  const token = text.trim().toLowerCase();
  const emailLike = token.includes("@") && !/\s/.test(token);
  return {
    anyWeight: tsquery(""),
    withoutInterests: tsquery("AB"),
    inInterests: terms.map((term) => `'${term}':*C`).join(" | "),
    emailPrefix: emailLike ? `${token.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined,
  };
}

export async function searchRecords(ctx: Ctx, query: SearchQuery): Promise<SearchHit[]> {
  const search = prepareSearch(query.q);
  if (!search) return [];
  const [accountRows, contactRows, needRows] = await Promise.all([
    accountsQuery(ctx, search, query.limit),
    contactHits(ctx, search, query.limit),
    needsQuery(ctx, search, query.limit),
  ]);
  const hits: SearchHit[] = [
    ...accountRows.map(
      (row): SearchHit => ({
        type: "account",
        id: row.id,
        title: row.name,
        subtitle: joinParts([row.domain, row.segment]),
        rank: row.rank,
      }),
    ),
    ...contactRows.map(
      (row): SearchHit => ({
        type: "contact",
        id: row.id,
        title: joinParts([row.firstName, row.lastName], " "),
        subtitle: joinParts([row.title, row.accountNames, row.primaryEmail]),
        rank: row.rank,
      }),
    ),
    ...needRows.map(
      (row): SearchHit => ({
        type: "need",
        id: row.id,
        title: row.title,
        subtitle: joinParts([row.accountName, capitalise(row.kind)]),
        accountId: row.accountId,
        rank: row.rank,
      }),
    ),
  ];
  // Each list holds its kind's best `limit`, so the best `limit` overall are among them.
  hits.sort(
    (a, b) =>
      b.rank - a.rank ||
      kindOrder[a.type] - kindOrder[b.type] ||
      a.title.localeCompare(b.title) ||
      a.id.localeCompare(b.id),
  );
  return hits.slice(0, query.limit);
}

function joinParts(parts: (string | null | undefined)[], separator = " · "): string {
  return parts.filter((part): part is string => Boolean(part?.trim())).join(separator);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).replaceAll("_", " ");
}

const tsquery = (text: string) => sql`to_tsquery('simple', ${text})`;
/** ts_rank as the "rank" output column, which ORDER BY reads instead of ranking twice. */
const rankOf = (vector: SQLWrapper, text: string) =>
  sql<number>`ts_rank(${vector}, ${tsquery(text)})`.mapWith(Number).as("rank");
const byRank = sql`"rank" desc`;

// ---------------------------------------------------------------------------------------------
// One query per kind. Each is exported for bench/EXPLAIN; callers outside use searchRecords.

export function accountsQuery(ctx: Ctx, search: PreparedSearch, limit: number) {
  return ctx.db
    .select({
      id: accounts.id,
      name: accounts.name,
      domain: accounts.domain,
      segment: accounts.segment,
      rank: rankOf(accounts.search, search.anyWeight),
    })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, ctx.workspaceId),
        isNull(accounts.archivedAt),
        sql`${accounts.search} @@ ${tsquery(search.anyWeight)}`,
      ),
    )
    .orderBy(byRank, accounts.name, accounts.id)
    .limit(limit);
}

export function needsQuery(ctx: Ctx, search: PreparedSearch, limit: number) {
  return ctx.db
    .select({
      id: needs.id,
      title: needs.title,
      kind: needs.kind,
      accountId: needs.accountId,
      accountName: accounts.name,
      rank: rankOf(needs.search, search.anyWeight),
    })
    .from(needs)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, needs.workspaceId), eq(accounts.id, needs.accountId)),
    )
    .where(
      and(
        eq(needs.workspaceId, ctx.workspaceId),
        isNull(needs.archivedAt),
        // A need of an archived account is archived with it, as far as search goes.
        isNull(accounts.archivedAt),
        sql`${needs.search} @@ ${tsquery(search.anyWeight)}`,
      ),
    )
    .orderBy(byRank, needs.title, needs.id)
    .limit(limit);
}

type ContactRow = {
  id: string;
  firstName: string;
  lastName: string | null;
  title: string | null;
  primaryEmail: string | null;
  accountNames: string | null;
  rank: number;
};

async function contactHits(ctx: Ctx, search: PreparedSearch, limit: number) {
  const result = await ctx.db.execute(contactsQuery(ctx, search, limit));
  return (result as unknown as { rows: ContactRow[] }).rows.map((row) => ({
    ...row,
    rank: Number(row.rank),
  }));
}

/**
 * Raw SQL rather than the query builder: the correlated subqueries must name their tables
 * (the builder drops table names from select-list columns of a one-table query), and the
 * visibility test is computed once per row in a LATERAL instead of once per use.
 */
export function contactsQuery(ctx: Ctx, search: PreparedSearch, limit: number): SQL {
  const current = currentAffiliationCondition(todayOf(ctx));
  const ofContact = sql`${contactAffiliations.workspaceId} = ${contacts.workspaceId} and ${contactAffiliations.contactId} = ${contacts.id}`;
  const affiliatedAccount = sql`${accounts.workspaceId} = ${contactAffiliations.workspaceId} and ${accounts.id} = ${contactAffiliations.accountId}`;
  const matches = sql`${contacts.search} @@ ${tsquery(search.anyWeight)}`;
  const emailHit = search.emailPrefix
    ? sql`exists (select 1 from ${contactEmails} where ${contactEmails.workspaceId} = ${contacts.workspaceId} and ${contactEmails.contactId} = ${contacts.id} and ${contactEmails.email} like ${search.emailPrefix})`
    : sql`false`;
  // Without the interests (weight C) when they may not count: see the module comment.
  const textRank = sql`ts_rank(case when access.interests_count then ${contacts.search} else ts_filter(${contacts.search}, '{a,b}'::"char"[]) end, ${tsquery(search.anyWeight)})`;
  const rank = search.emailPrefix
    ? sql`greatest(${textRank}, case when ${emailHit} then ${EMAIL_MATCH_RANK}::real else 0 end)`
    : textRank;
  return sql`
    select ${contacts.id} as "id", ${contacts.firstName} as "firstName",
      ${contacts.lastName} as "lastName", ${contacts.title} as "title",
      ${contacts.emails}[1] as "primaryEmail",
      (select string_agg(distinct ${accounts.name}, ', ' order by ${accounts.name})
        from ${contactAffiliations} join ${accounts} on ${affiliatedAccount}
        where ${ofContact} and ${current} and ${accounts.archivedAt} is null) as "accountNames",
      ${rank} as "rank"
    from ${contacts}
    -- Whether interests may count: no term matches one (the usual case, decided in memory),
    -- or the actor may see them. OFFSET 0 keeps it from being inlined into each reader.
    cross join lateral (
      select case when ${contacts.search} @@ ${tsquery(search.inInterests)}
        then ${interestsVisibleTo(ctx, ofContact, current)} else true end as interests_count
      offset 0
    ) as access
    where ${contacts.workspaceId} = ${ctx.workspaceId}
      and ${contacts.archivedAt} is null
      and ${search.emailPrefix ? sql`${contacts.id} in (${candidateIds(ctx, search)})` : matches}
      -- Emails are not personal memory: an email hit is shown to everyone.
      and (access.interests_count or ${emailHit}
        or ${contacts.search} @@ ${tsquery(search.withoutInterests)})
    order by "rank" desc, ${contacts.firstName}, ${contacts.lastName}, ${contacts.id}
    limit ${limit}`;
}

/**
 * Text matches and email-prefix matches as one id list: a union of two indexed lookups
 * (GIN on contacts.search, the contact_emails primary key), where an OR in the WHERE would
 * read every contact of the workspace.
 */
function candidateIds(ctx: Ctx, search: PreparedSearch): SQL {
  return sql`
    select candidate.id from ${contacts} as candidate
    where candidate.workspace_id = ${ctx.workspaceId}
      and candidate.search @@ ${tsquery(search.anyWeight)}
    union
    select ${contactEmails.contactId} from ${contactEmails}
    where ${contactEmails.workspaceId} = ${ctx.workspaceId}
      and ${contactEmails.email} like ${search.emailPrefix}`;
}

/**
 * The SQL twin of the contacts domain's mayReadMemory, evaluated per row so a search stays
 * one query: managers and above always; members when they own or are on the team of an
 * account the contact is currently affiliated with, or when the contact has no current
 * affiliation (no team to keep it for); viewers never.
 */
function interestsVisibleTo(ctx: Ctx, ofContact: SQL, current: SQL): SQL {
  const { role, memberId } = ctx.actor;
  if (hasRole(role, "manager")) return sql`true`;
  if (role !== "member" || !memberId) return sql`false`;
  // The member's accounts do not depend on the row: PostgreSQL hashes them once per query.
  // account_team_members is not exported by the accounts domain, so its columns are named.
  const myAccounts = sql`
    select owned.id from ${accounts} as owned
    where owned.workspace_id = ${ctx.workspaceId} and owned.owner_id = ${memberId}
    union all
    select team.account_id from account_team_members as team
    where team.workspace_id = ${ctx.workspaceId} and team.member_id = ${memberId}
      and team.ended_at is null`;
  // No current affiliation: bool_or of no rows is null, and such a contact is everyone's.
  return sql`coalesce((
    select bool_or(${contactAffiliations.accountId} in (${myAccounts}))
    from ${contactAffiliations} where ${ofContact} and ${current}), true)`;
}
