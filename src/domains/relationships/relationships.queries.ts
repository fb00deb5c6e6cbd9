/**
 * The relationship map of an account (P8, P9): both sides of the relationship in one read.
 * A fixed number of queries whatever the size of the account: the account and our team
 * (listAccountTeam), every affiliation joined with its contact, and who met whom in
 * interactions. The rules applied to them live in relationships.rules, pure.
 */
import { and, asc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/http/context";
import { listAccountTeam, type TeamEntry } from "../accounts";
import { contactAffiliations, contactLevels, contacts } from "../contacts";
import { interactionContacts, interactionMembers, interactions } from "../interactions";
import {
  type CoverageLink,
  coverageByTeamRole,
  departures,
  isCurrent,
  type MapAffiliation,
  type RelationshipFlag,
  relationshipFlags,
} from "./relationships.rules";

export const mapLevels = [...contactLevels, "unknown"] as const;
export type MapLevel = (typeof mapLevels)[number];

export type RelationshipMap = {
  accountId: string;
  /** The day "current" was judged on (UTC). */
  asOf: string;
  levels: { level: MapLevel; contacts: MapAffiliation[] }[];
  formerContacts: MapAffiliation[];
  team: TeamEntry[];
  coverage: CoverageLink[];
  flags: RelationshipFlag[];
};

/** Today as a date, in UTC (workspaces have no time zone yet). */
function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Every affiliation with the account, with its contact. Archived contacts are left out:
 * archiving is how a mistaken or merged record goes away, and a merge moves its
 * affiliations to the surviving contact first.
 */
async function listAffiliationsOf(ctx: Ctx, accountId: string): Promise<MapAffiliation[]> {
  return ctx.db
    .select({
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
        eq(contactAffiliations.accountId, accountId),
        isNull(contacts.archivedAt),
      ),
    )
    .orderBy(
      asc(sql`lower(${contacts.firstName} || ' ' || coalesce(${contacts.lastName}, ''))`),
      asc(contacts.id),
      asc(contactAffiliations.startedOn),
      asc(contactAffiliations.id),
    );
}

/** How far back a meeting still counts as covering someone: a year, one full cycle of reviews. */
export const MET_WITHIN_DAYS = 365;

/**
 * Who met whom, from logged interactions: the second source of coverage. One link (source
 * "interaction") per pair of a member and a contact who took part in the same completed,
 * non-archived interaction of the account in the last MET_WITHIN_DAYS, in one query. Only
 * pairs on the map are kept (the team and current contacts), so every link joins two nodes.
 */
async function coverageFromInteractions(
  ctx: Ctx,
  accountId: string,
  memberIds: readonly string[],
  contactIds: readonly string[],
): Promise<CoverageLink[]> {
  if (memberIds.length === 0 || contactIds.length === 0) return [];
  const since = new Date(ctx.now().getTime() - MET_WITHIN_DAYS * 86_400_000);
  const rows = await ctx.db
    .selectDistinct({
      memberId: interactionMembers.memberId,
      contactId: interactionContacts.contactId,
    })
    .from(interactions)
    .innerJoin(
      interactionMembers,
      and(
        eq(interactionMembers.workspaceId, interactions.workspaceId),
        eq(interactionMembers.interactionId, interactions.id),
      ),
    )
    .innerJoin(
      interactionContacts,
      and(
        eq(interactionContacts.workspaceId, interactions.workspaceId),
        eq(interactionContacts.interactionId, interactions.id),
      ),
    )
    .where(
      and(
        eq(interactions.workspaceId, ctx.workspaceId),
        eq(interactions.accountId, accountId),
        eq(interactions.state, "completed"),
        isNull(interactions.archivedAt),
        gte(interactions.occurredAt, since),
        inArray(interactionMembers.memberId, [...memberIds]),
        inArray(interactionContacts.contactId, [...contactIds]),
      ),
    );
  return rows.map((row) => ({ ...row, source: "interaction" as const }));
}

/** One link per pair: having met (a fact) stands in for coverage by team role (an assumption). */
function mergeCoverage(byRole: CoverageLink[], met: CoverageLink[]): CoverageLink[] {
  const links = new Map<string, CoverageLink>();
  for (const link of [...byRole, ...met]) links.set(`${link.memberId}:${link.contactId}`, link);
  return [...links.values()];
}

/** One entry per person: their most recently started current affiliation stands for them. */
function onePerContact(current: MapAffiliation[]): MapAffiliation[] {
  const byContact = new Map<string, MapAffiliation>();
  for (const a of current) {
    const seen = byContact.get(a.contactId);
    if (!seen || (a.startedOn ?? "") >= (seen.startedOn ?? "")) byContact.set(a.contactId, a);
  }
  return [...byContact.values()];
}

export async function getRelationshipMap(ctx: Ctx, accountId: string): Promise<RelationshipMap> {
  // Reads the account first: another workspace's account is a 404 before anything else.
  const team = await listAccountTeam(ctx, accountId);
  const affiliations = await listAffiliationsOf(ctx, accountId);
  const today = todayOf(ctx.now());
  const current = affiliations.filter((a) => isCurrent(a, today));
  const people = onePerContact(current);
  const byLevel = (level: MapLevel) => people.filter((a) => (a.level ?? "unknown") === level);
  const met = await coverageFromInteractions(
    ctx,
    accountId,
    team.map((m) => m.memberId),
    people.map((a) => a.contactId),
  );
  return {
    accountId,
    asOf: today,
    levels: mapLevels.map((level) => ({ level, contacts: byLevel(level) })),
    formerContacts: departures(affiliations, today).sort((a, b) =>
      (b.endedOn ?? "").localeCompare(a.endedOn ?? ""),
    ),
    team,
    coverage: mergeCoverage(coverageByTeamRole(current, team), met),
    // Flags see every affiliation: someone current in two roles counts in both.
    flags: relationshipFlags({ affiliations, team, today }),
  };
}
