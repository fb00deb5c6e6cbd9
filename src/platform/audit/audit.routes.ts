/** Reading the audit log (managers and above). */
import { createRoute, z } from "@hono/zod-openapi";
import { assertMayReadAudit } from "../auth/auth.policies";
import { pageQuerySchema, pageSchema } from "../http/pagination";
import { ctxFor } from "../http/request-ctx";
import { errors, jsonContent } from "../http/responses";
import { createRouter } from "../http/router";
import { listAuditEvents } from "./audit.queries";

const auditEventSchema = z
  .object({
    id: z.string(),
    actorMemberId: z.string().nullable(),
    actorVia: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
    occurredAt: z.string(),
  })
  .openapi("AuditEvent");

const listRoute = createRoute({
  method: "get",
  path: "/audit-events",
  tags: ["audit"],
  summary: "Audit events, newest first, filtered by entity, actor and time range",
  request: {
    query: pageQuerySchema.extend({
      entityType: z.string().max(100).optional(),
      entityId: z.string().max(100).optional(),
      actorId: z.uuid().optional(),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
    }),
  },
  responses: {
    200: jsonContent(pageSchema(auditEventSchema), "A page of audit events"),
    ...errors(403),
  },
});

export function createAuditRoutes() {
  return createRouter().openapi(listRoute, async (c) => {
    const ctx = ctxFor(c);
    assertMayReadAudit(ctx.actor.role);
    const q = c.req.valid("query");
    const page = await listAuditEvents(ctx, {
      entityType: q.entityType,
      entityId: q.entityId,
      actorMemberId: q.actorId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      limit: q.limit,
      cursor: q.cursor,
    });
    return c.json(
      {
        data: page.data.map((e) => ({
          id: e.id,
          actorMemberId: e.actorMemberId,
          actorVia: e.actorVia,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId,
          before: e.before,
          after: e.after,
          requestId: e.requestId,
          occurredAt: e.occurredAt.toISOString(),
        })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });
}
