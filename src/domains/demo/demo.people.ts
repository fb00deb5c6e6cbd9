/**
 * The rows of one account and the people around it: the account itself, our team on it,
 * the client's contacts at several levels (with personal memory and important dates) and
 * their affiliations over time, and what the client needs. Pure builders: the caller
 * inserts the rows. A drifting account loses its champion (and maybe its decision maker);
 * some healthy ones replaced a champion long ago, so history has departures that healed.
 */
import { newId } from "../../platform/db/columns";
import type { accounts, accountTeamMembers } from "../accounts";
import type {
  ContactLevel,
  contactAffiliations,
  contactEmails,
  contacts,
  RelationshipRole,
} from "../contacts";
import type { needs } from "../needs";
import { type AccountPlan, describeAccount } from "./demo.firm";
import { personName } from "./demo.members";
import { addDays, DAY_MS, isoDay, type Random, slugOf } from "./demo.random";
import { fillText } from "./demo.text";
import * as words from "./demo.words";

export type ContactPlan = {
  id: string;
  firstName: string;
  name: string;
  level: ContactLevel;
  role: RelationshipRole;
  /** When we first met them (the contact row's creation). */
  metAt: Date;
  /** ISO day they left the account, if they did. */
  leftOn: string | null;
};

export type NeedPlan = { id: string; title: string; learnedAt: Date };

export type PeopleRows = {
  account: typeof accounts.$inferInsert;
  team: (typeof accountTeamMembers.$inferInsert)[];
  contacts: (typeof contacts.$inferInsert)[];
  emails: (typeof contactEmails.$inferInsert)[];
  affiliations: (typeof contactAffiliations.$inferInsert)[];
  needs: (typeof needs.$inferInsert)[];
};

export type BuildScope = {
  workspaceId: string;
  now: Date;
  memberIds: string[];
  /** Emails given out so far: one live contact per email. */
  usedEmails: Set<string>;
  /** Birthdays placed in the coming week per lead, so Today shows a few, not dozens. */
  birthdaysByLead: Map<number, number>;
};

const positions: readonly { level: ContactLevel; role: RelationshipRole }[] = [
  { level: "executive", role: "decision_maker" },
  { level: "management", role: "champion" },
  { level: "management", role: "influencer" },
  { level: "operational", role: "technical" },
  { level: "operational", role: "user" },
  { level: "management", role: "procurement" },
  { level: "operational", role: "billing" },
];

const responsibilities: Partial<Record<RelationshipRole, string>> = {
  decision_maker: "Signs the contract and the budget",
  champion: "Our sponsor inside the client",
  procurement: "Runs the tender and the renewal",
  technical: "Owns the systems we look after",
};

function emailOf(scope: BuildScope, first: string, last: string, domain: string): string {
  const base = `${slugOf(first).replace(/-/g, "")}.${slugOf(last).replace(/-/g, "")}`;
  for (let n = 1; ; n++) {
    const email = `${n === 1 ? base : `${base}${n}`}@${domain}`;
    if (!scope.usedEmails.has(email)) {
      scope.usedEmails.add(email);
      return email;
    }
  }
}

/** A yearly date without 29 February (a birthday we could not place three years in four). */
function yearlyDay(rng: Random): { month: number; day: number } {
  const month = rng.int(1, 12);
  return { month, day: rng.int(1, month === 2 ? 28 : [4, 6, 9, 11].includes(month) ? 30 : 31) };
}

