/**
 * Calendar feeds: a member's private iCalendar subscription URLs. The token in the URL is
 * the credential (calendar apps send no session), so, like an API token, it has 256 bits of
 * entropy, is shown once and only its sha256 is stored. Revoking is immediate: the URL
 * answers 404 from then on. Creation and revocation are audited.
 */
import { and, desc, eq, isNull, lt } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/audit.queries";
import { hasRole } from "../../platform/auth/auth.policies";
import { members } from "../../platform/auth/auth.schema";
import { randomSecret, sha256 } from "../../platform/auth/secrets";
import type { Db } from "../../platform/db/client";
import type { Ctx } from "../../platform/http/context";
import { notFound } from "../../platform/http/errors";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { calendarFeeds } from "./agenda.schema";

const feedView = {
  id: calendarFeeds.id,
  memberId: calendarFeeds.memberId,
  label: calendarFeeds.label,
  lastUsedAt: calendarFeeds.lastUsedAt,
  revokedAt: calendarFeeds.revokedAt,
  createdAt: calendarFeeds.createdAt,
};

export type CalendarFeedView = {
  id: string;
  memberId: string;
  label: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

/** The path of a feed's URL; the token may hold only [A-Za-z0-9_-]. */
export const feedPath = (token: string) => `/api/v1/calendar/${token}.ics`;

export async function createCalendarFeed(ctx: Ctx, input: { label?: string | null }) {
  const memberId = ctx.actor.memberId;
  if (!memberId) throw new Error("a calendar feed is a member's");
  const token = randomSecret("cal");
  const now = ctx.now();
  const [feed] = await ctx.db
    .insert(calendarFeeds)
    .values({
      workspaceId: ctx.workspaceId,
      memberId,
      label: input.label ?? null,
      tokenHash: sha256(token),
      createdAt: now,
      updatedAt: now,
    })
    .returning(feedView);
  if (!feed) throw new Error("calendar feed insert returned nothing");
  await recordAudit(ctx, {
    action: "calendar_feed.created",
    entityType: "calendar_feed",
    entityId: feed.id,
    after: feed,
  });
  return { feed, token };
}

/** The caller's own feeds, newest first (revoked ones too, marked by revokedAt). */
export async function listCalendarFeeds(ctx: Ctx, page: { limit: number; cursor?: string }) {
  const after = decodeCursor(page.cursor, 1);
  const rows = await ctx.db
    .select(feedView)
    .from(calendarFeeds)
    .where(
      and(
        eq(calendarFeeds.workspaceId, ctx.workspaceId),
        eq(calendarFeeds.memberId, ctx.actor.memberId ?? ""),
        after ? lt(calendarFeeds.id, String(after[0])) : undefined,
      ),
    )
    .orderBy(desc(calendarFeeds.id))
    .limit(page.limit + 1);
  return toPage(rows, page.limit, (row) => [row.id]);
}

/**
 * Revokes one of the caller's feeds; admins may revoke anyone's (a leaked URL must be
 * stoppable without its owner). Someone else's feed is as invisible as another workspace's.
 */
export async function revokeCalendarFeed(ctx: Ctx, feedId: string): Promise<CalendarFeedView> {
  const [before] = await ctx.db
    .select(feedView)
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.workspaceId, ctx.workspaceId), eq(calendarFeeds.id, feedId)))
    .for("update");
  if (!before || (before.memberId !== ctx.actor.memberId && !hasRole(ctx.actor.role, "admin"))) {
    throw notFound("calendar feed");
  }
  // Already revoked: answer it as is, so a retried request is harmless.
  if (before.revokedAt) return before;
  const now = ctx.now();
  const [after] = await ctx.db
    .update(calendarFeeds)
    .set({ revokedAt: now, updatedAt: now })
    .where(and(eq(calendarFeeds.workspaceId, ctx.workspaceId), eq(calendarFeeds.id, feedId)))
    .returning(feedView);
  if (!after) throw notFound("calendar feed");
  await recordAudit(ctx, {
    action: "calendar_feed.revoked",
    entityType: "calendar_feed",
    entityId: feedId,
    before,
    after,
  });
  return after;
}

const TOKEN = /^cal_[A-Za-z0-9_-]{43}$/;

/**
 * The member a feed token acts for, or undefined when the token is unknown, revoked, or its
 * member is no longer active. Marks the feed used at most once a minute.
 */
export async function resolveCalendarFeed(db: Db, token: string, now: Date) {
  if (!TOKEN.test(token)) return undefined;
  const [row] = await db
    .select({
      feedId: calendarFeeds.id,
      workspaceId: calendarFeeds.workspaceId,
      memberId: calendarFeeds.memberId,
      label: calendarFeeds.label,
      role: members.role,
      lastUsedAt: calendarFeeds.lastUsedAt,
    })
    .from(calendarFeeds)
    .innerJoin(
      members,
      and(
        eq(members.workspaceId, calendarFeeds.workspaceId),
        eq(members.id, calendarFeeds.memberId),
      ),
    )
    .where(
      and(
        eq(calendarFeeds.tokenHash, sha256(token)),
        isNull(calendarFeeds.revokedAt),
        eq(members.status, "active"),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(calendarFeeds)
      .set({ lastUsedAt: now })
      .where(and(eq(calendarFeeds.workspaceId, row.workspaceId), eq(calendarFeeds.id, row.feedId)));
  }
  return row;
}
