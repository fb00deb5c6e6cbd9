/**
 * Answers through the public link. The token is the credential: only its sha256 is looked
 * up. One answer per request, which the same person may change for 24 hours; after that it
 * is read-only. Saving writes the answer and, in the same transaction, only rows: the jobs
 * that recompute health and score tone, and the detractor's task (in a savepoint, so not
 * even a failure there can lose the answer). Mail is never sent from here.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../../platform/audit/audit.queries";
import { members, workspaces } from "../../platform/auth/auth.schema";
import { sha256 } from "../../platform/auth/secrets";
import type { Db } from "../../platform/db/client";
import type { Ctx } from "../../platform/http/context";
import { AppError, type FieldError } from "../../platform/http/errors";
import { enqueueJob, refreshJob } from "../../platform/jobs";
import { accounts, accountTeamMembers } from "../accounts";
import { alarmsScanJobName } from "../alarms/alarms.inputs";
import { contacts } from "../contacts";
import { healthRecomputeJobName } from "../health/health.inputs";
import { closeTasksForCause, openTaskForCause } from "../tasks";
import { toneScoreJobName } from "../tone/tone.inputs";
import { dueInBusinessDays } from "./surveys.days";
import {
  type SurveyAnswerInput,
  type SurveyKind,
  type SurveyTemplate,
  scoreRange,
  type surveyAnswerInput,
} from "./surveys.inputs";
import {
  type SurveyAnswer,
  type SurveyRequest,
  surveyAnswers,
  surveyRequests,
} from "./surveys.schema";
import { isDetractor } from "./surveys.scores";
import { fillWording, getSurveySettings } from "./surveys.settings";

export const EDIT_WINDOW_MS = 24 * 3_600_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Everything the answer page shows, found from the token. */
export type SurveyLink = {
  request: SurveyRequest;
  answer: SurveyAnswer | null;
  workspaceName: string;
  timeZone: string;
  contactName: string;
  contactFirstName: string;
  template: SurveyTemplate;
  /** The wording with its placeholders filled. */
  question: string;
  followUp: string;
  openQuestions: string[];
};

export type LinkState = "open" | "editable" | "locked" | "expired" | "cancelled";

/** Why a link cannot take an answer now; the page explains each kindly. */
export class SurveyLinkError extends Error {
  constructor(
    readonly state: "not_found" | "expired" | "cancelled" | "locked",
    readonly link?: SurveyLink,
  ) {
    super(state);
  }
}

export function stateOf(link: SurveyLink, now: Date): LinkState {
  if (link.answer) return now < link.answer.editableUntil ? "editable" : "locked";
  if (link.request.cancelledAt) return "cancelled";
  if (link.request.expiresAt <= now) return "expired";
  return "open";
}

export async function findSurveyLink(
  db: Db,
  token: string,
  now: Date,
  options: { forUpdate?: boolean } = {},
): Promise<SurveyLink | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const query = db
    .select({
      request: surveyRequests,
      workspaceName: workspaces.name,
      timeZone: workspaces.timeZone,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
    })
    .from(surveyRequests)
    .innerJoin(workspaces, eq(workspaces.id, surveyRequests.workspaceId))
    .innerJoin(
      contacts,
      and(
        eq(contacts.workspaceId, surveyRequests.workspaceId),
        eq(contacts.id, surveyRequests.contactId),
      ),
    )
    .where(eq(surveyRequests.tokenHash, sha256(token)));
  const [row] = options.forUpdate ? await query.for("update", { of: surveyRequests }) : await query;
  if (!row) return undefined;
  const { request } = row;
  const [answer] = await db
    .select()
    .from(surveyAnswers)
    .where(
      and(
        eq(surveyAnswers.workspaceId, request.workspaceId),
        eq(surveyAnswers.requestId, request.id),
      ),
    );
  const settings = await getSurveySettings({
    db,
    workspaceId: request.workspaceId,
    now: () => now,
  });
  const template = settings.templates[request.kind];
  const values = { workspace: row.workspaceName, contact: row.firstName, about: request.about };
  return {
    request,
    answer: answer ?? null,
    workspaceName: row.workspaceName,
    timeZone: row.timeZone,
    contactName: [row.firstName, row.lastName].filter(Boolean).join(" "),
    contactFirstName: row.firstName,
    template,
    question: fillWording(template.question, values),
    followUp: fillWording(template.followUp, values),
    openQuestions:
      request.kind === "check_in"
        ? (template.openQuestions ?? []).map((q) => fillWording(q, values))
        : [],
  };
}

