/**
 * What the client said and what we owe them, for one account: NPS and CSAT requests and
 * answers (within the surveys' throttles, with comments whose tone matches the score), the
 * answers' tone scores, and tasks — done ones in the past, open ones ahead (some late, some
 * due today for the people who lead the account), next steps turned into tasks, and a
 * "restore balance" task for each detractor (held back for the derive step when still open,
 * so past health snapshots do not count an alarm that was not raised yet).
 */
import { createHash } from "node:crypto";
import { newId } from "../../platform/db/columns";
import { nextStepsSourceRef } from "../interactions";
import { isDetractor, type surveyAnswers, type surveyRequests } from "../surveys";
import type { tasks } from "../tasks";
import type { toneScores } from "../tone";
import type { AccountPlan } from "./demo.firm";
import { type TouchRows, toneRow } from "./demo.history";
import type { ContactPlan } from "./demo.people";
import { addDays, atTime, DAY_MS, HOUR_MS, isoDay, type Random, weekday } from "./demo.random";
import { csatAt, moodAt, npsAt } from "./demo.story";
import { fillText } from "./demo.text";
import { allowedDaysOf } from "./demo.touches";
import * as words from "./demo.words";

/** No link was ever mailed for demo data: a hash that no token can match. */
const unusedTokenHash = (requestId: string) =>
  createHash("sha256").update(`demo:${requestId}`).digest("hex");

export type NewTask = typeof tasks.$inferInsert;

export type ListeningRows = {
  requests: (typeof surveyRequests.$inferInsert)[];
  answers: (typeof surveyAnswers.$inferInsert)[];
  tone: (typeof toneScores.$inferInsert)[];
  tasks: NewTask[];
  /** Open detractor tasks, written by the derive step at their time. */
  laterTasks: NewTask[];
};

export type ListeningScope = {
  workspaceId: string;
  now: Date;
  memberIds: string[];
  /** Open manual tasks still to hand out as late / due today, per lead (owner, busy member). */
  tasksByLead: Map<number, { late: number; today: number }>;
  /** Which task title comes next. */
  taskTurn: number;
};

const NPS_THROTTLE_DAYS = 90;
const CSAT_THROTTLE_DAYS = 7;
const OPEN_DETRACTOR_DAYS = 14;

/** Stratified instants in [from, to]: answers come regularly, not in clumps. */
function spread(rng: Random, count: number, from: number, to: number): Date[] {
  const span = Math.max(DAY_MS, to - from);
  return Array.from(
    { length: count },
    (_, k) => new Date(from + ((k + rng.next()) / count) * span),
  );
}

function answerInstants(
  rng: Random,
  plan: AccountPlan,
  now: Date,
  quietSince: Date | null,
): Date[] {
  const count = plan.counts.answers;
  const from = addDays(plan.createdAt, 30).getTime();
  // A neglected client stopped answering when we stopped calling.
  const end =
    Math.min(plan.endAt.getTime(), now.getTime(), quietSince?.getTime() ?? Infinity) - DAY_MS;
  if (!plan.drift) return spread(rng, count, from, end);
  // A drift shows in the answers: several during it, the latest a few days ago.
  const during = Math.min(count, Math.max(3, Math.min(5, Math.round(count * 0.35))));
  // Earlier answers mostly fall outside health's 180 days: the level is the drift's own.
  const before = spread(rng, count - during, from, addDays(plan.drift.start, -75).getTime());
  const driftFrom = addDays(plan.drift.start, 10).getTime();
  if (plan.drift.silent) {
    // A silent client stopped answering too: nothing within the silence the cadence allows.
    const stop = addDays(now, -((allowedDaysOf(plan) ?? 30) + 5)).getTime();
    return [...before, ...spread(rng, during, driftFrom, Math.max(driftFrom + DAY_MS, stop))];
  }
  const inDrift = spread(rng, during - 1, driftFrom, addDays(now, -8).getTime());
  return [...before, ...inDrift, addDays(now, -rng.float(1, 5))];
}

/** The next working day n days on (the app's "due in 2 business days"), at the day's start. */
function businessDaysAfter(at: Date, n: number): Date {
  let day = atTime(at, 0, 0);
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (weekday(day) !== 0 && weekday(day) !== 6) left -= 1;
  }
  return day;
}

function toneOfComment(kind: "nps" | "csat", score: number): "positive" | "neutral" | "negative" {
  if (kind === "nps") return score >= 9 ? "positive" : score <= 6 ? "negative" : "neutral";
  return score >= 5 ? "positive" : score <= 2 ? "negative" : "neutral";
}