function personalMemory(rng: Random, plan: AccountPlan, now: Date) {
  const slots = { segment: plan.segment.name, topic: rng.pick(plan.segment.topics) };
  const family = rng.chance(0.5)
    ? [
        { name: personName(rng).firstName, relation: rng.pick(["partner", "wife", "husband"]) },
        ...Array.from({ length: rng.int(0, 2) }, () => ({
          name: personName(rng).firstName,
          relation: rng.pick(["daughter", "son"]),
          ...(rng.chance(0.5) ? { notes: rng.pick(words.familyNotes) } : {}),
        })),
      ]
    : [];
  const importantDates: NonNullable<(typeof contacts.$inferInsert)["importantDates"]> = [];
  if (rng.chance(0.7)) {
    const year = rng.chance(0.5) ? now.getUTCFullYear() - rng.int(28, 62) : undefined;
    importantDates.push({
      kind: "birthday",
      ...yearlyDay(rng),
      ...(year ? { year } : {}),
      remind: true,
    });
  }
  if (rng.chance(0.08)) {
    importantDates.push({
      kind: "custom",
      label: rng.pick(words.customDates),
      ...yearlyDay(rng),
      remind: true,
    });
  }
  return {
    interests: rng.sample(
      words.interests,
      rng.weighted([
        [0, 3],
        [1, 3],
        [2, 3],
        [3, 1],
      ] as const),
    ),
    family,
    howWeMet: rng.chance(0.5) ? fillText(rng.pick(words.howWeMet), slots) : null,
    notes: rng.chance(0.45) ? rng.pick(words.contactNotes) : null,
    importantDates,
  };
}

