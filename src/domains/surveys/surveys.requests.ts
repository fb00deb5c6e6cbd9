/**
 * Survey requests: sending (one request per person, an unguessable link whose sha256 alone
 * is stored, mailed through the outbox in the same transaction), the throttle that keeps a
 * person from being asked the same kind too often, the list, and cancelling.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, inArray, isNotNull, isNull, lte, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../../platform/audit/audit.queries";
import { workspaces } from "../../platform/auth/auth.schema";
import { sha256 } from "../../platform/auth/secrets";
import type { Ctx } from "../../platform/http/context";
import { AppError, notFound } from "../../platform/http/errors";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { queueMail } from "../../platform/mail/outbox";
import { accounts, teamMemberIdsOf } from "../accounts";
import { getWorkspaceTimeZone } from "../workspaces";
import type { SurveyKind, sendSurveyInput, surveyRequestFilterInput } from "./surveys.inputs";
import {
  assertMayForceSurveys,
  assertMaySendSurveys,
  assertMaySurveyAccount,
} from "./surveys.policies";
import { type Recipient, resolveRecipients, type Skipped } from "./surveys.recipients";
import {
  type SurveyAnswer,
  type SurveyRequest,
  surveyAnswers,
  surveyRequests,
} from "./surveys.schema";
import { fillWording, getSurveySettings } from "./surveys.settings";

const DAY_MS = 86_400_000;

export type SentRequest = {
  request: SurveyRequest;
  token: string;
  emailedTo: string | null;
};

/** The public answer page of a token, on the app's public URL. */
export const answerPath = (token: string) => `/r/${token}`;

/** 32 random bytes, base64url (43 characters): the credential in the link. */
export const newSurveyToken = () => randomBytes(32).toString("base64url");

/** When each of these people was last asked this kind (cancelled requests do not count). */
async function lastAskedSince(ctx: Ctx, kind: SurveyKind, contactIds: string[], since: Date) {
  if (contactIds.length === 0) return new Map<string, Date>();
  const rows = await ctx.db
    .selectDistinctOn([surveyRequests.contactId], {
      contactId: surveyRequests.contactId,
      createdAt: surveyRequests.createdAt,
    })
    .from(surveyRequests)
    .where(
      and(
        eq(surveyRequests.workspaceId, ctx.workspaceId),
        inArray(surveyRequests.contactId, contactIds),
        eq(surveyRequests.kind, kind),
        gt(surveyRequests.createdAt, since),
        isNull(surveyRequests.cancelledAt),
      ),
    )
    .orderBy(surveyRequests.contactId, desc(surveyRequests.createdAt));
  return new Map(rows.map((r) => [r.contactId, r.createdAt]));
}

export async function sendSurveys(
  ctx: Ctx,
  input: z.output<typeof sendSurveyInput>,
  /** Where the app is reached from outside (config.publicUrl): links are made on it. */
  publicUrl: string,
): Promise<{ sent: SentRequest[]; skipped: Skipped[] }> {
  assertMaySendSurveys(ctx.actor);
  if (input.force) assertMayForceSurveys(ctx.actor);
  const settings = await getSurveySettings(ctx);
  const { recipients, skipped } = await resolveRecipients(ctx, input);
  const now = ctx.now();
  const throttleDays = settings.throttleDays[input.kind];
  const lastAsked =
    input.force || throttleDays === 0
      ? new Map<string, Date>()
      : await lastAskedSince(
          ctx,
          input.kind,
          recipients.map((r) => r.contactId),
          new Date(now.getTime() - throttleDays * DAY_MS),
        );
  const timeZone = await getWorkspaceTimeZone(ctx);
  const [workspace] = await ctx.db
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  const expiresAt = new Date(now.getTime() + settings.expiresAfterDays * DAY_MS);
  const sent: SentRequest[] = [];
  for (const recipient of recipients) {
    const last = lastAsked.get(recipient.contactId);
    if (last) {
      const again = new Date(last.getTime() + throttleDays * DAY_MS);
      skipped.push({
        contactId: recipient.contactId,
        reason: "throttled",
        message: `Asked for ${input.kind === "check_in" ? "a check-in" : input.kind.toUpperCase()} on ${formatDay(last, timeZone)}; not again before ${formatDay(again, timeZone)} (a manager may force it).`,
      });
      continue;
    }
    const token = newSurveyToken();
    const [request] = await ctx.db
      .insert(surveyRequests)
      .values({
        workspaceId: ctx.workspaceId,
        kind: input.kind,
        contactId: recipient.contactId,
        accountId: recipient.accountId,
        about: input.about ?? null,
        tokenHash: sha256(token),
        expiresAt,
        createdById: ctx.actor.memberId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!request) throw new Error("survey request insert returned nothing");
    let mailed = request;
    if (recipient.email) {
      const outboxMessageId = await queueMail(ctx, {
        to: recipient.email,
        kind: "survey_request",
        ...surveyMail({
          workspace: workspace?.name ?? "",
          recipient,
          question: settings.templates[input.kind].question,
          about: input.about ?? null,
          url: `${publicUrl}${answerPath(token)}`,
          until: formatDay(expiresAt, timeZone),
        }),
      });
      const [updated] = await ctx.db
        .update(surveyRequests)
        .set({ outboxMessageId })
        .where(
          and(eq(surveyRequests.workspaceId, ctx.workspaceId), eq(surveyRequests.id, request.id)),
        )
        .returning();
      mailed = updated ?? request;
    }
    const { tokenHash: _hash, ...audited } = mailed;
    await recordAudit(ctx, {
      action: "survey_request.sent",
      entityType: "survey_request",
      entityId: request.id,
      after: audited,
    });
    sent.push({ request: mailed, token, emailedTo: recipient.email });
  }
  return { sent, skipped };
}

function formatDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone }).format(instant);
}

