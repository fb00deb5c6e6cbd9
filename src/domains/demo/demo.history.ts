/**
 * Two years of touches for one account: completed ones with kind, direction, times,
 * duration, participants (contacts at the account then, and our members), the needs
 * discussed and a summary whose tone follows the account's mood; a few cancelled ones;
 * and touches planned in the coming days (Today's and the week's meetings for the people
 * who lead the account). Tone scores are computed here with the tone domain's scorer, for
 * the touches health and alarms read: the last 180 days, and each account's latest ten.
 */
import { newId } from "../../platform/db/columns";
import type {
  interactionContacts,
  interactionMembers,
  interactionNeeds,
  NewInteraction,
} from "../interactions";
import { hashText, scoreText, toneScorer, type toneScores } from "../tone";
import type { AccountPlan } from "./demo.firm";
import type { ContactPlan, NeedPlan } from "./demo.people";
import {
  addDays,
  atTime,
  DAY_MS,
  HOUR_MS,
  isoDay,
  nextWorkingDay,
  type Random,
} from "./demo.random";
import { moodAt, type Tone, toneAt } from "./demo.story";
import { fillText, joinParts } from "./demo.text";
import { durationOf, shapeTouches, timesOf, touchInstants } from "./demo.touches";
import * as words from "./demo.words";

export type TouchRows = {
  interactions: NewInteraction[];
  contacts: (typeof interactionContacts.$inferInsert)[];
  members: (typeof interactionMembers.$inferInsert)[];
  needs: (typeof interactionNeeds.$inferInsert)[];
  tone: (typeof toneScores.$inferInsert)[];
};

export type HistoryScope = {
  workspaceId: string;
  now: Date;
  memberIds: string[];
  /** Planned meetings still to hand out today / this week, per lead (owner, busy member). */
  plannedByLead: Map<number, { today: number; week: number }>;
};

/** Tone looks back this far (health's window); alarms read each account's latest ten touches. */
const TONE_DAYS = 180;
const TONE_LATEST = 10;
const weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"] as const;

/** Contacts at the account at an instant (met by then, not yet gone). */
function presentAt(people: ContactPlan[], at: Date): ContactPlan[] {
  const day = isoDay(at);
  return people.filter((p) => p.metAt.getTime() <= at.getTime() && (!p.leftOn || p.leftOn > day));
}

function participantsOf(
  rng: Random,
  people: ContactPlan[],
  at: Date,
  senior: boolean,
): ContactPlan[] {
  const here = presentAt(people, at);
  const pool = here.length > 0 ? here : people.filter((p) => p.metAt.getTime() <= at.getTime());
  if (pool.length === 0) return [];
  const seniors = pool.filter((p) => p.level !== "operational");
  const first = senior && seniors.length > 0 ? rng.pick(seniors) : rng.pick(pool);
  const extra = rng.weighted([
    [0, 70],
    [1, 25],
    [2, 5],
  ] as const);
  return [
    first,
    ...rng.sample(
      pool.filter((p) => p !== first),
      extra,
    ),
  ];
}

/** Who from our side took part: usually the lead, sometimes someone else on the team. */
function ourPeopleOf(
  rng: Random,
  plan: AccountPlan,
  scope: HistoryScope,
  meeting: boolean,
): string[] {
  const lead = scope.memberIds[plan.leadIndex] as string;
  const others = plan.team
    .filter((t) => t.role !== "lead")
    .map((t) => scope.memberIds[t.memberIndex] as string);
  const first = others.length > 0 && rng.chance(0.15) ? rng.pick(others) : lead;
  const second = meeting && others.length > 0 && rng.chance(0.3) ? rng.pick(others) : undefined;
  return second && second !== first ? [first, second] : [first];
}

function substanceOf(rng: Random, tone: Tone, kind: string, slots: Record<string, string>) {
  const needsText = ["meeting", "call", "visit", "strategy_session"].includes(kind);
  const summary =
    needsText || kind === "note" || rng.chance(0.8)
      ? fillText(rng.pick(words.summaries[tone]), slots)
      : null;
  const meeting = ["meeting", "visit", "strategy_session", "video_call"].includes(kind);
  return {
    summary,
    decisions:
      summary && meeting && tone !== "negative" && rng.chance(0.4)
        ? fillText(rng.pick(words.decisions), slots)
        : null,
    nextSteps:
      summary && meeting && rng.chance(0.5) ? fillText(rng.pick(words.nextSteps), slots) : null,
  };
}

