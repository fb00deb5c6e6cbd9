/**
 * The morning digest: an optional email per member (member_preferences.daily_digest) with
 * the day's agenda and the alarms raised for them since the last digest, through the outbox.
 *
 * One per member per day, whatever restarts or retries happen: the cron's job enqueues
 * `agenda.digest` with uniqueKey `digest:<memberId>:<day>`, and the digest job claims the
 * day (`update … set last_digest_on = day where … and (last_digest_on is null or
 * last_digest_on < day)`) in the same transaction as queueMail, so a claim without its
 * mail, or a mail without its claim, never commits. A cron every 15 minutes finds members
 * whose local digest hour (workspace time zone) has come today; after downtime it catches
 * up once, so a late digest still goes out that day. A day with nothing to report sends
 * nothing (the day is still claimed).
 */
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import { members, users, workspaces } from "../../platform/auth/auth.schema";
import type { Ctx } from "../../platform/http/context";
import {
  type CronDefinition,
  defineCron,
  defineJob,
  enqueueJob,
  type JobDefinition,
  workspaceJobCtx,
} from "../../platform/jobs";
import { queueMail } from "../../platform/mail/outbox";
import { type Day, dayOf, startOfDay } from "../../platform/time/zoned";
import { listNewAlarmTasks } from "../alarms";
import { digestJobName } from "./agenda.preferences.inputs";
import { memberPreferences } from "./agenda.preferences.schema";
import { type Agenda, getAgenda } from "./agenda.queries";

const HOUR = 3_600_000;

/** The hour of the day (0-23) at an instant in a time zone. */
export function localHourOf(instant: Date, timeZone: string): number {
  const hour = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "numeric", hourCycle: "h23" })
    .formatToParts(instant)
    .find((part) => part.type === "hour")?.value;
  return Number(hour ?? 0);
}

const localTime = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(instant);

type AlarmTask = Awaited<ReturnType<typeof listNewAlarmTasks>>[number];

function section(title: string, lines: string[]): string[] {
  return lines.length === 0
    ? []
    : [`${title} (${lines.length})`, ...lines.map((l) => `- ${l}`), ""];
}

/** The digest's text: new alarms first (they are why it exists), then the day. */
export function composeDigest(
  name: string,
  agenda: Agenda,
  alarms: AlarmTask[],
  publicUrl?: string,
): { subject: string; text: string } | null {
  const tz = agenda.timeZone;
  const kind = (k: string) => (k === "any" ? "touch" : k.replaceAll("_", " "));
  const body = [
    ...section(
      "New alarms",
      alarms.map((a) => `${a.title}${a.detail ? `: ${a.detail}` : ""}`),
    ),
    ...section(
      "Planned today",
      agenda.today.interactions.map(
        (i) =>
          `${localTime(i.scheduledAt, tz)} ${kind(i.kind)} with ${i.account.name}${i.summary ? `: ${i.summary}` : ""}`,
      ),
    ),
    ...section(
      "Touches overdue",
      agenda.touches.overdue.map(
        (t) =>
          `${t.accountName}: ${kind(t.kind)} due ${t.dueOn}, ${t.daysOverdue} day${t.daysOverdue === 1 ? "" : "s"} overdue`,
      ),
    ),
    ...section(
      "Touches due soon",
      agenda.touches.dueSoon.map((t) => `${t.accountName}: ${kind(t.kind)} due ${t.dueOn}`),
    ),
    ...section(
      "Tasks late",
      agenda.tasks.late.map((t) => `${t.title} (due ${t.dueOn})`),
    ),
    ...section(
      "Tasks due today",
      agenda.tasks.today.map((t) => t.title),
    ),
    ...section(
      "Important dates this week",
      agenda.importantDates.map((d) => `${d.on}: ${d.title}`),
    ),
  ];
  if (body.length === 0) return null;
  const counts = [
    alarms.length > 0 ? `${alarms.length} new alarm${alarms.length === 1 ? "" : "s"}` : null,
    `${agenda.touches.overdue.length} overdue`,
  ].filter(Boolean);
  return {
    subject: `Your day, ${agenda.date}: ${counts.join(", ")}`,
    text: [
      `Good morning, ${name}. Your day on ${agenda.date}:`,
      "",
      ...body,
      publicUrl ? `Open Rapport: ${publicUrl}` : "",
    ]
      .join("\n")
      .trimEnd(),
  };
}

export type DigestOutcome = { sent: boolean; reason?: string; messageId?: string };