export function buildListening(
  rng: Random,
  scope: ListeningScope,
  plan: AccountPlan,
  people: ContactPlan[],
  touches: TouchRows,
): ListeningRows {
  const { workspaceId, now } = scope;
  const lead = scope.memberIds[plan.leadIndex] as string;
  const rows: ListeningRows = { requests: [], answers: [], tone: [], tasks: [], laterTasks: [] };
  const lastAsked = new Map<string, { nps: number; csat: number }>();
  const lastTouch = touches.interactions.reduce(
    (last, t) => Math.max(last, t.state === "completed" ? (t.occurredAt?.getTime() ?? 0) : 0),
    0,
  );
  const instants = answerInstants(
    rng,
    plan,
    now,
    plan.arc === "neglected" ? new Date(lastTouch) : null,
  );
  instants.forEach((answeredAt, k) => {
    const day = isoDay(answeredAt);
    const here = people.filter(
      (p) => p.metAt.getTime() < answeredAt.getTime() - 2 * DAY_MS && (!p.leftOn || p.leftOn > day),
    );
    const candidates = rng.sample(here.length > 0 ? here : people, people.length);
    const since = (p: ContactPlan, kind: "nps" | "csat") =>
      (answeredAt.getTime() - (lastAsked.get(p.id)?.[kind] ?? 0)) / DAY_MS;
    const wantNps = rng.chance(0.6);
    const npsOk = candidates.find(
      (p) => since(p, "nps") > NPS_THROTTLE_DAYS && p.level !== "operational",
    );
    const csatOk = candidates.find((p) => since(p, "csat") > CSAT_THROTTLE_DAYS) ?? candidates[0];
    const kind = (wantNps || !csatOk) && npsOk ? "nps" : "csat";
    const contact = (kind === "nps" ? npsOk : csatOk) as ContactPlan;
    lastAsked.set(contact.id, {
      nps: 0,
      csat: 0,
      ...lastAsked.get(contact.id),
      [kind]: answeredAt.getTime(),
    });
    const mood = moodAt(plan, answeredAt, now);
    let score = kind === "nps" ? npsAt(rng, mood) : csatAt(rng, mood);
    // The drift's latest answer is the one that makes people look.
    if (plan.drift && k === instants.length - 1)
      score = kind === "nps" ? Math.min(score, rng.int(2, 4)) : Math.min(score, 2);
    const tone = toneOfComment(kind, score);
    const comment = rng.chance(tone === "negative" ? 0.85 : 0.5)
      ? rng.pick(words.comments[tone])
      : null;
    const requestId = newId();
    const answerId = newId();
    const askedAt = new Date(answeredAt.getTime() - rng.int(2, 96) * HOUR_MS);
    const topic = rng.pick(plan.segment.topics);
    rows.requests.push({
      workspaceId,
      id: requestId,
      kind,
      contactId: contact.id,
      accountId: plan.id,
      about: kind === "csat" ? fillText(rng.pick(words.csatAbout), { topic }) : null,
      tokenHash: unusedTokenHash(requestId),
      expiresAt: addDays(askedAt, 14),
      createdById: lead,
      answeredAt,
      createdAt: askedAt,
      updatedAt: answeredAt,
    });
    rows.answers.push({
      workspaceId,
      id: answerId,
      requestId,
      kind,
      contactId: contact.id,
      accountId: plan.id,
      score,
      comment,
      answeredAt,
      editableUntil: new Date(answeredAt.getTime() + 24 * HOUR_MS),
      createdAt: answeredAt,
      updatedAt: answeredAt,
    });
    if (comment && answeredAt.getTime() > now.getTime() - 180 * DAY_MS) {
      rows.tone.push(
        toneRow({
          workspaceId,
          type: "survey_answer",
          id: answerId,
          accountId: plan.id,
          text: comment,
          at: answeredAt,
          scoredAt: answeredAt,
        }),
      );
    }
    if (isDetractor(kind, score)) {
      const open =
        answeredAt.getTime() > now.getTime() - OPEN_DETRACTOR_DAYS * DAY_MS &&
        plan.status !== "former";
      const label = kind === "nps" ? "NPS" : "CSAT";
      const closedAt = new Date(
        Math.min(now.getTime() - HOUR_MS, answeredAt.getTime() + rng.int(1, 5) * DAY_MS),
      );
      const task: NewTask = {
        workspaceId,
        accountId: plan.id,
        title: `Call ${contact.name}: ${label} ${score} — restore balance`,
        detail: [
          `${contact.name} answered ${score}.`,
          comment ? `In their words: "${comment}"` : "They left no comment.",
          "Call them, listen, own what went wrong and agree what changes.",
        ].join("\n"),
        assigneeId: lead,
        dueAt: businessDaysAfter(answeredAt, 2),
        priority: "high",
        source: "survey",
        sourceRef: `survey_answer:${answerId}`,
        createdAt: answeredAt,
        updatedAt: open ? answeredAt : closedAt,
        ...(open ? {} : { status: "done" as const, closedAt }),
      };
      (open ? rows.laterTasks : rows.tasks).push(task);
    }
  });
  // Some asked and never answered: response rates below 100 % are the truth. Each stays
  // clear of that person's other requests of its kind by the throttle's days.
  const askedOf = (contactId: string, kind: "nps" | "csat") =>
    rows.requests
      .filter((r) => r.contactId === contactId && r.kind === kind)
      .map((r) => (r.createdAt as Date).getTime());
  const unanswered = Math.round(plan.counts.answers * 0.15);
  for (let k = 0; k < unanswered && people.length > 0; k++) {
    const askedAt = new Date(
      plan.createdAt.getTime() +
        rng.next() * (Math.min(plan.endAt.getTime(), now.getTime()) - plan.createdAt.getTime()),
    );
    const contact = rng.pick(people);
    const clear = (kind: "nps" | "csat", days: number) =>
      askedOf(contact.id, kind).every((at) => Math.abs(at - askedAt.getTime()) > days * DAY_MS);
    const kind = rng.chance(0.6) && clear("nps", NPS_THROTTLE_DAYS) ? "nps" : "csat";
    if (kind === "csat" && !clear("csat", CSAT_THROTTLE_DAYS)) continue;
    const requestId = newId();
    rows.requests.push({
      workspaceId,
      id: requestId,
      kind,
      contactId: contact.id,
      accountId: plan.id,
      about:
        kind === "csat"
          ? fillText(rng.pick(words.csatAbout), { topic: rng.pick(plan.segment.topics) })
          : null,
      tokenHash: unusedTokenHash(requestId),
      expiresAt: addDays(askedAt, 14),
      createdById: lead,
      createdAt: askedAt,
      updatedAt: askedAt,
    });
  }
  buildTasks(rng, scope, plan, people, touches, rows);
  return rows;
}

