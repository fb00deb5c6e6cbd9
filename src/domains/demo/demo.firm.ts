/**
 * The plan of a firm before any row is written: its size per profile, its people and
 * their roles, and one small record per account (name, tier, segment, status, who leads
 * it, its story arc and how many contacts, touches and answers it gets). Planning all
 * accounts first lets the exact totals of the bulk profiles be split by weight, while the
 * heavy rows (touches, answers) are built later, a chunk of accounts at a time.
 */
import { newId } from "../../platform/db/columns";
import type { AccountStatus } from "../accounts";
import {
  dealLeads,
  type MemberPlan,
  personName,
  planMembers,
  planTeam,
  type TeamRolePlan,
} from "./demo.members";
import { addDays, allocate, DAY_MS, type Random, slugOf } from "./demo.random";
import { type Arc, chooseArcs, type Drift, planDrift } from "./demo.story";
import { fillText } from "./demo.text";
import type { DemoProfile, GenerateFirmOptions } from "./demo.types";
import * as words from "./demo.words";

export type ProfileSize = {
  accounts: number;
  contacts: number;
  interactions: number;
  answers: number;
  members: number;
};

export const DEMO_DEFAULT_ACCOUNTS = 40;
export const DEMO_MIN_ACCOUNTS = 5;
export const DEMO_MAX_ACCOUNTS = 2_000;
/** Two years of history end at `now`. */
export const HISTORY_DAYS = 730;

const bulkSizes: Record<Exclude<DemoProfile, "demo">, ProfileSize> = {
  tiny: { accounts: 20, contacts: 100, interactions: 1_000, answers: 100, members: 6 },
  firm: { accounts: 500, contacts: 3_000, interactions: 50_000, answers: 5_000, members: 12 },
  large: {
    accounts: 10_000,
    contacts: 100_000,
    interactions: 1_000_000,
    answers: 100_000,
    members: 12,
  },
};

export function sizeOf(options: Pick<GenerateFirmOptions, "profile" | "accounts">): ProfileSize {
  if (options.profile !== "demo") return bulkSizes[options.profile];
  const accounts = options.accounts ?? DEMO_DEFAULT_ACCOUNTS;
  return {
    accounts,
    contacts: accounts * 5,
    interactions: accounts * 55,
    answers: accounts * 8,
    members: Math.min(12, Math.max(6, 6 + Math.round(accounts / 15))),
  };
}

export type AccountPlan = {
  index: number;
  id: string;
  name: string;
  domain: string;
  tier: string | null;
  segment: words.Segment;
  status: AccountStatus;
  statusHistory: { status: AccountStatus; changedAt: string }[];
  createdAt: Date;
  /** Touches stop here: now, or the day a former client left. */
  endAt: Date;
  arc: Arc;
  drift: Drift | null;
  leadIndex: number;
  team: { memberIndex: number; role: TeamRolePlan }[];
  serviceHours: "business_hours" | "24x7";
  /** Led by the owner or the busy member: gets what makes their Today full. */
  featured: boolean;
  counts: { contacts: number; interactions: number; answers: number };
};

export type FirmPlan = {
  firmName: string;
  members: MemberPlan[];
  busyIndex: number;
  accounts: AccountPlan[];
  /** The first day of the history. */
  start: Date;
  now: Date;
};

const statusWeights: readonly (readonly [AccountStatus, number])[] = [
  ["active", 72],
  ["prospect", 10],
  ["onboarding", 5],
  ["former", 6],
  ["paused", 4],
  ["exiting", 3],
];

function uniqueName(rng: Random, segment: words.Segment, used: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    let name = fillText(rng.pick(segment.names), {
      last: personName(rng).lastName,
      city: rng.pick(words.cities),
      noun: rng.pick(words.nameWords),
    });
    if (attempt >= 10) name = `${name} ${rng.pick(words.nameQualifiers)}`;
    if (attempt >= 30) name = `${name} ${attempt}`;
    const slug = slugOf(name);
    if (slug && !used.has(slug)) {
      used.add(slug);
      return name;
    }
  }
}

function historyOf(
  rng: Random,
  status: AccountStatus,
  start: Date,
  now: Date,
): { createdAt: Date; history: { status: AccountStatus; at: Date }[]; endAt: Date } {
  const book = addDays(start, rng.int(1, 20));
  // The existing book were clients long before Rapport: partnership anniversaries spread.
  const clientSince = addDays(start, -rng.int(60, 2_500));
  const days = (from: number, to: number) => addDays(now, -rng.int(from, to));
  switch (status) {
    case "prospect": {
      const createdAt = days(20, 200);
      return { createdAt, history: [{ status, at: createdAt }], endAt: now };
    }
    case "onboarding": {
      const createdAt = days(45, 100);
      const onboarding = addDays(createdAt, rng.int(20, 35));
      return {
        createdAt,
        history: [
          { status: "prospect", at: createdAt },
          { status: "onboarding", at: onboarding },
        ],
        endAt: now,
      };
    }
    case "former": {
      const churn = days(60, 480);
      return {
        createdAt: book,
        history: [
          { status: "active", at: clientSince },
          { status: "exiting", at: addDays(churn, -rng.int(30, 75)) },
          { status: "former", at: churn },
        ],
        endAt: churn,
      };
    }
    case "paused":
    case "exiting":
      return {
        createdAt: book,
        history: [
          { status: "active", at: clientSince },
          { status, at: days(15, 110) },
        ],
        endAt: now,
      };
    default: {
      if (!rng.chance(0.2)) {
        return { createdAt: book, history: [{ status, at: clientSince }], endAt: now };
      }
      // Won during the two years: a prospect first, onboarded, then a client.
      const createdAt = addDays(start, rng.int(60, HISTORY_DAYS - 200));
      const onboarding = addDays(createdAt, rng.int(25, 50));
      return {
        createdAt,
        history: [
          { status: "prospect", at: createdAt },
          { status: "onboarding", at: onboarding },
          { status: "active", at: addDays(onboarding, rng.int(30, 60)) },
        ],
        endAt: now,
      };
    }
  }
}

