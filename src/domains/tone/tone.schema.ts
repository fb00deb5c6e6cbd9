/**
 * Tone: a lexicon-based sentiment score of what a client said or what we wrote about a touch,
 * stored with a hash of the exact text it was computed from (a changed summary is scored
 * again), and any member's correction beside it. Corrections are rows of their own, so the
 * history of who said "this was not negative" is kept.
 */
import {
  foreignKey,
  index,
  pgTable,
  primaryKey,
  real,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { members } from "../../platform/auth/auth.schema";
import { idColumn, rowMeta, timestamptz, workspaceIdColumn } from "../../platform/db/columns";
import { accounts } from "../accounts/accounts.schema";
import { toneLabels, toneSubjects } from "./tone.inputs";

export const toneScores = pgTable(
  "tone_scores",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    subjectType: text("subject_type", { enum: toneSubjects }).notNull(),
    subjectId: uuid("subject_id").notNull(),
    accountId: uuid("account_id").notNull(),
    /** sha256 of the text scored: the text's version. */
    textHash: text("text_hash").notNull(),
    language: text("language").notNull(),
    /** The library's comparative score (sum of word scores / words), roughly -5..5. */
    score: real("score").notNull(),
    label: text("label", { enum: toneLabels }).notNull(),
    /** e.g. "sentiment@5.0.2/AFINN-165": what produced the score. */
    scorer: text("scorer").notNull(),
    /** When the subject happened (occurred_at, answered_at): the tone trend's time axis. */
    subjectAt: timestamptz("subject_at").notNull(),
    /** A member's correction, when there is one: it wins over the computed label. */
    correctedLabel: text("corrected_label", { enum: toneLabels }),
    ...rowMeta(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("tone_scores_subject_key").on(t.workspaceId, t.subjectType, t.subjectId),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }),
    index("tone_scores_account_idx").on(t.workspaceId, t.accountId, t.subjectAt),
  ],
);

export const toneCorrections = pgTable(
  "tone_corrections",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    toneScoreId: uuid("tone_score_id").notNull(),
    fromLabel: text("from_label", { enum: toneLabels }).notNull(),
    toLabel: text("to_label", { enum: toneLabels }).notNull(),
    note: text("note"),
    byMemberId: uuid("by_member_id").notNull(),
    at: timestamptz("at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.toneScoreId],
      foreignColumns: [toneScores.workspaceId, toneScores.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.byMemberId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index("tone_corrections_score_idx").on(t.workspaceId, t.toneScoreId),
  ],
);

export type ToneScore = typeof toneScores.$inferSelect;
