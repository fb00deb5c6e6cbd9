/**
 * Who may use Rapport: workspaces (one per firm), users (a person's login, shared across
 * workspaces), members (a user's role in one workspace), sessions, API tokens and
 * invitations. Secrets (passwords, session and API tokens) are only ever stored hashed.
 */
import { sql } from "drizzle-orm";
import {
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { idColumn, rowMeta, timestamptz, workspaceIdColumn } from "../db/columns";

import { memberStatuses, roles } from "./auth.roles";

export { type MemberStatus, memberStatuses, type Role, roles } from "./auth.roles";

export const workspaces = pgTable("workspaces", {
  id: idColumn().primaryKey(),
  name: text("name").notNull(),
  /** The firm's account tiers, most important first (Settings → Workspace). */
  tiers: text("tiers").array().notNull().default(sql`'{key,growth,standard}'::text[]`),
  /** The firm's core markets; an account in none of them is "outside core markets" (P25). */
  coreSegments: text("core_segments").array().notNull().default(sql`'{}'::text[]`),
  /** IANA time zone: days (due dates, "today", report periods) are the firm's days. */
  timeZone: text("time_zone").notNull().default("UTC"),
  /** The language the tone of notes and answers is scored in (tone domain). */
  toneLanguage: text("tone_language").notNull().default("en"),
  ...rowMeta(),
  archivedAt: timestamptz("archived_at"),
});

export const users = pgTable(
  "users",
  {
    id: idColumn().primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    ...rowMeta(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const members = pgTable(
  "members",
  {
    workspaceId: workspaceIdColumn().references(() => workspaces.id),
    id: idColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role", { enum: roles }).notNull(),
    status: text("status", { enum: memberStatuses }).notNull().default("invited"),
    ...rowMeta(),
    archivedAt: timestamptz("archived_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("members_workspace_user_key").on(t.workspaceId, t.userId),
    index("members_user_idx").on(t.userId),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    /** sha256 of the cookie value: a stolen database does not yield live sessions. */
    tokenHash: text("token_hash").primaryKey(),
    workspaceId: workspaceIdColumn(),
    memberId: uuid("member_id").notNull(),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    expiresAt: timestamptz("expires_at").notNull(),
  },
  (t) => [
    foreignKey({
      columns: [t.workspaceId, t.memberId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index("sessions_member_idx").on(t.workspaceId, t.memberId),
  ],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    memberId: uuid("member_id").notNull(),
    label: text("label").notNull(),
    /** First characters of the token, shown in lists so people can tell tokens apart. */
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    lastUsedAt: timestamptz("last_used_at"),
    revokedAt: timestamptz("revoked_at"),
    ...rowMeta(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("api_tokens_hash_key").on(t.tokenHash),
    foreignKey({
      columns: [t.workspaceId, t.memberId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index("api_tokens_member_idx").on(t.workspaceId, t.memberId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    memberId: uuid("member_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by"),
    expiresAt: timestamptz("expires_at").notNull(),
    acceptedAt: timestamptz("accepted_at"),
    ...rowMeta(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("invitations_hash_key").on(t.tokenHash),
    foreignKey({
      columns: [t.workspaceId, t.memberId],
      foreignColumns: [members.workspaceId, members.id],
    }),
  ],
);

export type Workspace = typeof workspaces.$inferSelect;
export type User = typeof users.$inferSelect;
export type Member = typeof members.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