export function planFirm(
  rng: Random,
  options: GenerateFirmOptions & { now: Date },
  size: ProfileSize,
): FirmPlan {
  const now = options.now;
  const start = new Date(now.getTime() - HISTORY_DAYS * DAY_MS);
  const firmName = `${personName(rng).lastName} ${rng.pick(words.firmSuffixes)}`;
  const members = planMembers(rng, size.members, start, now);
  const busyIndex = members.findIndex((m) => m.role === "member");

  const statusCounts = allocate(
    size.accounts,
    statusWeights.map(([, w]) => w),
  );
  const statuses = rng.sample(
    statusWeights.flatMap(([status], k) =>
      Array.from({ length: statusCounts[k] ?? 0 }, () => status),
    ),
    size.accounts,
  );
  const usedNames = new Set<string>();
  const drafts = statuses.map((status, index) => {
    const segment = rng.pick(words.segments);
    const name = uniqueName(rng, segment, usedNames);
    const tier =
      status === "prospect"
        ? rng.chance(0.5)
          ? null
          : "standard"
        : rng.weighted([
            ["key", 18],
            ["growth", 32],
            ["standard", 50],
          ] as const);
    const { createdAt, history, endAt } = historyOf(rng, status, start, now);
    return { index, status, segment, name, tier, createdAt, history, endAt };
  });
  const arcs = chooseArcs(rng, drafts);
  const leads = dealLeads(
    rng,
    arcs.map((arc) => ({ arc })),
    members,
    busyIndex,
  );

  const years = (d: (typeof drafts)[number]) =>
    Math.max(0.1, (d.endAt.getTime() - d.createdAt.getTime()) / (365 * DAY_MS));
  const tierWeight = (tier: string | null) =>
    tier === "key" ? 3 : tier === "growth" ? 1.6 : tier === "standard" ? 0.8 : 0.6;
  const contactCounts = allocate(
    size.contacts,
    drafts.map((d) => (d.status === "prospect" ? 0.5 : tierWeight(d.tier) * 0.5 + 0.6)),
    2,
  );
  const touchCounts = allocate(
    size.interactions,
    drafts.map(
      (d) =>
        (d.status === "prospect" ? 1.4 : tierWeight(d.tier)) *
        years(d) *
        (d.status === "paused" ? 0.5 : 1),
    ),
    4,
  );
  const answerCounts = allocate(
    size.answers,
    drafts.map((d, i) =>
      d.status === "prospect" || d.status === "onboarding"
        ? 0
        : tierWeight(d.tier) * years(d) * (arcs[i] === "drifting" ? 1.2 : 1),
    ),
  );
  // A falling trend needs a few answers before and during the drift: drifters short of six
  // take them from the accounts with the most (the total stays exact).
  const donors = answerCounts
    .map((n, i) => ({ i, n }))
    .filter(({ i }) => arcs[i] !== "drifting")
    .sort((a, b) => b.n - a.n || a.i - b.i);
  let donor = 0;
  for (const [i, arc] of arcs.entries()) {
    while (arc === "drifting" && (answerCounts[i] ?? 0) < 6 && donors.length > 0) {
      const from = donors[donor % donors.length] as { i: number };
      donor += 1;
      if ((answerCounts[from.i] ?? 0) <= 6) break;
      answerCounts[from.i] = (answerCounts[from.i] ?? 0) - 1;
      answerCounts[i] = (answerCounts[i] ?? 0) + 1;
    }
  }

  const accounts: AccountPlan[] = drafts.map((d, i) => {
    const arc = arcs[i] ?? "steady";
    const leadIndex = leads[i] ?? busyIndex;
    const serviceHours = d.tier !== "standard" && rng.chance(0.25) ? "24x7" : "business_hours";
    return {
      index: d.index,
      id: newId(),
      name: d.name,
      domain: `${slugOf(d.name)}.example`,
      tier: d.tier,
      segment: d.segment,
      status: d.status,
      statusHistory: d.history.map((h) => ({ status: h.status, changedAt: h.at.toISOString() })),
      createdAt: d.createdAt,
      endAt: d.endAt,
      arc,
      drift: arc === "drifting" ? planDrift(rng, now, i === arcs.indexOf("drifting")) : null,
      leadIndex,
      team: planTeam(rng, members, leadIndex, d.tier, arc, serviceHours),
      serviceHours,
      featured: leadIndex === 0 || leadIndex === busyIndex,
      counts: {
        contacts: contactCounts[i] ?? 2,
        interactions: touchCounts[i] ?? 4,
        answers: answerCounts[i] ?? 0,
      },
    };
  });
  return { firmName, members, busyIndex, accounts, start, now };
}

/** Background, aspirations and tags of an account, in the firm's words. */
export function describeAccount(rng: Random, plan: AccountPlan, size: number) {
  const slots = {
    segment: plan.segment.name,
    size: String(size),
    topic: rng.pick(plan.segment.topics),
  };
  return {
    background: fillText(rng.pick(words.backgrounds), slots),
    aspirations: fillText(rng.pick(words.aspirations), slots),
    tags: [
      ...rng.sample(words.tags, rng.int(0, 2)),
      ...(plan.arc === "growing" ? ["expansion"] : []),
      ...(plan.serviceHours === "24x7" ? ["24x7"] : []),
    ],
  };
}
