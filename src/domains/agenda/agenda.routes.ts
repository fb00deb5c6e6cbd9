/**
 * The agenda over HTTP: the signed-in member's Today page, their calendar feeds (create,
 * list, revoke), and the public .ics URL a calendar app subscribes to, which carries its
 * own credential (the token) instead of a session and is rate limited per address.
 */

import { getConnInfo } from "@hono/node-server/conninfo";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Ctx } from "../../platform/http/context";
import { notFound } from "../../platform/http/errors";
import { withholdFromReplay } from "../../platform/http/idempotency";
import { pageQuerySchema, pageSchema } from "../../platform/http/pagination";
import { RateLimiter } from "../../platform/http/rate-limit";
import { ctxFor, inTransaction } from "../../platform/http/request-ctx";
import { errors, idParam, jsonBody, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import {
  type CalendarFeedView,
  createCalendarFeed,
  feedPath,
  listCalendarFeeds,
  resolveCalendarFeed,
  revokeCalendarFeed,
} from "./agenda.feeds";
import { buildMemberCalendar } from "./agenda.ical";
import { agendaQueryInput, createCalendarFeedInput } from "./agenda.inputs";
import { agendaSchema } from "./agenda.present";
import { type Agenda, getAgenda } from "./agenda.queries";

const tags = ["agenda"];

export const calendarFeedSchema = z
  .object({
    id: z.string(),
    label: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("CalendarFeed");

/** The one place a feed becomes API output: never its hash, never its member's token. */
export function presentCalendarFeed(f: CalendarFeedView): z.infer<typeof calendarFeedSchema> {
  return {
    id: f.id,
    label: f.label,
    lastUsedAt: f.lastUsedAt?.toISOString() ?? null,
    revokedAt: f.revokedAt?.toISOString() ?? null,
    createdAt: f.createdAt.toISOString(),
  };
}

const agendaRoute = createRoute({
  method: "get",
  path: "/agenda",
  tags,
  summary:
    "Your Today page: planned interactions today and the next 7 days, touches overdue and due soon, tasks late and due today, important dates in the next 7 days, your quietest accounts",
  request: { query: agendaQueryInput },
  responses: { 200: jsonContent(agendaSchema, "The agenda of the day"), ...errors() },
});

const createFeedRoute = createRoute({
  method: "post",
  path: "/calendar-feeds",
  tags,
  summary: "Create a private calendar subscription URL (its token is shown only in this response)",
  request: { body: jsonBody(createCalendarFeedInput) },
  responses: {
    201: jsonContent(
      calendarFeedSchema.extend({ url: z.string() }).openapi("NewCalendarFeed"),
      "Created",
    ),
    ...errors(),
  },
});

const listFeedsRoute = createRoute({
  method: "get",
  path: "/calendar-feeds",
  tags,
  summary: "Your calendar feeds, newest first (without their URLs)",
  request: { query: pageQuerySchema },
  responses: { 200: jsonContent(pageSchema(calendarFeedSchema), "A page of feeds"), ...errors() },
});

const revokeFeedRoute = createRoute({
  method: "delete",
  path: "/calendar-feeds/{id}",
  tags,
  summary: "Revoke a calendar feed: its URL answers 404 from now on (admins may revoke anyone's)",
  request: { params: idParam },
  responses: { 200: jsonContent(calendarFeedSchema, "Revoked"), ...errors(404) },
});

const calendarRoute = createRoute({
  method: "get",
  path: "/calendar/{token}.ics",
  tags,
  summary: "The iCalendar feed behind a subscription URL (no session: the token is the credential)",
  security: [],
  request: {
    params: z.object({ token: z.string().openapi({ param: { name: "token", in: "path" } }) }),
  },
  responses: {
    200: { description: "text/calendar", content: { "text/calendar": { schema: z.string() } } },
    ...errors(404, 429),
  },
});

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

function presentAgenda(a: Agenda): z.infer<typeof agendaSchema> {
  const interaction = (i: Agenda["today"]["interactions"][number]) => ({
    id: i.id,
    kind: i.kind,
    scheduledAt: i.scheduledAt.toISOString(),
    day: i.day,
    durationMinutes: i.durationMinutes,
    summary: i.summary,
    reschedules: i.reschedules,
    account: i.account,
    contacts: i.contacts,
  });
  const touch = (t: Agenda["touches"]["overdue"][number]) => ({
    accountId: t.accountId,
    accountName: t.accountName,
    ruleId: t.ruleId,
    kind: t.kind,
    lastTouchAt: t.lastTouchAt?.toISOString() ?? null,
    dueOn: t.dueOn,
    daysOverdue: t.daysOverdue,
  });
  const task = (t: Agenda["tasks"]["late"][number]) => ({
    id: t.id,
    title: t.title,
    priority: t.priority,
    source: t.source,
    dueAt: (t.dueAt as Date).toISOString(),
    dueOn: t.dueOn,
    version: t.version,
    account: t.accountId ? { id: t.accountId, name: t.accountName ?? "" } : null,
  });
  return {
    date: a.date,
    timeZone: a.timeZone,
    today: { interactions: a.today.interactions.map(interaction) },
    week: { interactions: a.week.interactions.map(interaction) },
    touches: { overdue: a.touches.overdue.map(touch), dueSoon: a.touches.dueSoon.map(touch) },
    tasks: {
      late: a.tasks.late.map(task),
      today: a.tasks.today.map(task),
      alarms: a.tasks.alarms.map(task),
    },
    importantDates: a.importantDates,
    quietAccounts: a.quietAccounts.map((q) => ({
      accountId: q.id,
      accountName: q.name,
      status: q.status,
      lastTouchAt: q.lastTouchAt?.toISOString() ?? null,
      daysSinceTouch: q.daysSinceTouch,
    })),
  };
}

export function createAgendaRoutes() {
  // Per app instance, so each test app starts with clean counters.
  const feedReads = new RateLimiter(60, 60_000);
  const router = createRouter();
  // "{token}.ics" cannot be a Hono path (the param would swallow ".ics"): documented as
  // that, routed by a pattern that matches only ".ics".
  router.openAPIRegistry.registerPath(calendarRoute);
  router.get("/calendar/:file{[^/]+\\.ics}", async (c) => {
    const { db, now } = c.get("deps");
    feedReads.enforce(clientAddress(c), now().getTime(), "requests");
    const token = c.req.param("file").replace(/\.ics$/, "");
    const feed = await resolveCalendarFeed(db, token, now());
    if (!feed) throw notFound("calendar feed");
    const ctx: Ctx = {
      db,
      now,
      workspaceId: feed.workspaceId,
      actor: { memberId: feed.memberId, role: feed.role, via: "calendar_feed" },
      requestId: c.get("requestId"),
    };
    const body = await buildMemberCalendar(ctx, feed.memberId, {
      name: feed.label ? `Rapport: ${feed.label}` : "Rapport",
    });
    return c.body(body, 200, {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": 'inline; filename="rapport.ics"',
      "cache-control": "private, max-age=300",
    });
  });
  return router
    .openapi(agendaRoute, async (c) => {
      const agenda = await getAgenda(ctxFor(c), c.req.valid("query"));
      return c.json(presentAgenda(agenda), 200);
    })
    .openapi(createFeedRoute, async (c) => {
      const body = c.req.valid("json");
      const { feed, token } = await inTransaction(c, (ctx) => createCalendarFeed(ctx, body));
      const url = `${c.get("deps").config.publicUrl}${feedPath(token)}`;
      withholdFromReplay(c);
      return c.json({ ...presentCalendarFeed(feed), url }, 201);
    })
    .openapi(listFeedsRoute, async (c) => {
      const page = await listCalendarFeeds(ctxFor(c), c.req.valid("query"));
      return c.json({ data: page.data.map(presentCalendarFeed), nextCursor: page.nextCursor }, 200);
    })
    .openapi(revokeFeedRoute, async (c) => {
      const { id } = c.req.valid("param");
      const feed = await inTransaction(c, (ctx) => revokeCalendarFeed(ctx, id));
      return c.json(presentCalendarFeed(feed), 200);
    });
}
