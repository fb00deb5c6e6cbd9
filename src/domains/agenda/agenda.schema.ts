/**
 * Calendar feeds: a member's private iCalendar subscription URL. Only the token's hash is
 * stored (like API tokens); revoking sets revoked_at and the URL answers 404 from then on.
 */
import {
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { members } from "../../platform/auth/auth.schema";
import { idColumn, rowMeta, timestamptz, workspaceIdColumn } from "../../platform/db/columns";

export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    memberId: uuid("member_id").notNull(),
    label: text("label"),
    tokenHash: text("token_hash").notNull(),
    lastUsedAt: timestamptz("last_used_at"),
    revokedAt: timestamptz("revoked_at"),
    ...rowMeta(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("calendar_feeds_hash_key").on(t.tokenHash),
    foreignKey({
      columns: [t.workspaceId, t.memberId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index("calendar_feeds_member_idx").on(t.workspaceId, t.memberId),
  ],
);

export type CalendarFeed = typeof calendarFeeds.$inferSelect;
