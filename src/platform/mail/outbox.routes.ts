/** Settings → Outbox: every message Rapport sent or is waiting to send (admins). */
import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, lt } from "drizzle-orm";
import { assertRole } from "../auth/auth.policies";
import { decodeCursor, pageQuerySchema, toPage } from "../http/pagination";
import { ctxFor } from "../http/request-ctx";
import { errors, jsonContent } from "../http/responses";
import { createRouter } from "../http/router";
import { outboxMessages, outboxStatuses } from "./mail.schema";

const messageSchema = z
  .object({
    id: z.string(),
    toAddress: z.string(),
    subject: z.string(),
    kind: z.string(),
    status: z.enum(outboxStatuses),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    sentAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("OutboxMessage");

const listRoute = createRoute({
  method: "get",
  path: "/outbox",
  tags: ["mail"],
  summary: "Outgoing mail, newest first (admins)",
  request: { query: pageQuerySchema.extend({ status: z.enum(outboxStatuses).optional() }) },
  responses: {
    200: jsonContent(
      z.object({
        data: z.array(messageSchema),
        nextCursor: z.string().nullable(),
        smtpConfigured: z.boolean(),
      }),
      "A page of messages",
    ),
    ...errors(403),
  },
});

export function createOutboxRoutes() {
  return createRouter().openapi(listRoute, async (c) => {
    const ctx = ctxFor(c);
    assertRole(ctx.actor.role, "admin", "read the outbox");
    const { limit, cursor, status } = c.req.valid("query");
    const after = decodeCursor(cursor, 1);
    const rows = await ctx.db
      .select()
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.workspaceId, ctx.workspaceId),
          status ? eq(outboxMessages.status, status) : undefined,
          after ? lt(outboxMessages.id, String(after[0])) : undefined,
        ),
      )
      .orderBy(desc(outboxMessages.id))
      .limit(limit + 1);
    const page = toPage(rows, limit, (row) => [row.id]);
    return c.json(
      {
        data: page.data.map((m) => ({
          id: m.id,
          toAddress: m.toAddress,
          subject: m.subject,
          kind: m.kind,
          status: m.status,
          attempts: m.attempts,
          lastError: m.lastError,
          sentAt: m.sentAt?.toISOString() ?? null,
          createdAt: m.createdAt.toISOString(),
        })),
        nextCursor: page.nextCursor,
        smtpConfigured: Boolean(c.get("deps").config.smtpUrl),
      },
      200,
    );
  });
}
