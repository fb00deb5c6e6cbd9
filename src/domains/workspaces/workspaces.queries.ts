/**
 * Workspace settings: its name, the tiers accounts are ranked by, and the core markets
 * (segments) the firm means to grow in. Admins change them; everyone reads them.
 */
import { and, count, eq, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../../platform/audit/audit.queries";
import { assertRole } from "../../platform/auth/auth.policies";
import { workspaces } from "../../platform/auth/auth.schema";
import { assertVersion } from "../../platform/http/concurrency";
import type { Ctx } from "../../platform/http/context";
import { AppError, notFound } from "../../platform/http/errors";
import { accounts } from "../accounts";
import type { changeWorkspaceInput } from "./workspaces.inputs";

export type WorkspaceSettings = typeof workspaces.$inferSelect;

export async function getWorkspaceSettings(ctx: Ctx): Promise<WorkspaceSettings> {
  const [row] = await ctx.db.select().from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
  if (!row) throw notFound("workspace");
  return row;
}

/** The firm's time zone: every "today", due day and report period is a day there. */
export async function getWorkspaceTimeZone(ctx: Pick<Ctx, "db" | "workspaceId">): Promise<string> {
  const [row] = await ctx.db
    .select({ timeZone: workspaces.timeZone })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  return row?.timeZone ?? "UTC";
}

export async function updateWorkspaceSettings(
  ctx: Ctx,
  expectedVersion: number,
  change: z.output<typeof changeWorkspaceInput>,
): Promise<WorkspaceSettings> {
  assertRole(ctx.actor.role, "admin", "change workspace settings");
  const [before] = await ctx.db
    .select()
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId))
    .for("update");
  if (!before) throw notFound("workspace");
  assertVersion(expectedVersion, before.version);
  if (change.tiers) {
    const dropped = before.tiers.filter((tier) => !change.tiers?.includes(tier));
    if (dropped.length > 0) {
      const [inUse] = await ctx.db
        .select({ n: count() })
        .from(accounts)
        .where(
          and(
            eq(accounts.workspaceId, ctx.workspaceId),
            inArray(accounts.tier, dropped),
            isNull(accounts.archivedAt),
          ),
        );
      if ((inUse?.n ?? 0) > 0) {
        throw new AppError(
          "CONFLICT",
          `${inUse?.n} account(s) still use the tier ${dropped.map((t) => `"${t}"`).join(", ")}: move them to another tier first.`,
        );
      }
    }
  }
  const [after] = await ctx.db
    .update(workspaces)
    .set({ ...change, updatedAt: ctx.now(), version: sql`${workspaces.version} + 1` })
    .where(eq(workspaces.id, ctx.workspaceId))
    .returning();
  if (!after) throw notFound("workspace");
  await recordAudit(ctx, {
    action: "workspace.updated",
    entityType: "workspace",
    entityId: ctx.workspaceId,
    before,
    after,
  });
  return after;
}