/** A tone score as the tone job would have stored it: the app's own scorer and hash. */
export function toneRow(subject: {
  workspaceId: string;
  type: "interaction" | "survey_answer";
  id: string;
  accountId: string;
  text: string;
  at: Date;
  scoredAt: Date;
}): typeof toneScores.$inferInsert {
  const result = scoreText(subject.text, "en");
  return {
    workspaceId: subject.workspaceId,
    subjectType: subject.type,
    subjectId: subject.id,
    accountId: subject.accountId,
    textHash: hashText(subject.text),
    language: "en",
    score: result.score,
    label: result.label,
    scorer: toneScorer,
    subjectAt: subject.at,
    createdAt: subject.scoredAt,
    updatedAt: subject.scoredAt,
  };
}

export function buildTouches(
  rng: Random,
  scope: HistoryScope,
  plan: AccountPlan,
  people: ContactPlan[],
  needs: NeedPlan[],
): TouchRows {
  const { workspaceId, now } = scope;
  const rows: TouchRows = { interactions: [], contacts: [], members: [], needs: [], tone: [] };
  const live = plan.status !== "former";
  const budget = scope.plannedByLead.get(plan.leadIndex);
  const planned = live
    ? Math.min(
        plan.counts.interactions - 2,
        plan.featured && budget && budget.today + budget.week > 0 ? 2 : rng.chance(0.3) ? 1 : 0,
      )
    : 0;
  let plannedToday = false;
  const plannedDays = new Set<string>();
  const cancelled =
    plan.counts.interactions >= 12 ? Math.round(plan.counts.interactions * 0.03) : 0;
  const completed = Math.max(0, plan.counts.interactions - planned - cancelled);
  const instants = touchInstants(rng, plan, completed, now);
  const shapes = shapeTouches(rng, plan, instants);
  const link = (interactionId: string, contactIds: string[], memberIds: string[]) => {
    for (const contactId of contactIds)
      rows.contacts.push({ workspaceId, interactionId, contactId });
    for (const memberId of memberIds) rows.members.push({ workspaceId, interactionId, memberId });
  };
  const slotsAt = (contact?: ContactPlan) => ({
    contact: contact?.firstName ?? "the team",
    topic: rng.pick(plan.segment.topics),
    weekday: rng.pick(weekdays),
    account: plan.name,
  });
  const driftTouches = shapes.filter((s) => s.inDrift).length;
  let driftSeen = 0;
  let departureTold = false;
  const champion = people.find(
    (p) => p.role === "champion" && p.leftOn === plan.drift?.championLeavesOn,
  );
  const latest = new Date(now.getTime() - 10 * 60_000);

  shapes.forEach((shape, k) => {
    const at = instants[k] as Date;
    const times = timesOf(rng, shape, at, latest);
    const when = times.occurredAt;
    let tone = toneAt(rng, moodAt(plan, when, now));
    if (shape.inDrift) {
      driftSeen += 1;
      // The last touches of a drift read badly whatever the noise: what a lead would notice.
      if (driftTouches - driftSeen < 4) tone = "negative";
    }
    const attendees = participantsOf(rng, people, when, shape.kind === "strategy_session");
    const slots = slotsAt(attendees[0]);
    let substance = substanceOf(rng, tone, shape.kind, slots);
    let kind = shape.kind;
    let direction = shape.direction;
    if (
      champion?.leftOn &&
      !departureTold &&
      isoDay(when) >= isoDay(addDays(new Date(`${champion.leftOn}T00:00:00Z`), -21)) &&
      isoDay(when) < champion.leftOn
    ) {
      // They told us they were leaving: the touch that opens the "champion left" chapter.
      departureTold = true;
      kind = "call";
      // A silent client's champion did not ring us: we heard it when we called.
      direction = plan.drift?.silent ? "outbound" : "inbound";
      attendees.splice(0, attendees.length, champion);
      substance = {
        summary: fillText(words.departureNote, { ...slots, contact: champion.firstName }),
        decisions: null,
        nextSteps: null,
      };
    }
    const id = newId();
    const writtenAt = new Date(Math.min(now.getTime(), when.getTime() + rng.int(5, 120) * 60_000));
    const ours = ourPeopleOf(rng, plan, scope, shape.scheduled);
    rows.interactions.push({
      workspaceId,
      id,
      accountId: plan.id,
      kind,
      direction,
      state: "completed",
      scheduledAt: kind === shape.kind ? times.scheduledAt : null,
      occurredAt: when,
      startedAt: kind === shape.kind ? times.startedAt : null,
      durationMinutes: durationOf(rng, kind),
      ...substance,
      createdById: ours[0] as string,
      createdAt: writtenAt,
      updatedAt: writtenAt,
    });
    link(
      id,
      attendees.map((p) => p.id),
      ours,
    );
    const known = needs.filter((n) => n.learnedAt.getTime() <= when.getTime());
    if (known.length > 0 && rng.chance(0.2))
      rows.needs.push({ workspaceId, interactionId: id, needId: rng.pick(known).id });
    const text = joinParts([substance.summary, substance.decisions, substance.nextSteps]);
    const recent =
      when.getTime() > now.getTime() - TONE_DAYS * DAY_MS || k >= shapes.length - TONE_LATEST;
    if (text && recent) {
      rows.tone.push(
        toneRow({
          workspaceId: scope.workspaceId,
          type: "interaction",
          id,
          accountId: plan.id,
          text,
          at: when,
          // Scored a minute after it was logged, as the job would have.
          scoredAt: new Date(Math.min(scope.now.getTime(), when.getTime() + 60_000)),
        }),
      );
    }
  });

  for (let k = 0; k < cancelled; k++) {
    const at = new Date(
      plan.createdAt.getTime() +
        rng.next() * (Math.min(plan.endAt.getTime(), now.getTime()) - plan.createdAt.getTime()),
    );
    const slot = atTime(at, rng.int(9, 16), 0);
    const attendees = participantsOf(rng, people, slot, false);
    const ours = ourPeopleOf(rng, plan, scope, true);
    const id = newId();
    rows.interactions.push({
      workspaceId,
      id,
      accountId: plan.id,
      kind: rng.pick(["meeting", "video_call", "visit"] as const),
      direction: "outbound",
      state: "cancelled",
      scheduledAt: slot.getTime() < now.getTime() ? slot : addDays(slot, -1),
      cancelReason: fillText(rng.pick(words.cancelReasons), {
        contact: attendees[0]?.firstName ?? "Their lead",
      }),
      summary: fillText(rng.pick(words.agendas), slotsAt()),
      createdById: ours[0] as string,
      createdAt: addDays(slot, -rng.int(3, 14)),
      updatedAt: addDays(slot, -1),
    });
    link(
      id,
      attendees.map((p) => p.id),
      ours,
    );
  }

  for (let k = 0; k < planned; k++) {
    let scheduledAt: Date;
    if (plan.featured && budget && budget.today > 0 && !plannedToday) {
      // One of today's meetings per account, each at its own hour: later today if the day
      // has room, else earlier today (not yet written up).
      budget.today -= 1;
      plannedToday = true;
      const hour = now.getUTCHours() + 1 + 2 * budget.today;
      scheduledAt =
        hour <= 19
          ? atTime(now, hour, 0)
          : atTime(now, Math.max(8, now.getUTCHours() - 1 - 2 * budget.today), 30);
    } else if (plan.featured && budget && budget.week > 0) {
      budget.week -= 1;
      scheduledAt = atTime(
        nextWorkingDay(addDays(now, rng.int(1, 5))),
        rng.int(9, 16),
        rng.pick([0, 30]),
      );
    } else {
      scheduledAt = atTime(
        nextWorkingDay(addDays(now, rng.int(1, 14))),
        rng.int(9, 16),
        rng.pick([0, 30]),
      );
    }
    // Two meetings with one client never share a day.
    while (plannedDays.has(isoDay(scheduledAt)))
      scheduledAt = nextWorkingDay(addDays(scheduledAt, 1));
    plannedDays.add(isoDay(scheduledAt));
    const kind = rng.pick(
      plan.tier === "key"
        ? (["meeting", "strategy_session", "video_call", "visit"] as const)
        : (["meeting", "video_call", "check_in", "call"] as const),
    );
    const attendees = participantsOf(rng, people, now, kind === "strategy_session");
    const ours = ourPeopleOf(rng, plan, scope, true);
    const lead = scope.memberIds[plan.leadIndex] as string;
    if (!ours.includes(lead)) ours.unshift(lead);
    const createdAt = addDays(now, -rng.int(1, 10));
    const moved = rng.chance(0.2);
    const id = newId();
    rows.interactions.push({
      workspaceId,
      id,
      accountId: plan.id,
      kind,
      direction: "outbound",
      state: "planned",
      scheduledAt,
      durationMinutes: durationOf(rng, kind),
      summary: fillText(rng.pick(words.agendas), slotsAt()),
      rescheduleHistory: moved
        ? [
            {
              from: addDays(scheduledAt, -rng.int(1, 4)).toISOString(),
              to: scheduledAt.toISOString(),
              at: new Date(createdAt.getTime() + 2 * HOUR_MS).toISOString(),
              byMemberId: lead,
              reason: rng.pick(words.rescheduleReasons),
            },
          ]
        : [],
      createdById: lead,
      createdAt,
      updatedAt: moved ? new Date(createdAt.getTime() + 2 * HOUR_MS) : createdAt,
    });
    link(
      id,
      attendees.map((p) => p.id),
      ours,
    );
  }
  return rows;
}
