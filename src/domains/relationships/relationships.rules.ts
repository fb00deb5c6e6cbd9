/**
 * The rules of the relationship map (P8, P9) as pure functions of the account's
 * affiliations, our team and today's date: who is current, who covers whom by team role,
 * and the flags that say a relationship hangs on too few people. Pure so the health score
 * can reuse the flags and tests can check each rule without a database.
 */
import type { TeamEntry } from "../accounts";
import type { ContactLevel, RelationshipRole } from "../contacts";

/** One affiliation of a contact with the account, with the contact's name and level. */
export type MapAffiliation = {
  affiliationId: string;
  contactId: string;
  name: string;
  title: string | null;
  level: ContactLevel | null;
  role: RelationshipRole | null;
  authority: string | null;
  responsibility: string | null;
  accountability: string | null;
  startedOn: string | null;
  endedOn: string | null;
};

export type MapTeamMember = Pick<TeamEntry, "memberId" | "name" | "role" | "isOwner">;

export const relationshipFlagCodes = [
  "single_threaded",
  "no_executive_sponsor",
  "champion_left",
  "no_decision_maker",
] as const;
export type RelationshipFlagCode = (typeof relationshipFlagCodes)[number];
export type RelationshipFlag = { code: RelationshipFlagCode; reason: string };

export const coverageSources = ["team_role", "interaction"] as const;
export type CoverageLink = {
  memberId: string;
  contactId: string;
  source: (typeof coverageSources)[number];
};

/** Levels above operational: the people a relationship must reach beyond day-to-day work. */
const SENIOR_LEVELS: readonly (ContactLevel | null)[] = ["executive", "management"];

/** Current while it has not ended, or ends later than today (an announced departure). */
export function isCurrent(a: Pick<MapAffiliation, "endedOn">, today: string): boolean {
  return a.endedOn === null || a.endedOn > today;
}

const isSenior = (a: MapAffiliation) => SENIOR_LEVELS.includes(a.level);

/** "Ada Okafor", "Ada Okafor and Bram Lindqvist", "Ada, Bram, Chloé and 2 more". */
function namesOf(names: string[], max = 3): string {
  if (names.length <= 1) return names[0] ?? "";
  if (names.length <= max) return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The most recent departure among the given ended affiliations. */
function latestEnded(list: MapAffiliation[]): MapAffiliation | undefined {
  return [...list].sort((a, b) => (b.endedOn ?? "").localeCompare(a.endedOn ?? ""))[0];
}

/** Ended affiliations of people with no current affiliation left: those who left the client. */
export function departures(affiliations: MapAffiliation[], today: string): MapAffiliation[] {
  const stillHere = new Set(
    affiliations.filter((a) => isCurrent(a, today)).map((a) => a.contactId),
  );
  return affiliations.filter((a) => !isCurrent(a, today) && !stillHere.has(a.contactId));
}

/**
 * The flags, in a fixed order, each with a reason that names people and numbers so a
 * reader knows what to do without opening anything else.
 */
export function relationshipFlags(input: {
  affiliations: MapAffiliation[];
  team: MapTeamMember[];
  today: string;
}): RelationshipFlag[] {
  const { affiliations, team, today } = input;
  const current = affiliations.filter((a) => isCurrent(a, today));
  const ended = affiliations.filter((a) => !isCurrent(a, today));
  const left = departures(affiliations, today);
  const flags: RelationshipFlag[] = [];

  // single_threaded: fewer than two people, or nobody above operational level.
  const nameOf = new Map(current.map((a) => [a.contactId, a.name]));
  const people = [...nameOf.keys()];
  const currentNames = namesOf([...nameOf.values()]);
  const seniors = current.filter(isSenior);
  if (people.length < 2 || seniors.length === 0) {
    const parts: string[] = [];
    if (people.length === 0) parts.push("No one at the client is a current contact.");
    else if (people.length === 1) {
      const lone = seniors.length === 0 ? " and is not above operational level" : "";
      parts.push(`${currentNames} is the only current contact${lone}.`);
    } else {
      parts.push(
        `None of the ${people.length} current contacts (${currentNames}) is above operational level.`,
      );
    }
    const seniorLeaver = seniors.length === 0 ? latestEnded(left.filter(isSenior)) : undefined;
    if (seniorLeaver) {
      parts.push(
        `${seniorLeaver.name} (${seniorLeaver.level}) left on ${seniorLeaver.endedOn} and was the last senior contact.`,
      );
    }
    flags.push({ code: "single_threaded", reason: parts.join(" ") });
  }

  // no_executive_sponsor: nobody on our side holds the relationship at the top.
  if (!team.some((m) => m.role === "executive_sponsor")) {
    const who = namesOf(
      team.map((m) => `${m.name} (${m.role.replaceAll("_", " ")})`),
      5,
    );
    flags.push({
      code: "no_executive_sponsor",
      reason: `No one on our team is the executive sponsor; the team of ${plural(team.length, "member")} is ${who || "empty"}.`,
    });
  }

  // champion_left: a champion went and no one has taken their place.
  const champions = current.filter((a) => a.role === "champion");
  const formerChampions = ended.filter((a) => a.role === "champion");
  const lastChampion = latestEnded(formerChampions);
  if (champions.length === 0 && lastChampion) {
    const others =
      formerChampions.length > 1 ? ` (${plural(formerChampions.length, "champion")} ended)` : "";
    flags.push({
      code: "champion_left",
      reason: `Champion ${lastChampion.name} left on ${lastChampion.endedOn} and no current contact is a champion${others}.`,
    });
  }

  // no_decision_maker: nobody current who can say yes.
  if (!current.some((a) => a.role === "decision_maker")) {
    const lastDecider = latestEnded(ended.filter((a) => a.role === "decision_maker"));
    const since = lastDecider
      ? ` The last one, ${lastDecider.name}, left on ${lastDecider.endedOn}.`
      : "";
    flags.push({
      code: "no_decision_maker",
      reason: `${
        people.length === 0
          ? "There is no current contact, so no decision maker."
          : people.length === 1
            ? `${currentNames}, the only current contact, is not a decision maker.`
            : `None of the ${people.length} current contacts (${currentNames}) is a decision maker.`
      }${since}`,
    });
  }
  return flags;
}

/**
 * Who covers whom by team role, until interactions say who actually met whom:
 * - the executive sponsor covers executive-level contacts;
 * - the lead and the account's owner cover management-level contacts, every decision
 *   maker, and contacts whose level is not known yet (someone must hold them);
 * - delivery and support cover operational contacts;
 * - after-hours members cover no one by role: they are the escalation path.
 */
export function coverageByTeamRole(
  current: MapAffiliation[],
  team: MapTeamMember[],
): CoverageLink[] {
  const links = new Map<string, CoverageLink>();
  const cover = (memberId: string, contactId: string) =>
    links.set(`${memberId}:${contactId}`, { memberId, contactId, source: "team_role" });
  for (const a of current) {
    for (const m of team) {
      const leads = m.role === "lead" || m.isOwner;
      if (a.level === "executive" && m.role === "executive_sponsor") cover(m.memberId, a.contactId);
      if (leads && (a.level === "management" || a.level === null || a.role === "decision_maker")) {
        cover(m.memberId, a.contactId);
      }
      if (a.level === "operational" && (m.role === "delivery" || m.role === "support")) {
        cover(m.memberId, a.contactId);
      }
    }
  }
  return [...links.values()];
}