function buildTasks(
  rng: Random,
  scope: ListeningScope,
  plan: AccountPlan,
  people: ContactPlan[],
  touches: TouchRows,
  rows: ListeningRows,
) {
  const { workspaceId, now } = scope;
  const lead = scope.memberIds[plan.leadIndex] as string;
  // Titles take turns across the firm, so one member's list does not repeat itself.
  const title = () =>
    fillText(words.taskTitles[scope.taskTurn++ % words.taskTitles.length] as string, {
      contact: people.length > 0 ? rng.pick(people).name : "their IT lead",
      topic: rng.pick(plan.segment.topics),
      account: plan.name,
    });
  const life = Math.min(plan.endAt.getTime(), now.getTime()) - plan.createdAt.getTime();
  for (let k = rng.int(0, 3); k > 0; k--) {
    const createdAt = new Date(plan.createdAt.getTime() + rng.next() * life * 0.9);
    const closedAt = new Date(
      Math.min(now.getTime() - HOUR_MS, createdAt.getTime() + rng.int(1, 12) * DAY_MS),
    );
    rows.tasks.push({
      workspaceId,
      accountId: plan.id,
      title: title(),
      assigneeId: lead,
      dueAt: addDays(createdAt, rng.int(2, 10)),
      status: "done",
      closedAt,
      createdById: lead,
      createdAt,
      updatedAt: closedAt,
    });
  }
  if (plan.status === "former") return;
  const budget = scope.tasksByLead.get(plan.leadIndex);
  let dueAt: Date | null = null;
  if (plan.featured && budget && budget.late > 0) {
    budget.late -= 1;
    dueAt = atTime(addDays(now, -rng.int(1, 5)), 0, 0);
  } else if (plan.featured && budget && budget.today > 0) {
    budget.today -= 1;
    dueAt = atTime(now, 0, 0);
  } else if (rng.chance(0.35)) {
    dueAt = atTime(addDays(now, rng.chance(0.25) ? -rng.int(1, 8) : rng.int(1, 21)), 0, 0);
  }
  if (dueAt) {
    const createdAt = addDays(dueAt.getTime() < now.getTime() ? dueAt : now, -rng.int(3, 12));
    rows.tasks.push({
      workspaceId,
      accountId: plan.id,
      title: title(),
      assigneeId: lead,
      dueAt,
      priority: rng.pick(["high", "medium", "medium", "low"] as const),
      createdById: lead,
      createdAt,
      updatedAt: createdAt,
    });
  }
  // Next steps of recent meetings someone turned into a task (one per interaction).
  for (const touch of touches.interactions) {
    const at = touch.occurredAt;
    if (!touch.nextSteps || !at || at.getTime() < now.getTime() - 20 * DAY_MS || !rng.chance(0.3))
      continue;
    rows.tasks.push({
      workspaceId,
      accountId: plan.id,
      title: touch.nextSteps,
      assigneeId: touch.createdById,
      dueAt: atTime(addDays(at, 3), 0, 0),
      source: "next_step",
      sourceRef: nextStepsSourceRef(touch.id as string),
      createdById: touch.createdById,
      createdAt: at,
      updatedAt: at,
    });
  }
}