/** The rules of an answer's content that depend on the kind (the zod schema checked the shape). */
export function checkAnswer(
  kind: SurveyKind,
  openQuestions: number,
  input: z.output<typeof surveyAnswerInput>,
): FieldError[] {
  const errors: FieldError[] = [];
  const { min, max } = scoreRange[kind];
  const score = input.score ?? null;
  if (score === null && kind !== "check_in")
    errors.push({ path: "score", message: `Choose a score from ${min} to ${max}` });
  if (score !== null && (score < min || score > max))
    errors.push({ path: "score", message: `Must be from ${min} to ${max}` });
  if ((input.responses?.length ?? 0) > openQuestions) {
    errors.push({ path: "responses", message: `At most ${openQuestions} answers` });
  }
  const wrote = [input.comment ?? "", ...(input.responses ?? [])].some((t) => t.trim() !== "");
  if (kind === "check_in" && score === null && !wrote) {
    errors.push({ path: "(root)", message: "Write an answer or choose a score before sending" });
  }
  return errors;
}

/** Saves (or, within 24 hours, changes) the answer of a link. */
export async function saveSurveyAnswer(
  db: Db,
  now: Date,
  token: string,
  input: z.output<typeof surveyAnswerInput>,
  log: { warn: (o: object, msg: string) => void },
): Promise<{ answer: SurveyAnswer; created: boolean; link: SurveyLink }> {
  return db.transaction(async (tx) => {
    const link = await findSurveyLink(tx, token, now, { forUpdate: true });
    if (!link) throw new SurveyLinkError("not_found");
    const state = stateOf(link, now);
    if (state === "cancelled" || state === "expired" || state === "locked")
      throw new SurveyLinkError(state, link);
    const errors = checkAnswer(link.request.kind, link.openQuestions.length, input);
    if (errors.length > 0) {
      throw new AppError("VALIDATION_FAILED", errors[0]?.message, { errors });
    }
    const { request } = link;
    const ctx: Ctx = {
      db: tx,
      now: () => now,
      workspaceId: request.workspaceId,
      actor: { memberId: null, role: "system", via: "survey_link" },
    };
    const comment = input.comment?.trim() ? input.comment.trim() : null;
    const responses = link.openQuestions.map((question, i) => ({
      question,
      answer: input.responses?.[i]?.trim() ?? "",
    }));
    const columns = { score: input.score ?? null, comment, responses, updatedAt: now };
    const before = link.answer;
    let answer: SurveyAnswer | undefined;
    if (before) {
      [answer] = await tx
        .update(surveyAnswers)
        .set({ ...columns, version: before.version + 1 })
        .where(
          and(eq(surveyAnswers.workspaceId, request.workspaceId), eq(surveyAnswers.id, before.id)),
        )
        .returning();
    } else {
      [answer] = await tx
        .insert(surveyAnswers)
        .values({
          workspaceId: request.workspaceId,
          requestId: request.id,
          kind: request.kind,
          contactId: request.contactId,
          accountId: request.accountId,
          ...columns,
          answeredAt: now,
          editableUntil: new Date(now.getTime() + EDIT_WINDOW_MS),
          createdAt: now,
        })
        .returning();
      await tx
        .update(surveyRequests)
        .set({ answeredAt: now, updatedAt: now })
        .where(
          and(
            eq(surveyRequests.workspaceId, request.workspaceId),
            eq(surveyRequests.id, request.id),
          ),
        );
    }
    if (!answer) throw new Error("survey answer write returned nothing");
    await recordAudit(ctx, {
      action: before ? "survey_answer.changed" : "survey_answer.created",
      entityType: "survey_answer",
      entityId: answer.id,
      before: before ?? undefined,
      after: answer,
    });
    await enqueueJob(
      tx,
      now,
      refreshJob(healthRecomputeJobName, request.workspaceId, { accountId: request.accountId }),
    );
    // A score alone can start or end a satisfaction trend (and ends a silence) at once.
    await enqueueJob(
      tx,
      now,
      refreshJob(alarmsScanJobName, request.workspaceId, { accountId: request.accountId }),
    );
    if (comment || responses.some((r) => r.answer)) {
      await enqueueJob(
        tx,
        now,
        refreshJob(toneScoreJobName, request.workspaceId, {
          subjectType: "survey_answer",
          subjectId: answer.id,
        }),
      );
    }
    const saved = answer;
    try {
      await tx.transaction((sp) => raiseOrCloseAlarm({ ...ctx, db: sp }, link, saved, before));
    } catch (error) {
      // The answer matters more than its alarm: keep it, and say loudly what went wrong.
      log.warn({ err: error, answerId: saved.id }, "detractor alarm failed; the answer is saved");
    }
    return { answer: saved, created: !before, link: { ...link, answer: saved } };
  });
}

