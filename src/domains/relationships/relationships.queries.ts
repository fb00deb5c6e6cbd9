/**
 * The relationship map of an account (P8, P9): both sides of the relationship in one read.
 * A fixed number of queries whatever the size of the account: the account and our team
 * (listAccountTeam), then every affiliation joined with its contact. The rules applied to
 * them live in relationships.rules, pure.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/http/context";
import { listAccountTeam, type TeamEntry } from "../accounts";
import { contactAffiliations, contactLevels, contacts } from "../contacts";
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

/**
 * Who met whom, from logged interactions: the second source of coverage. Interactions do
 * not exist yet; when they do, this returns one link (source "interaction") per member
 * and current contact who met within the cadence window, in one query for the account.
 */
async function coverageFromInteractions(
  _ctx: Ctx,
  _accountId: string,
  _contactIds: readonly string[],
): Promise<CoverageLink[]> {
  return [];
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
    coverage: [...coverageByTeamRole(current, team), ...met],
    // Flags see every affiliation: someone current in two roles counts in both.
    flags: relationshipFlags({ affiliations, team, today }),
  };
}
