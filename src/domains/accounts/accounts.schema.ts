/**
 * Accounts: the client firms a workspace serves. Status history and milestones are small,
 * always read with the account and always written under its version check, so they live
 * in jsonb on the row rather than in child tables.
 */
import { sql } from "drizzle-orm";
import {
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
import {
  idColumn,
  rowMeta,
  timestamptz,
  tsvector,
  workspaceIdColumn,
} from "../../platform/db/columns";
import {
  type AccountStatus,
  accountStatuses,
  serviceCoverages,
  serviceHours,
  teamRoleValues,
} from "./accounts.inputs";

/** One entry per status the account has had, oldest first; changedAt is an ISO timestamp. */
export type StatusChange = { status: AccountStatus; changedAt: string };
export type Milestone = { on: string; title: string; detail?: string };

export const accounts = pgTable(
  "accounts",
  {
    workspaceId: workspaceIdColumn().references(() => workspaces.id),
    id: idColumn(),
    name: text("name").notNull(),
    /** Normalised lower-case host; unique among the workspace's non-archived accounts. */
    domain: text("domain"),
    status: text("status", { enum: accountStatuses }).notNull().default("prospect"),
    statusHistory: jsonb("status_history").$type<StatusChange[]>().notNull().default([]),
    /** One of the workspace's tiers (workspaces.tiers). */
    tier: text("tier"),
    segment: text("segment"),
    serviceCoverage: text("service_coverage", { enum: serviceCoverages }),
    serviceHours: text("service_hours", { enum: serviceHours }),
    ownerId: uuid("owner_id").notNull(),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** Number of employees. */
    size: integer("size"),
    background: text("background"),
    aspirations: text("aspirations"),
    milestones: jsonb("milestones").$type<Milestone[]>().notNull().default([]),
    ...rowMeta(),
    archivedAt: timestamptz("archived_at"),
    /** Full-text search: name first, then domain, segment and tags (see the search domain). */
    search: tsvector("search").generatedAlwaysAs(
      sql`setweight(to_tsvector('simple'::regconfig, coalesce(name, '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce(domain, '') || ' ' || coalesce(segment, '')), 'B') || setweight(to_tsvector('simple'::regconfig, rapport_join_text(tags)), 'C')`,
    ),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("accounts_search_idx").using("gin", t.search),
    foreignKey({
      columns: [t.workspaceId, t.ownerId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    uniqueIndex("accounts_domain_key")
      .on(t.workspaceId, t.domain)
      .where(sql`${t.archivedAt} is null and ${t.domain} is not null`),
    // Sort orders (each ends in id, the keyset tie-breaker).
    index("accounts_name_idx").on(t.workspaceId, sql`lower(${t.name})`, t.id),
    index("accounts_created_idx").on(t.workspaceId, t.createdAt, t.id),
    index("accounts_updated_idx").on(t.workspaceId, t.updatedAt, t.id),
    // Filters.
    index("accounts_status_idx").on(t.workspaceId, t.status),
    index("accounts_tier_idx").on(t.workspaceId, t.tier),
    index("accounts_segment_idx").on(t.workspaceId, t.segment),
    index("accounts_owner_idx").on(t.workspaceId, t.ownerId),
  ],
);

export const teamRoles = teamRoleValues;
export type TeamRole = (typeof teamRoles)[number];

/** Our side of the relationship: who on the firm's team serves the account, and how. */
export const accountTeamMembers = pgTable(
  "account_team_members",
  {
    workspaceId: workspaceIdColumn(),
    accountId: uuid("account_id").notNull(),
    memberId: uuid("member_id").notNull(),
    role: text("role", { enum: teamRoles }).notNull(),
    responsibility: text("responsibility"),
    /** Set when someone leaves the team: the row stays, so who covered the account stays known. */
    endedAt: timestamptz("ended_at"),
    ...rowMeta(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.memberId] }),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.memberId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    // "Accounts I am on the team of" for members and the agenda.
    index("account_team_member_idx").on(t.workspaceId, t.memberId),
  ],
);

export type Account = typeof accounts.$inferSelect;
export type AccountTeamMember = typeof accountTeamMembers.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;
