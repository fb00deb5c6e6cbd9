/**
 * A member's own agenda preferences (the morning digest). A member without a row has the
 * defaults; the first change writes the row. Changes are audited.
 */
import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/audit.queries";
import { assertVersion } from "../../platform/http/concurrency";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import type { ChangePreferencesInput } from "./agenda.preferences.inputs";
import { type MemberPreferences, memberPreferences } from "./agenda.preferences.schema";

export type PreferencesView = Pick<
  MemberPreferences,
  "dailyDigest" | "digestHour" | "lastDigestOn" | "version"
>;

/** Version 0 means "never changed": send If-Match "0" to guard the first change. */
const defaults: PreferencesView = {
  dailyDigest: false,
  digestHour: 7,
  lastDigestOn: null,
  version: 0,
};

function memberOf(ctx: Ctx): string {
  if (!ctx.actor.memberId) throw new AppError("FORBIDDEN", "Preferences belong to a member.");
  return ctx.actor.memberId;
}

async function findPreferences(ctx: Ctx, memberId: string, forUpdate = false) {
  const query = ctx.db
    .select()
    .from(memberPreferences)
    .where(
      and(
        eq(memberPreferences.workspaceId, ctx.workspaceId),
        eq(memberPreferences.memberId, memberId),
      ),
    );
  const [row] = forUpdate ? await query.for("update") : await query;
  return row;
}

export async function getMyPreferences(ctx: Ctx): Promise<PreferencesView> {
  return (await findPreferences(ctx, memberOf(ctx))) ?? defaults;
}

export async function updateMyPreferences(
  ctx: Ctx,
  change: ChangePreferencesInput,
  expectedVersion?: number,
): Promise<PreferencesView> {
  const memberId = memberOf(ctx);
  const before = await findPreferences(ctx, memberId, true);
  if (expectedVersion !== undefined) assertVersion(expectedVersion, before?.version ?? 0);
  const now = ctx.now();
  const columns = { ...change, updatedAt: now };
  const [after] = await ctx.db
    .insert(memberPreferences)
    .values({ workspaceId: ctx.workspaceId, memberId, ...change, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [memberPreferences.workspaceId, memberPreferences.memberId],
      set: { ...columns, version: sql`${memberPreferences.version} + 1` },
    })
    .returning();
  if (!after) throw new Error("preferences upsert returned nothing");
  await recordAudit(ctx, {
    action: "member.preferences_changed",
    entityType: "member",
    entityId: memberId,
    before: before ?? defaults,
    after,
  });
  return after;
}
