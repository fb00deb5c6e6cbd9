/**
 * The firm's own people: who is on the roster (an owner, an admin, managers, members and a
 * viewer), their names, and who leads which account and serves on its team. The busy member
 * leads the most accounts; the story's first drifters go to the owner and the busy member,
 * so whoever opens the demo sees the trouble on their own Today.
 */
import type { Role } from "../../platform/auth/auth.schema";
import type { AccountPlan } from "./demo.firm";
import { addDays, allocate, type Random } from "./demo.random";
import type { Arc } from "./demo.story";

export type MemberPlan = {
  index: number;
  role: Role;
  firstName: string;
  lastName: string;
  /** The part before the @: the domain is settled when the rows are written. */
  localPart: string;
  joinedAt: Date;
  /** Share of the accounts this member leads. */
  leadShare: number;
};

export type TeamRolePlan = "lead" | "delivery" | "executive_sponsor" | "support" | "after_hours";

/** A first and last name of plain letters (faker's "Lesch-Pouros" makes an odd email). */
export function personName(rng: Random): { firstName: string; lastName: string } {
  const plain = (draw: () => string) => {
    for (;;) {
      const name = draw();
      if (/^[A-Z][a-z]+$/.test(name)) return name;
    }
  };
  return {
    firstName: plain(() => rng.faker.person.firstName()),
    lastName: plain(() => rng.faker.person.lastName()),
  };
}

function rosterOf(count: number): Role[] {
  const managers = count >= 8 ? 2 : 1;
  const memberCount = count - 3 - managers;
  return [
    "owner",
    "admin",
    ...Array.from({ length: managers }, () => "manager" as const),
    ...Array.from({ length: memberCount }, () => "member" as const),
    "viewer",
  ];
}

export function planMembers(rng: Random, count: number, start: Date, now: Date): MemberPlan[] {
  const roster = rosterOf(count);
  const busyIndex = roster.indexOf("member");
  const others = roster.filter((r) => r === "member").length - 1;
  const used = new Set<string>();
  return roster.map((role, index) => {
    let { firstName, lastName } = personName(rng);
    while (used.has(`${firstName} ${lastName}`)) ({ firstName, lastName } = personName(rng));
    used.add(`${firstName} ${lastName}`);
    const share =
      role === "owner"
        ? 0.14
        : role === "admin"
          ? 0.03
          : role === "manager"
            ? 0.1
            : role === "viewer"
              ? 0
              : index === busyIndex
                ? 0.26
                : Math.min(0.2, (1 - 0.14 - 0.03 - 0.26 - 0.1 * 2) / Math.max(1, others));
    // The viewer (who serves no account) joined lately; the others founded the workspace.
    const joinedAt =
      role === "viewer"
        ? addDays(now, -rng.int(60, 200))
        : new Date(start.getTime() + index * 60_000);
    return {
      index,
      role,
      firstName,
      lastName,
      localPart: `${firstName}.${lastName}`.toLowerCase(),
      joinedAt,
      leadShare: share,
    };
  });
}

/** Deals accounts to leads by their shares; the story's drifters go to the owner and the busy member first. */
export function dealLeads(
  rng: Random,
  accounts: { arc: Arc }[],
  members: MemberPlan[],
  busyIndex: number,
): number[] {
  const quotas = allocate(
    accounts.length,
    members.map((m) => m.leadShare),
  );
  const leads = new Array<number>(accounts.length).fill(busyIndex);
  const order = rng.sample(
    accounts.map((_, i) => i),
    accounts.length,
  );
  const drifting = order.filter((i) => accounts[i]?.arc === "drifting");
  const take = (member: number, i: number) => {
    leads[i] = member;
    quotas[member] = (quotas[member] ?? 0) - 1;
  };
  const dealt = new Set<number>();
  drifting.forEach((i, k) => {
    if (k < 4) {
      take(k % 2 === 0 ? 0 : busyIndex, i);
      dealt.add(i);
    }
  });
  for (const i of order) {
    if (dealt.has(i)) continue;
    const member = quotas.findIndex((q) => q > 0);
    take(member === -1 ? busyIndex : member, i);
  }
  // The busy member leads strictly the most (small firms can tie): hand them one more.
  const led = (member: number) => leads.filter((lead) => lead === member).length;
  for (;;) {
    const rival = members.find((m) => m.index !== busyIndex && led(m.index) >= led(busyIndex));
    const moved = rival && order.find((i) => leads[i] === rival.index && !dealt.has(i));
    if (moved === undefined || !rival) break;
    leads[moved] = busyIndex;
  }
  return leads;
}

export function planTeam(
  rng: Random,
  members: MemberPlan[],
  leadIndex: number,
  tier: string | null,
  arc: Arc,
  serviceHours: string,
): AccountPlan["team"] {
  const team: AccountPlan["team"] = [{ memberIndex: leadIndex, role: "lead" }];
  const free = (candidates: MemberPlan[]) =>
    candidates.filter((m) => !team.some((t) => t.memberIndex === m.index));
  const seniors = free(members.filter((m) => ["owner", "manager", "admin"].includes(m.role)));
  const sponsorChance = tier === "key" ? 0.9 : tier === "growth" ? 0.5 : 0.1;
  // Drifting accounts are often the ones nobody senior held: part of why they drift.
  if (seniors.length > 0 && rng.chance(arc === "drifting" ? sponsorChance * 0.4 : sponsorChance)) {
    team.push({ memberIndex: rng.pick(seniors).index, role: "executive_sponsor" });
  }
  const doers = () => free(members.filter((m) => m.role === "member" || m.role === "manager"));
  if (doers().length > 0 && rng.chance(tier === "standard" ? 0.5 : 0.8)) {
    team.push({ memberIndex: rng.pick(doers()).index, role: "delivery" });
  }
  if (doers().length > 0 && rng.chance(0.3)) {
    team.push({ memberIndex: rng.pick(doers()).index, role: "support" });
  }
  if (serviceHours === "24x7" && doers().length > 0) {
    team.push({ memberIndex: rng.pick(doers()).index, role: "after_hours" });
  }
  return team;
}
