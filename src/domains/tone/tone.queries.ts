/**
 * Tone scores of interactions and survey answers: scoring a subject's text (skipped when
 * the text is unchanged), reading a score with its corrections, and a member's correction.
 *
 * A changed text replaces the score (an upsert on the subject) and clears the correction:
 * the member corrected what the old text said, not the new one. The same text scored again
 * (another scorer or language) keeps it. A subject whose text was emptied loses its score,
 * corrections included (they stay in the audit log): there is nothing left to have a tone.
 * Scores are derived data written by a job and are not audited; corrections are.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/audit.queries";
import { hasRole } from "../../platform/auth/auth.policies";
import { workspaces } from "../../platform/auth/auth.schema";
import { interactions, surveyAnswers } from "../../platform/db/schema";
import { assertVersion } from "../../platform/http/concurrency";
import type { Ctx } from "../../platform/http/context";
import { AppError, notFound } from "../../platform/http/errors";
import { enqueueJob, refreshJob } from "../../platform/jobs";
import { alarmsScanJobName } from "../alarms/alarms.inputs";
import { healthRecomputeJobName } from "../health/health.inputs";
import type { CorrectToneInput, ToneLabel, ToneSubject } from "./tone.inputs";
import { type ToneScore, toneCorrections, toneScores } from "./tone.schema";
import { hashText, isScorableLanguage, scoreText, toneScorer } from "./tone.scorer";

export type ToneSubjectRef = { subjectType: ToneSubject; subjectId: string };

/** What a subject says and when: the text a tone is computed from. */
type SubjectText = { accountId: string; text: string; at: Date };

export type ToneCorrection = typeof toneCorrections.$inferSelect;
export type ToneView = ToneScore & { effectiveLabel: ToneLabel; corrections: ToneCorrection[] };

export type ScoreOutcome = "scored" | "unchanged" | "removed" | "skipped" | "missing";

const joinParts = (parts: (string | null | undefined)[]) =>
  parts
    .map((part) => part?.trim() ?? "")
    .filter((part) => part.length > 0)
    .join("\n\n");

/** Interaction: summary, decisions and next steps; answer: comment and check-in answers. */
async function readSubjectText(ctx: Ctx, ref: ToneSubjectRef): Promise<SubjectText | null> {
  if (ref.subjectType === "interaction") {
    const [row] = await ctx.db
      .select()
      .from(interactions)
      .where(
        and(eq(interactions.workspaceId, ctx.workspaceId), eq(interactions.id, ref.subjectId)),
      );
    if (!row) return null;
    return {
      accountId: row.accountId,
      text: joinParts([row.summary, row.decisions, row.nextSteps]),
      at: row.occurredAt ?? row.scheduledAt ?? row.createdAt,
    };
  }
  const [row] = await ctx.db
    .select()
    .from(surveyAnswers)
    .where(
      and(eq(surveyAnswers.workspaceId, ctx.workspaceId), eq(surveyAnswers.id, ref.subjectId)),
    );
  if (!row) return null;
  return {
    accountId: row.accountId,
    text: joinParts([row.comment, ...row.responses.map((response) => response.answer)]),
    at: row.answeredAt,
  };
}

async function findScore(ctx: Ctx, ref: ToneSubjectRef, forUpdate = false) {
  const query = ctx.db
    .select()
    .from(toneScores)
    .where(
      and(
        eq(toneScores.workspaceId, ctx.workspaceId),
        eq(toneScores.subjectType, ref.subjectType),
        eq(toneScores.subjectId, ref.subjectId),
      ),
    );
  const [row] = forUpdate ? await query.for("update") : await query;
  return row;
}

/** Health and alarms read tone: they are asked (by job name) to look again. */
export async function enqueueToneFollowUps(ctx: Ctx, accountId: string): Promise<void> {
  for (const name of [healthRecomputeJobName, alarmsScanJobName]) {
    await enqueueJob(ctx.db, ctx.now(), refreshJob(name, ctx.workspaceId, { accountId }));
  }
}

