/**
 * Health: the current score of each account (one row, what the portfolio sorts by), a
 * snapshot whenever the score changes and at least daily (so trends and sparklines are
 * exact), and the workspace's weights. Each score is stored with its components and the
 * inputs it was computed from, so it can always be explained (DESIGN §4).
 */
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { workspaces } from "../../platform/auth/auth.schema";
import { idColumn, rowMeta, timestamptz, workspaceIdColumn } from "../../platform/db/columns";
import { accounts } from "../accounts/accounts.schema";
import {
  type HealthComponent,
  type HealthWeights,
  healthBands,
  healthTrends,
} from "./health.inputs";

export const healthSettings = pgTable("health_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id),
  weights: jsonb("weights").$type<Partial<HealthWeights>>().notNull().default({}),
  ...rowMeta(),
});

export const accountHealth = pgTable(
  "account_health",
  {
    workspaceId: workspaceIdColumn(),
    accountId: uuid("account_id").notNull(),
    score: integer("score").notNull(),
    band: text("band", { enum: healthBands }).notNull(),
    trend: text("trend", { enum: healthTrends }).notNull(),
    /** The component that pulls the score down most, as a one-line reason. */
    topConcern: text("top_concern"),
    components: jsonb("components").$type<HealthComponent[]>().notNull(),
    inputs: jsonb("inputs").$type<Record<string, unknown>>().notNull(),
    /**
     * Copied out of `inputs` for the portfolio page, which shows them on every row: reading
     * them from the jsonb detoasted ~1 kB per row and doubled the page's cost.
     */
    lastTouchAt: timestamptz("last_touch_at"),
    /** Points since the trend's base snapshot (a week old), when there is one. */
    change7d: integer("change_7d"),
    computedAt: timestamptz("computed_at").notNull(),
    ...rowMeta(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId] }),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }),
    // The portfolio, riskiest first (keyset on score, account).
    index("account_health_score_idx").on(t.workspaceId, t.score, t.accountId),
    index("account_health_band_idx").on(t.workspaceId, t.band, t.score),
  ],
);

export const healthSnapshots = pgTable(
  "health_snapshots",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    accountId: uuid("account_id").notNull(),
    score: integer("score").notNull(),
    band: text("band", { enum: healthBands }).notNull(),
    components: jsonb("components").$type<HealthComponent[]>().notNull(),
    inputs: jsonb("inputs").$type<Record<string, unknown>>().notNull(),
    computedAt: timestamptz("computed_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }),
    index("health_snapshots_account_idx").on(t.workspaceId, t.accountId, t.computedAt),
  ],
);

export type AccountHealth = typeof accountHealth.$inferSelect;
export type HealthSnapshot = typeof healthSnapshots.$inferSelect;
