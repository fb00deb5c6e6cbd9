/**
 * API tokens: a bearer secret shown once at creation and stored only as a hash. A token
 * acts as the member who made it; revoking is immediate.
 */
import { and, desc, eq, isNull, lt } from "drizzle-orm";
import { recordAudit } from "../audit/audit.queries";
import type { Ctx } from "../http/context";
import { notFound } from "../http/errors";
import { decodeCursor, toPage } from "../http/pagination";
import { hasRole } from "./auth.policies";
import { apiTokens } from "./auth.schema";
import { randomSecret, sha256 } from "./secrets";

const tokenView = {
  id: apiTokens.id,
  memberId: apiTokens.memberId,
  label: apiTokens.label,
  prefix: apiTokens.prefix,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  createdAt: apiTokens.createdAt,
};

export async function createApiToken(ctx: Ctx, input: { label: string; memberId: string }) {
  const token = randomSecret("rap");
  const now = ctx.now();
  const [row] = await ctx.db
    .insert(apiTokens)
    .values({
      workspaceId: ctx.workspaceId,
      memberId: input.memberId,
      label: input.label,
      prefix: token.slice(0, 10),
      tokenHash: sha256(token),
      createdAt: now,
      updatedAt: now,
    })
    .returning(tokenView);
  if (!row) throw new Error("token insert returned nothing");
  await recordAudit(ctx, {
    action: "token.created",
    entityType: "api_token",
    entityId: row.id,
    after: row,
  });
  return { ...row, token };
}

/** A member sees their own tokens; admins see every token of the workspace. */
export async function listApiTokens(ctx: Ctx, page: { limit: number; cursor?: string }) {
  const after = decodeCursor(page.cursor, 1);
  const rows = await ctx.db
    .select(tokenView)
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.workspaceId, ctx.workspaceId),
        hasRole(ctx.actor.role, "admin")
          ? undefined
          : eq(apiTokens.memberId, ctx.actor.memberId ?? ""),
        after ? lt(apiTokens.id, String(after[0])) : undefined,
      ),
    )
    .orderBy(desc(apiTokens.id))
    .limit(page.limit + 1);
  return toPage(rows, page.limit, (row) => [row.id]);
}

export async function revokeApiToken(ctx: Ctx, tokenId: string) {
  const [before] = await ctx.db
    .select(tokenView)
    .from(apiTokens)
    .where(and(eq(apiTokens.workspaceId, ctx.workspaceId), eq(apiTokens.id, tokenId)));
  // Someone else's token is as invisible to a non-admin as another workspace's.
  if (!before || (!hasRole(ctx.actor.role, "admin") && before.memberId !== ctx.actor.memberId)) {
    throw notFound("API token");
  }
  if (before.revokedAt) return before;
  const [after] = await ctx.db
    .update(apiTokens)
    .set({ revokedAt: ctx.now(), updatedAt: ctx.now() })
    .where(
      and(
        eq(apiTokens.workspaceId, ctx.workspaceId),
        eq(apiTokens.id, tokenId),
        isNull(apiTokens.revokedAt),
      ),
    )
    .returning(tokenView);
  await recordAudit(ctx, {
    action: "token.revoked",
    entityType: "api_token",
    entityId: tokenId,
    before,
    after,
  });
  return after ?? before;
}
