/**
 * Surveys: the workspace's wording and throttles, one request per contact (reached by an
 * unguessable, expiring link whose hash alone is stored) and at most one answer per request.
 * An answer is written before any mail or alarm work, so it is never lost to a failure there.
 */
import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { members, workspaces } from "../../platform/auth/auth.schema";
import { idColumn, rowMeta, timestamptz, workspaceIdColumn } from "../../platform/db/columns";
import { accounts } from "../accounts/accounts.schema";
import { contacts } from "../contacts/contacts.schema";
import {
  type CheckInResponse,
  type SurveyKind,
  type SurveyTemplate,
  surveyKinds,
} from "./surveys.inputs";

/** One row per workspace, created on first use with the default wording. */
export const surveySettings = pgTable("survey_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id),
  templates: jsonb("templates")
    .$type<Partial<Record<SurveyKind, SurveyTemplate>>>()
    .notNull()
    .default({}),
  /** A contact is not asked the same kind again within this many days. */
  throttleDays: jsonb("throttle_days")
    .$type<Record<SurveyKind, number>>()
    .notNull()
    .default({ nps: 90, csat: 7, check_in: 30 }),
  /** How long a link stays open. */
  expiresAfterDays: integer("expires_after_days").notNull().default(14),
  ...rowMeta(),
});

export const surveyRequests = pgTable(
  "survey_requests",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    kind: text("kind", { enum: surveyKinds }).notNull(),
    contactId: uuid("contact_id").notNull(),
    accountId: uuid("account_id").notNull(),
    /** What the CSAT is about ("the migration in March"); shown on the answer page. */
    about: text("about"),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamptz("expires_at").notNull(),
    /** The outbox message that carried the link, when it was mailed. */
    outboxMessageId: uuid("outbox_message_id"),
    createdById: uuid("created_by_id"),
    answeredAt: timestamptz("answered_at"),
    cancelledAt: timestamptz("cancelled_at"),
    ...rowMeta(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("survey_requests_token_key").on(t.tokenHash),
    foreignKey({
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.createdById],
      foreignColumns: [members.workspaceId, members.id],
    }),
    // Throttle: the last request of a kind to a contact.
    index("survey_requests_contact_idx").on(t.workspaceId, t.contactId, t.kind, t.createdAt),
    // Response rates per account and period.
    index("survey_requests_account_idx").on(t.workspaceId, t.accountId, t.createdAt),
  ],
);

export const surveyAnswers = pgTable(
  "survey_answers",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    requestId: uuid("request_id").notNull(),
    kind: text("kind", { enum: surveyKinds }).notNull(),
    contactId: uuid("contact_id").notNull(),
    accountId: uuid("account_id").notNull(),
    /** NPS 0-10, CSAT 1-5, check-in 1-5 or null. */
    score: integer("score"),
    comment: text("comment"),
    responses: jsonb("responses").$type<CheckInResponse[]>().notNull().default([]),
    answeredAt: timestamptz("answered_at").notNull(),
    /** The person may change their answer until then (24 hours). */
    editableUntil: timestamptz("editable_until").notNull(),
    ...rowMeta(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("survey_answers_request_key").on(t.workspaceId, t.requestId),
    foreignKey({
      columns: [t.workspaceId, t.requestId],
      foreignColumns: [surveyRequests.workspaceId, surveyRequests.id],
    }),
    check("survey_answers_score_check", sql`${t.score} is null or (${t.score} between 0 and 10)`),
    index("survey_answers_account_idx").on(t.workspaceId, t.accountId, t.answeredAt),
    index("survey_answers_answered_idx").on(t.workspaceId, t.answeredAt),
  ],
);

export type SurveySettings = typeof surveySettings.$inferSelect;
export type SurveyRequest = typeof surveyRequests.$inferSelect;
export type SurveyAnswer = typeof surveyAnswers.$inferSelect;