/** Claims the member's day and queues their digest, in the caller's transaction. */
export async function sendDailyDigest(
  ctx: Pick<Ctx, "db" | "now" | "workspaceId">,
  input: { memberId: string; day: Day },
  options: { publicUrl?: string } = {},
): Promise<DigestOutcome> {
  const where = and(
    eq(memberPreferences.workspaceId, ctx.workspaceId),
    eq(memberPreferences.memberId, input.memberId),
  );
  const [prefs] = await ctx.db.select().from(memberPreferences).where(where).for("update");
  if (!prefs?.dailyDigest) return { sent: false, reason: "the digest is off" };
  const [member] = await ctx.db
    .select({ role: members.role, status: members.status, email: users.email, name: users.name })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.workspaceId, ctx.workspaceId), eq(members.id, input.memberId)));
  if (member?.status !== "active") return { sent: false, reason: "the member is not active" };
  const claimed = await ctx.db
    .update(memberPreferences)
    .set({ lastDigestOn: input.day, updatedAt: ctx.now() })
    .where(
      and(
        where,
        eq(memberPreferences.dailyDigest, true),
        or(isNull(memberPreferences.lastDigestOn), lt(memberPreferences.lastDigestOn, input.day)),
      ),
    )
    .returning({ memberId: memberPreferences.memberId });
  if (claimed.length === 0) return { sent: false, reason: "already sent for the day" };

  const memberCtx: Ctx = {
    ...ctx,
    actor: { memberId: input.memberId, role: member.role, via: "digest" },
  };
  const agenda = await getAgenda(memberCtx, { date: input.day });
  // Since the last digest went out (its hour on its day); the first looks back a day.
  const since = prefs.lastDigestOn
    ? new Date(startOfDay(prefs.lastDigestOn, agenda.timeZone).getTime() + prefs.digestHour * HOUR)
    : new Date(ctx.now().getTime() - 24 * HOUR);
  const alarms = await listNewAlarmTasks(ctx, input.memberId, since);
  const digest = composeDigest(member.name, agenda, alarms, options.publicUrl);
  if (!digest) return { sent: false, reason: "nothing to report" };
  const messageId = await queueMail(memberCtx, {
    to: member.email,
    ...digest,
    kind: "daily_digest",
  });
  return { sent: true, messageId };
}

/** The digest job, the job the cron runs, and the cron (every 15 minutes). */
export function createDigestJobs(options: { publicUrl?: string } = {}): {
  jobs: JobDefinition[];
  cron: CronDefinition;
} {
  const digestJob: JobDefinition = defineJob({
    name: digestJobName,
    payload: z.object({ memberId: z.uuid(), day: z.iso.date() }),
    async handler(payload, job) {
      const ctx = workspaceJobCtx(job, digestJobName);
      return job.db.transaction((tx) => sendDailyDigest({ ...ctx, db: tx }, payload, options));
    },
  });

  /** Enqueues today's digest for every member whose local digest hour has come. */
  const digestDueJob: JobDefinition = defineJob({
    name: "agenda.digest_due",
    payload: z.object({}),
    async handler(_payload, job) {
      const now = job.now();
      const rows = await job.db
        .select({
          workspaceId: memberPreferences.workspaceId,
          memberId: memberPreferences.memberId,
          digestHour: memberPreferences.digestHour,
          lastDigestOn: memberPreferences.lastDigestOn,
          timeZone: workspaces.timeZone,
        })
        .from(memberPreferences)
        .innerJoin(
          members,
          and(
            eq(members.workspaceId, memberPreferences.workspaceId),
            eq(members.id, memberPreferences.memberId),
          ),
        )
        .innerJoin(workspaces, eq(workspaces.id, memberPreferences.workspaceId))
        .where(and(eq(memberPreferences.dailyDigest, true), eq(members.status, "active")));
      let enqueued = 0;
      for (const row of rows) {
        const day = dayOf(now, row.timeZone);
        if (row.lastDigestOn && row.lastDigestOn >= day) continue;
        if (localHourOf(now, row.timeZone) < row.digestHour) continue;
        const id = await enqueueJob(job.db, now, {
          name: digestJobName,
          payload: { memberId: row.memberId, day },
          workspaceId: row.workspaceId,
          uniqueKey: `digest:${row.memberId}:${day}`,
        });
        if (id) enqueued += 1;
      }
      return { members: rows.length, enqueued };
    },
  });

  const cron: CronDefinition = defineCron({
    name: "agenda.digest_due",
    pattern: "*/15 * * * *",
    job: digestDueJob,
  });
  return { jobs: [digestJob, digestDueJob], cron };
}
