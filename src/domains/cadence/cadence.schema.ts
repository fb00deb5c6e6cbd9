/**
 * Cadence rules: "accounts of tier T (or this account, or every prospect) need a touch of
 * kind K (or any meaningful kind) at least every N days". The state of each account under
 * each rule (last qualifying touch, due date, ok / due soon / overdue) is derived from the
 * interactions, never typed in.
 */
import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { idColumn, rowMeta, timestamptz, workspaceIdColumn } from "../../platform/db/columns";
import { accounts } from "../accounts/accounts.schema";
import { cadenceKinds, cadenceScopes } from "./cadence.inputs";

export const cadenceRules = pgTable(
  "cadence_rules",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    scope: text("scope", { enum: cadenceScopes }).notNull(),
    /** Set when scope = tier: one of the workspace's tiers. */
    tier: text("tier"),
    /** Set when scope = account. */
    accountId: uuid("account_id"),
    kind: text("kind", { enum: cadenceKinds }).notNull().default("any"),
    everyDays: integer("every_days").notNull(),
    ...rowMeta(),
    archivedAt: timestamptz("archived_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }),
    check("cadence_rules_every_days_check", sql`${t.everyDays} >= 1`),
    check(
      "cadence_rules_scope_check",
      sql`(${t.scope} = 'tier' and ${t.tier} is not null and ${t.accountId} is null) or (${t.scope} = 'account' and ${t.accountId} is not null and ${t.tier} is null) or (${t.scope} = 'prospects' and ${t.tier} is null and ${t.accountId} is null)`,
    ),
    index("cadence_rules_tier_idx").on(t.workspaceId, t.tier),
    index("cadence_rules_account_idx").on(t.workspaceId, t.accountId),
  ],
);

export type CadenceRule = typeof cadenceRules.$inferSelect;
export type NewCadenceRule = typeof cadenceRules.$inferInsert;