export function buildPeople(
  rng: Random,
  scope: BuildScope,
  plan: AccountPlan,
): { rows: PeopleRows; contacts: ContactPlan[]; needs: NeedPlan[] } {
  const { workspaceId, now } = scope;
  const life = Math.max(DAY_MS, plan.endAt.getTime() - plan.createdAt.getTime());
  const size = rng.weighted([
    [rng.int(20, 90), 3],
    [rng.int(100, 900), 4],
    [rng.int(1_000, 12_000), 2],
  ] as const);
  const lastStatusAt = plan.statusHistory.at(-1)?.changedAt ?? plan.createdAt.toISOString();
  const account: typeof accounts.$inferInsert = {
    workspaceId,
    id: plan.id,
    name: plan.name,
    domain: plan.domain,
    status: plan.status,
    statusHistory: plan.statusHistory,
    tier: plan.tier,
    segment: plan.segment.name,
    serviceCoverage: plan.status === "prospect" ? null : rng.chance(0.8) ? "managed" : "unmanaged",
    serviceHours: plan.status === "prospect" ? null : plan.serviceHours,
    ownerId: scope.memberIds[plan.leadIndex] as string,
    size,
    ...describeAccount(rng, plan, size),
    milestones:
      plan.status === "prospect"
        ? []
        : [
            ...rng.sample(words.milestones, rng.int(1, 2)),
            ...(plan.serviceHours === "24x7" ? [words.milestone24x7] : []),
          ].map((title, k) => ({
            on: isoDay(new Date(plan.createdAt.getTime() + (life * (k + 1)) / 3)),
            title,
          })),
    createdAt: plan.createdAt,
    // The existing book's first status predates Rapport: the row changed no earlier than it was added.
    updatedAt: new Date(Math.max(plan.createdAt.getTime(), Date.parse(lastStatusAt))),
  };
  const team = plan.team.map((t) => ({
    workspaceId,
    accountId: plan.id,
    memberId: scope.memberIds[t.memberIndex] as string,
    role: t.role,
    responsibility: t.role === "lead" ? "Account lead" : null,
    createdAt: plan.createdAt,
    updatedAt: plan.createdAt,
  }));

  const people: ContactPlan[] = [];
  const rows: PeopleRows = { account, team, contacts: [], emails: [], affiliations: [], needs: [] };
  // Some healthy clients lost a champion long ago and named a new one (the last contact).
  const replaced =
    plan.arc !== "drifting" && plan.counts.contacts >= 4 && life > 400 * DAY_MS && rng.chance(0.12);
  for (let k = 0; k < plan.counts.contacts; k++) {
    const position = positions[k] ?? {
      level: rng.pick(["management", "operational", "operational"] as const),
      role: rng.pick(["user", "technical", "influencer"] as const),
    };
    let role = position.role;
    let metAt =
      k < 2
        ? addDays(plan.createdAt, rng.int(0, 10))
        : new Date(plan.createdAt.getTime() + rng.float(0, 0.6) * life);
    let leftOn: string | null = null;
    if (replaced && k === 1) leftOn = isoDay(addDays(now, -rng.int(300, 450)));
    if (replaced && k === plan.counts.contacts - 1) {
      role = "champion";
      metAt = addDays(now, -rng.int(250, 290));
    }
    if (plan.drift && k === 1) leftOn = plan.drift.championLeavesOn;
    if (plan.drift && k === 0 && plan.counts.contacts >= 3) leftOn = plan.drift.deciderLeavesOn;
    if (metAt.getTime() > now.getTime()) metAt = addDays(now, -1);

    const { firstName, lastName } = personName(rng);
    const email = emailOf(scope, firstName, lastName, plan.domain);
    const id = newId();
    const memory = personalMemory(rng, plan, now);
    const leadCount = scope.birthdaysByLead.get(plan.leadIndex) ?? 0;
    if (plan.featured && !leftOn && leadCount < 3 && rng.chance(0.35)) {
      // A birthday in the coming week: Today's important dates for the people who lead it.
      const day = addDays(now, rng.int(0, 6));
      memory.importantDates = [
        { kind: "birthday", month: day.getUTCMonth() + 1, day: day.getUTCDate(), remind: true },
      ];
      scope.birthdaysByLead.set(plan.leadIndex, leadCount + 1);
    }
    rows.contacts.push({
      workspaceId,
      id,
      firstName,
      lastName,
      emails: [email],
      phones: rng.chance(0.8) ? [rng.faker.phone.number({ style: "international" })] : [],
      title: rng.pick(words.titles[position.level]),
      level: position.level,
      preferredChannel: rng.weighted([
        ["email", 40],
        ["phone", 25],
        ["video", 15],
        ["in_person", 10],
        ["chat", 5],
        ["text_message", 5],
      ] as const),
      ...memory,
      createdAt: metAt,
      updatedAt: metAt,
    });
    rows.emails.push({ workspaceId, email, contactId: id });
    rows.affiliations.push({
      workspaceId,
      contactId: id,
      accountId: plan.id,
      role,
      responsibility: responsibilities[role] ?? null,
      startedOn: isoDay(k < 2 || !replaced ? addDays(metAt, -rng.int(100, 2_500)) : metAt),
      endedOn: leftOn,
      createdAt: metAt,
      updatedAt: leftOn ? new Date(`${leftOn}T12:00:00Z`) : metAt,
    });
    people.push({
      id,
      firstName,
      name: `${firstName} ${lastName}`,
      level: position.level,
      role,
      metAt,
      leftOn,
    });
  }

  const needList: NeedPlan[] = [];
  const pool = rng.sample(
    [...plan.segment.needs, ...words.genericNeeds],
    plan.status === "prospect" ? rng.int(1, 2) : rng.int(1, 4),
  );
  if (plan.drift) pool.push({ kind: "challenge", title: "Response times on urgent tickets" });
  for (const [k, need] of pool.entries()) {
    const learnedAt =
      plan.drift && k === pool.length - 1
        ? addDays(plan.drift.start, rng.int(5, 30))
        : new Date(plan.createdAt.getTime() + rng.float(0, 0.8) * life);
    const status = rng.weighted([
      ["open", 65],
      ["addressed", plan.arc === "growing" ? 45 : 25],
      ["dropped", 10],
    ] as const);
    const changedAt =
      status === "open"
        ? null
        : new Date(Math.min(now.getTime(), addDays(learnedAt, rng.int(30, 200)).getTime()));
    const id = newId();
    const by = people[k % Math.max(1, people.length)]?.name ?? "the client";
    rows.needs.push({
      workspaceId,
      id,
      accountId: plan.id,
      kind: need.kind,
      title: need.title,
      detail: `Raised by ${by} during a review of ${rng.pick(plan.segment.topics)}.`,
      priority: rng.weighted([
        ["high", 30],
        ["medium", 50],
        ["low", 20],
      ] as const),
      status,
      learnedOn: isoDay(learnedAt),
      statusChangedAt: changedAt,
      createdAt: learnedAt,
      updatedAt: changedAt ?? learnedAt,
    });
    needList.push({ id, title: need.title, learnedAt });
  }
  return { rows, contacts: people, needs: needList };
}
