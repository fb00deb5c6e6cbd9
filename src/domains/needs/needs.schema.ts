/** Needs: what a client wants to achieve (goals), what stands in the way, what they need. */
import { sql } from "drizzle-orm";
import { date, foreignKey, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import {
  idColumn,
  rowMeta,
  timestamptz,
  tsvector,
  workspaceIdColumn,
} from "../../platform/db/columns";
import { accounts } from "../accounts/accounts.schema";
import { needKinds, needPriorities, needStatuses } from "./needs.inputs";

export const needs = pgTable(
  "needs",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    accountId: uuid("account_id").notNull(),
    kind: text("kind", { enum: needKinds }).notNull(),
    title: text("title").notNull(),
    detail: text("detail"),
    priority: text("priority", { enum: needPriorities }).notNull().default("medium"),
    status: text("status", { enum: needStatuses }).notNull().default("open"),
    learnedOn: date("learned_on", { mode: "string" }).notNull(),
    /** When the status last changed (addressed or dropped needs say when). */
    statusChangedAt: timestamptz("status_changed_at"),
    ...rowMeta(),
    archivedAt: timestamptz("archived_at"),
    search: tsvector("search").generatedAlwaysAs(
      sql`setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce(detail, '')), 'D')`,
    ),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }),
    index("needs_account_idx").on(t.workspaceId, t.accountId, t.status),
    index("needs_search_idx").using("gin", t.search),
  ],
);

export type Need = typeof needs.$inferSelect;
export type NewNeed = typeof needs.$inferInsert;