function surveyMail(m: {
  workspace: string;
  recipient: Recipient;
  question: string;
  about: string | null;
  url: string;
  until: string;
}) {
  const values = { workspace: m.workspace, contact: m.recipient.firstName, about: m.about };
  const question = fillWording(m.question, values);
  return {
    subject: `${m.workspace} would like your opinion`,
    text: [
      `Hello ${m.recipient.firstName},`,
      "",
      `${m.workspace} would like to know:`,
      "",
      `  ${question}`,
      "",
      "Answer here (it takes a minute, no sign-in needed):",
      m.url,
      "",
      `The link works until ${m.until}. Thank you!`,
      "",
      `${m.workspace}`,
    ].join("\n"),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading and cancelling

export type SurveyRequestView = SurveyRequest & { answer: SurveyAnswer | null };
export type SurveyRequestFilter = z.output<typeof surveyRequestFilterInput> & {
  limit: number;
  cursor?: string;
};

/** open, answered, expired or cancelled, as of now. */
export function statusOf(request: SurveyRequest, now: Date) {
  if (request.cancelledAt) return "cancelled" as const;
  if (request.answeredAt) return "answered" as const;
  if (request.expiresAt <= now) return "expired" as const;
  return "open" as const;
}

function statusCondition(status: SurveyRequestFilter["status"], now: Date): SQL | undefined {
  const r = surveyRequests;
  if (status === "cancelled") return isNotNull(r.cancelledAt);
  if (status === "answered") return and(isNull(r.cancelledAt), isNotNull(r.answeredAt));
  if (status === "expired")
    return and(isNull(r.cancelledAt), isNull(r.answeredAt), lte(r.expiresAt, now));
  if (status === "open")
    return and(isNull(r.cancelledAt), isNull(r.answeredAt), gt(r.expiresAt, now));
  return undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Newest first; everyone in the workspace reads them. */
export async function listSurveyRequests(ctx: Ctx, filter: SurveyRequestFilter) {
  const after = decodeCursor(filter.cursor, 2);
  const [at, id] = after ?? [];
  if (
    after &&
    (typeof at !== "string" ||
      Number.isNaN(Date.parse(at)) ||
      typeof id !== "string" ||
      !UUID.test(id))
  ) {
    throw new AppError("VALIDATION_FAILED", "The cursor is not valid.", {
      errors: [{ path: "cursor", message: "Not a cursor this list gave out" }],
    });
  }
  const rows = await ctx.db
    .select({ request: surveyRequests, answer: surveyAnswers })
    .from(surveyRequests)
    .leftJoin(
      surveyAnswers,
      and(
        eq(surveyAnswers.workspaceId, surveyRequests.workspaceId),
        eq(surveyAnswers.requestId, surveyRequests.id),
      ),
    )
    .where(
      and(
        eq(surveyRequests.workspaceId, ctx.workspaceId),
        filter.accountId ? eq(surveyRequests.accountId, filter.accountId) : undefined,
        filter.contactId ? eq(surveyRequests.contactId, filter.contactId) : undefined,
        filter.kind ? eq(surveyRequests.kind, filter.kind) : undefined,
        statusCondition(filter.status, ctx.now()),
        after
          ? sql`(${surveyRequests.createdAt}, ${surveyRequests.id}) < (${String(at)}::timestamptz, ${String(id)}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(surveyRequests.createdAt), desc(surveyRequests.id))
    .limit(filter.limit + 1);
  const page = toPage(rows, filter.limit, (row) => [
    row.request.createdAt.toISOString(),
    row.request.id,
  ]);
  return {
    data: page.data.map((row): SurveyRequestView => ({ ...row.request, answer: row.answer })),
    nextCursor: page.nextCursor,
  };
}

/** Withdraws an unanswered request: its link answers "withdrawn" from now on. */
export async function cancelSurveyRequest(ctx: Ctx, requestId: string): Promise<SurveyRequestView> {
  const [before] = await ctx.db
    .select()
    .from(surveyRequests)
    .where(and(eq(surveyRequests.workspaceId, ctx.workspaceId), eq(surveyRequests.id, requestId)))
    .for("update");
  if (!before) throw notFound("survey request");
  const [account] = await ctx.db
    .select({ name: accounts.name, ownerId: accounts.ownerId })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.workspaceId), eq(accounts.id, before.accountId)));
  assertMaySurveyAccount(
    ctx.actor,
    {
      ownerId: account?.ownerId ?? "",
      teamMemberIds: await teamMemberIdsOf(ctx, before.accountId),
    },
    account?.name ?? "the account",
  );
  if (before.cancelledAt) return { ...before, answer: null };
  if (before.answeredAt) {
    throw new AppError(
      "CONFLICT",
      "The survey was already answered; an answer is kept, not withdrawn.",
    );
  }
  const now = ctx.now();
  const [after] = await ctx.db
    .update(surveyRequests)
    .set({ cancelledAt: now, updatedAt: now, version: sql`${surveyRequests.version} + 1` })
    .where(and(eq(surveyRequests.workspaceId, ctx.workspaceId), eq(surveyRequests.id, requestId)))
    .returning();
  if (!after) throw notFound("survey request");
  const { tokenHash: _b, ...auditBefore } = before;
  const { tokenHash: _a, ...auditAfter } = after;
  await recordAudit(ctx, {
    action: "survey_request.cancelled",
    entityType: "survey_request",
    entityId: requestId,
    before: auditBefore,
    after: auditAfter,
  });
  return { ...after, answer: null };
}
