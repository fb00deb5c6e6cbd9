/**
 * Interactions over HTTP: list and log or plan, read, change (reschedule, complete, edit),
 * cancel, archive, next steps into a task, the account timeline; and, in its own router
 * mounted before this one, the `.ics` invitation of a planned interaction.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { requireIfMatch, setEtag } from "../../platform/http/concurrency";
import { AppError } from "../../platform/http/errors";
import { pageQuerySchema, pageSchema } from "../../platform/http/pagination";
import { ctxFor, inTransaction } from "../../platform/http/request-ctx";
import { errors, idParam, jsonBody, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import { presentTask, taskSchema } from "../tasks";
import { interactionInvitation } from "./interactions.ics";
import {
  cancelInteractionInput,
  changeInteractionInput,
  createInteractionInput,
  interactionFilterInput,
  nextStepsTaskInput,
  timelineFilterInput,
} from "./interactions.inputs";
import { listInteractions } from "./interactions.list.queries";
import {
  interactionSchema,
  presentInteraction,
  presentTimelineEvent,
  timelineEventSchema,
} from "./interactions.present";
import {
  archiveInteraction,
  cancelInteraction,
  createInteraction,
  readInteraction,
  updateInteraction,
} from "./interactions.queries";
import { taskFromNextSteps } from "./interactions.tasks";
import { listTimeline } from "./interactions.timeline.queries";

const tags = ["interactions"];
const optionalIfMatch = z.object({ "if-match": z.string().optional() });

const listRoute = createRoute({
  method: "get",
  path: "/interactions",
  tags,
  summary: "Interactions, newest first by when they happened or are planned for",
  request: { query: pageQuerySchema.extend(interactionFilterInput.shape) },
  responses: { 200: jsonContent(pageSchema(interactionSchema), "A page of interactions") },
});

const createInteractionRoute = createRoute({
  method: "post",
  path: "/interactions",
  tags,
  summary: "Log a touch (occurredAt: completed) or plan one (scheduledAt: planned)",
  request: { body: jsonBody(createInteractionInput) },
  responses: { 201: jsonContent(interactionSchema, "Created"), ...errors(403, 413) },
});

const getRoute = createRoute({
  method: "get",
  path: "/interactions/{id}",
  tags,
  summary: "One interaction (ETag carries its version)",
  request: { params: idParam },
  responses: { 200: jsonContent(interactionSchema, "The interaction"), ...errors(404) },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/interactions/{id}",
  tags,
  summary:
    "Reschedule (new scheduledAt), complete (occurredAt) or edit an interaction (If-Match required)",
  request: { params: idParam, headers: optionalIfMatch, body: jsonBody(changeInteractionInput) },
  responses: {
    200: jsonContent(interactionSchema, "Updated"),
    ...errors(403, 404, 409, 412, 413, 428),
  },
});

const cancelRoute = createRoute({
  method: "post",
  path: "/interactions/{id}/cancel",
  tags,
  summary: "Cancel a planned interaction with a reason (If-Match optional)",
  request: { params: idParam, headers: optionalIfMatch, body: jsonBody(cancelInteractionInput) },
  responses: { 200: jsonContent(interactionSchema, "Cancelled"), ...errors(403, 404, 409, 412) },
});

const archiveRoute = createRoute({
  method: "post",
  path: "/interactions/{id}/archive",
  tags,
  summary: "Archive a mistaken interaction (If-Match optional): out of lists, kept on record",
  request: { params: idParam, headers: optionalIfMatch },
  responses: { 200: jsonContent(interactionSchema, "Archived"), ...errors(403, 404, 409, 412) },
});

const nextStepsTaskRoute = createRoute({
  method: "post",
  path: "/interactions/{id}/next-steps-task",
  tags,
  summary: "Turn the next steps into a task (201); the second time answers that task (200)",
  request: {
    params: idParam,
    body: { content: { "application/json": { schema: nextStepsTaskInput } } },
  },
  responses: {
    201: jsonContent(taskSchema, "Task created"),
    200: jsonContent(taskSchema, "The task made from these next steps before"),
    ...errors(403, 404, 409),
  },
});

const timelineRoute = createRoute({
  method: "get",
  path: "/accounts/{id}/timeline",
  tags,
  summary: "The account's history: interactions, status changes, milestones, needs; newest first",
  request: { params: idParam, query: pageQuerySchema.extend(timelineFilterInput.shape) },
  responses: {
    200: jsonContent(pageSchema(timelineEventSchema), "A page of events"),
    ...errors(404),
  },
});

export function createInteractionRoutes() {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const page = await listInteractions(ctxFor(c), c.req.valid("query"));
      return c.json({ data: page.data.map(presentInteraction), nextCursor: page.nextCursor }, 200);
    })
    .openapi(createInteractionRoute, async (c) => {
      const body = c.req.valid("json");
      const interaction = await inTransaction(c, (ctx) => createInteraction(ctx, body));
      setEtag(c, interaction.version);
      return c.json(presentInteraction(interaction), 201);
    })
    .openapi(getRoute, async (c) => {
      const interaction = await readInteraction(ctxFor(c), c.req.valid("param").id);
      setEtag(c, interaction.version);
      return c.json(presentInteraction(interaction), 200);
    })
    .openapi(updateRoute, async (c) => {
      const version = requireIfMatch(c);
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const interaction = await inTransaction(c, (ctx) =>
        updateInteraction(ctx, id, version, body),
      );
      setEtag(c, interaction.version);
      return c.json(presentInteraction(interaction), 200);
    })
    .openapi(cancelRoute, async (c) => {
      const version = c.req.header("if-match") ? requireIfMatch(c) : undefined;
      const { id } = c.req.valid("param");
      const { reason } = c.req.valid("json");
      const interaction = await inTransaction(c, (ctx) =>
        cancelInteraction(ctx, id, reason, version),
      );
      setEtag(c, interaction.version);
      return c.json(presentInteraction(interaction), 200);
    })
    .openapi(archiveRoute, async (c) => {
      const version = c.req.header("if-match") ? requireIfMatch(c) : undefined;
      const { id } = c.req.valid("param");
      const interaction = await inTransaction(c, (ctx) => archiveInteraction(ctx, id, version));
      setEtag(c, interaction.version);
      return c.json(presentInteraction(interaction), 200);
    })
    .openapi(nextStepsTaskRoute, async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json") ?? {};
      const { task, created } = await inTransaction(c, (ctx) => taskFromNextSteps(ctx, id, body));
      setEtag(c, task.version);
      return created ? c.json(presentTask(task), 201) : c.json(presentTask(task), 200);
    })
    .openapi(timelineRoute, async (c) => {
      const { id } = c.req.valid("param");
      const page = await listTimeline(ctxFor(c), id, c.req.valid("query"));
      return c.json(
        { data: page.data.map(presentTimelineEvent), nextCursor: page.nextCursor },
        200,
      );
    });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ICS_TYPE = "text/calendar; charset=utf-8";

const icsRoute = createRoute({
  method: "get",
  path: "/interactions/{id}.ics",
  tags,
  summary: "A planned interaction as an iCalendar invitation (UID stable, SEQUENCE = reschedules)",
  request: { params: idParam },
  responses: {
    200: { description: "The invitation", content: { "text/calendar": { schema: z.string() } } },
    ...errors(404, 409),
  },
});

/**
 * "/interactions/{id}.ics" cannot be a Hono path (the param would swallow ".ics" and every
 * "/interactions/{id}" with it), so it is documented as that and routed by a pattern that
 * matches only ".ics"; mount this router before createInteractionRoutes.
 */
export function createInteractionIcsRoutes() {
  const router = createRouter();
  router.openAPIRegistry.registerPath(icsRoute);
  router.get("/interactions/:file{[^/]+\\.ics}", async (c) => {
    const id = c.req.param("file").replace(/\.ics$/, "");
    if (!UUID.test(id)) {
      throw new AppError("VALIDATION_FAILED", "id: Must be a UUID", {
        errors: [{ path: "id", message: "Must be a UUID" }],
      });
    }
    const { ics } = await interactionInvitation(ctxFor(c), id);
    return c.body(ics, 200, {
      "content-type": ICS_TYPE,
      "content-disposition": `attachment; filename="interaction-${id}.ics"`,
    });
  });
  return router;
}