/** The lead on the account's team if there is an active one, else its owner. */
async function alarmAssignee(ctx: Ctx, accountId: string): Promise<string | undefined> {
  const [lead] = await ctx.db
    .select({ memberId: accountTeamMembers.memberId })
    .from(accountTeamMembers)
    .innerJoin(
      members,
      and(
        eq(members.workspaceId, accountTeamMembers.workspaceId),
        eq(members.id, accountTeamMembers.memberId),
      ),
    )
    .where(
      and(
        eq(accountTeamMembers.workspaceId, ctx.workspaceId),
        eq(accountTeamMembers.accountId, accountId),
        eq(accountTeamMembers.role, "lead"),
        isNull(accountTeamMembers.endedAt),
        eq(members.status, "active"),
        isNull(members.archivedAt),
      ),
    )
    .orderBy(accountTeamMembers.createdAt)
    .limit(1);
  if (lead) return lead.memberId;
  const [account] = await ctx.db
    .select({ ownerId: accounts.ownerId })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.workspaceId), eq(accounts.id, accountId)));
  return account?.ownerId;
}

const causeOf = (answerId: string) => ({
  source: "survey" as const,
  sourceRef: `survey_answer:${answerId}`,
});

async function raiseOrCloseAlarm(
  ctx: Ctx,
  link: SurveyLink,
  answer: SurveyAnswer,
  before: SurveyAnswer | null,
) {
  if (isDetractor(answer.kind, answer.score)) {
    const assigneeId = await alarmAssignee(ctx, answer.accountId);
    if (!assigneeId) return;
    const label = answer.kind === "nps" ? "NPS" : "CSAT";
    const about = link.request.about ? ` about ${link.request.about}` : "";
    await openTaskForCause(ctx, {
      ...causeOf(answer.id),
      title: `Call ${link.contactName}: ${label} ${answer.score} — restore balance`,
      detail: [
        `${link.contactName} answered ${answer.score} to "${link.question}"${about}.`,
        answer.comment ? `In their words: "${answer.comment}"` : "They left no comment.",
        "Call them, listen, own what went wrong and agree what changes.",
      ].join("\n"),
      accountId: answer.accountId,
      assigneeId,
      priority: "high",
      dueAt: await dueInBusinessDays(ctx, 2),
    });
  } else if (before && isDetractor(before.kind, before.score)) {
    await closeTasksForCause(ctx, {
      ...causeOf(answer.id),
      status: "dismissed",
      reason: "the answer was changed",
    });
  }
}

export type { SurveyAnswerInput };