/** Scores (or re-scores) one subject; what happened is the outcome. */
export async function scoreToneSubject(
  ctx: Ctx,
  ref: ToneSubjectRef,
): Promise<{ outcome: ScoreOutcome; score?: ToneScore }> {
  const subject = await readSubjectText(ctx, ref);
  if (!subject) return { outcome: "missing" };
  const existing = await findScore(ctx, ref, true);
  if (subject.text.length === 0) {
    if (!existing) return { outcome: "skipped" };
    await ctx.db
      .delete(toneCorrections)
      .where(
        and(
          eq(toneCorrections.workspaceId, ctx.workspaceId),
          eq(toneCorrections.toneScoreId, existing.id),
        ),
      );
    await ctx.db
      .delete(toneScores)
      .where(and(eq(toneScores.workspaceId, ctx.workspaceId), eq(toneScores.id, existing.id)));
    await enqueueToneFollowUps(ctx, existing.accountId);
    return { outcome: "removed" };
  }
  const [workspace] = await ctx.db
    .select({ toneLanguage: workspaces.toneLanguage })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  const language = workspace?.toneLanguage ?? "en";
  // No lexicon for the language: an English score of French text would be noise.
  if (!isScorableLanguage(language)) return { outcome: "skipped", score: existing };

  const textHash = hashText(subject.text);
  const now = ctx.now();
  const sameText = existing?.textHash === textHash;
  if (existing && sameText && existing.language === language && existing.scorer === toneScorer) {
    const moved =
      existing.subjectAt.getTime() !== subject.at.getTime() ||
      existing.accountId !== subject.accountId;
    if (!moved) return { outcome: "unchanged", score: existing };
    const [updated] = await ctx.db
      .update(toneScores)
      .set({ subjectAt: subject.at, accountId: subject.accountId, updatedAt: now })
      .where(and(eq(toneScores.workspaceId, ctx.workspaceId), eq(toneScores.id, existing.id)))
      .returning();
    await enqueueToneFollowUps(ctx, subject.accountId);
    return { outcome: "unchanged", score: updated };
  }
  const result = scoreText(subject.text, language);
  const columns = {
    accountId: subject.accountId,
    textHash,
    language,
    score: result.score,
    label: result.label,
    scorer: toneScorer,
    subjectAt: subject.at,
    correctedLabel: sameText ? (existing?.correctedLabel ?? null) : null,
    updatedAt: now,
  };
  const [row] = await ctx.db
    .insert(toneScores)
    .values({ ...columns, workspaceId: ctx.workspaceId, ...ref, createdAt: now })
    .onConflictDoUpdate({
      target: [toneScores.workspaceId, toneScores.subjectType, toneScores.subjectId],
      set: { ...columns, version: sql`${toneScores.version} + 1` },
    })
    .returning();
  if (!row) throw new Error("tone score upsert returned nothing");
  if (existing?.correctedLabel && !row.correctedLabel) {
    await recordAudit(ctx, {
      action: "tone.correction_cleared",
      entityType: "tone_score",
      entityId: row.id,
      before: existing,
      after: row,
    });
  }
  await enqueueToneFollowUps(ctx, subject.accountId);
  if (existing && existing.accountId !== subject.accountId) {
    await enqueueToneFollowUps(ctx, existing.accountId);
  }
  return { outcome: "scored", score: row };
}

async function viewOf(ctx: Ctx, score: ToneScore): Promise<ToneView> {
  const corrections = await ctx.db
    .select()
    .from(toneCorrections)
    .where(
      and(
        eq(toneCorrections.workspaceId, ctx.workspaceId),
        eq(toneCorrections.toneScoreId, score.id),
      ),
    )
    .orderBy(asc(toneCorrections.at), asc(toneCorrections.id));
  return { ...score, effectiveLabel: score.correctedLabel ?? score.label, corrections };
}

/** The subject's tone: 404 when the subject is not this workspace's or has no score yet. */
export async function getTone(ctx: Ctx, ref: ToneSubjectRef): Promise<ToneView> {
  if (!(await readSubjectText(ctx, ref))) throw notFound(ref.subjectType.replace("_", " "));
  const score = await findScore(ctx, ref);
  if (!score) throw notFound("tone score (the text has not been scored yet)");
  return viewOf(ctx, score);
}

/**
 * A member's reading of the tone. Kept as a history row and audited; the effective label
 * follows the latest correction. Setting the label it already has changes nothing, so a
 * retried PUT adds no row. Correcting back to the computed label clears the override.
 */
export async function correctTone(
  ctx: Ctx,
  ref: ToneSubjectRef,
  input: CorrectToneInput,
  expectedVersion?: number,
): Promise<ToneView> {
  if (!(await readSubjectText(ctx, ref))) throw notFound(ref.subjectType.replace("_", " "));
  const memberId = ctx.actor.memberId;
  if (!hasRole(ctx.actor.role, "member") || !memberId) {
    throw new AppError("FORBIDDEN", "Viewers may read the tone but not correct it.");
  }
  const before = await findScore(ctx, ref, true);
  if (!before) throw notFound("tone score (the text has not been scored yet)");
  if (expectedVersion !== undefined) assertVersion(expectedVersion, before.version);
  const fromLabel = before.correctedLabel ?? before.label;
  if (fromLabel === input.label) return viewOf(ctx, before);
  const now = ctx.now();
  await ctx.db.insert(toneCorrections).values({
    workspaceId: ctx.workspaceId,
    toneScoreId: before.id,
    fromLabel,
    toLabel: input.label,
    note: input.note ?? null,
    byMemberId: memberId,
    at: now,
  });
  const [after] = await ctx.db
    .update(toneScores)
    .set({
      correctedLabel: input.label === before.label ? null : input.label,
      updatedAt: now,
      version: sql`${toneScores.version} + 1`,
    })
    .where(and(eq(toneScores.workspaceId, ctx.workspaceId), eq(toneScores.id, before.id)))
    .returning();
  if (!after) throw new Error("tone score update returned nothing");
  await recordAudit(ctx, {
    action: "tone.corrected",
    entityType: "tone_score",
    entityId: after.id,
    before,
    after: { ...after, note: input.note ?? null },
  });
  await enqueueToneFollowUps(ctx, after.accountId);
  return viewOf(ctx, after);
}
