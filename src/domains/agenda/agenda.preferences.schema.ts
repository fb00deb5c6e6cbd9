/**
 * A member's agenda preferences: the optional morning digest. last_digest_on records the
 * firm's day a digest went out, so a restart on the same morning never sends a second one.
 */
import { boolean, date, foreignKey, integer, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { members } from "../../platform/auth/auth.schema";
import { rowMeta, workspaceIdColumn } from "../../platform/db/columns";

export const memberPreferences = pgTable(
  "member_preferences",
  {
    workspaceId: workspaceIdColumn(),
    memberId: uuid("member_id").notNull(),
    dailyDigest: boolean("daily_digest").notNull().default(false),
    /** Local hour (workspace time zone) the digest is sent at. */
    digestHour: integer("digest_hour").notNull().default(7),
    lastDigestOn: date("last_digest_on", { mode: "string" }),
    ...rowMeta(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.memberId] }),
    foreignKey({
      columns: [t.workspaceId, t.memberId],
      foreignColumns: [members.workspaceId, members.id],
    }),
  ],
);

export type MemberPreferences = typeof memberPreferences.$inferSelect;
