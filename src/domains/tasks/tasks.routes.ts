/** Tasks over HTTP: the workspace's list and create, then read, change, complete, dismiss, reopen. */
import { createRoute, z } from "@hono/zod-openapi";
import { requireIfMatch, setEtag } from "../../platform/http/concurrency";
import { pageQuerySchema, pageSchema } from "../../platform/http/pagination";
import { ctxFor, inTransaction } from "../../platform/http/request-ctx";
import { errors, jsonBody, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import {
  changeTaskInput,
  createTaskInput,
  dismissTaskInput,
  taskFilterInput,
  taskPriorities,
  taskSources,
  taskStatuses,
} from "./tasks.inputs";
import {
  completeTask,
  createTask,
  dismissTask,
  getTask,
  listTasks,
  reopenTask,
  updateTask,
} from "./tasks.queries";
import type { Task } from "./tasks.schema";

export const taskSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    detail: z.string().nullable(),
    accountId: z.string().nullable(),
    assigneeId: z.string(),
    dueAt: z.string().nullable(),
    priority: z.enum(taskPriorities),
    status: z.enum(taskStatuses),
    /** Why it was closed: the dismiss reason, or a rule's reason when a rule closed it. */
    closeReason: z.string().nullable(),
    source: z.enum(taskSources),
    /** What raised it, e.g. `cadence:<accountId>:<ruleId>`; null for a manual task. */
    sourceRef: z.string().nullable(),
    /** The member who created it; null when a rule or job raised it. */
    createdById: z.string().nullable(),
    closedAt: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Task");

/** The one place a task becomes API output. */
export function presentTask(t: Task): z.infer<typeof taskSchema> {
  return {
    id: t.id,
    title: t.title,
    detail: t.detail,
    accountId: t.accountId,
    assigneeId: t.assigneeId,
    dueAt: t.dueAt?.toISOString() ?? null,
    priority: t.priority,
    status: t.status,
    closeReason: t.dismissReason,
    source: t.source,
    sourceRef: t.sourceRef,
    createdById: t.createdById,
    closedAt: t.closedAt?.toISOString() ?? null,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

const tags = ["tasks"];
const optionalIfMatch = z.object({ "if-match": z.string().optional() });
const taskParam = z.object({
  taskId: z.uuid({ error: "Must be a UUID" }).openapi({ param: { name: "taskId", in: "path" } }),
});

const listRoute = createRoute({
  method: "get",
  path: "/tasks",
  tags,
  summary: "Tasks matching the filters, due soonest first (no due date last), then by id",
  request: { query: pageQuerySchema.extend(taskFilterInput.shape) },
  responses: { 200: jsonContent(pageSchema(taskSchema), "A page of tasks"), ...errors() },
});

const createTaskRoute = createRoute({
  method: "post",
  path: "/tasks",
  tags,
  summary: "Create a task for an active member, on an account or on none",
  request: { body: jsonBody(createTaskInput) },
  responses: { 201: jsonContent(taskSchema, "Created"), ...errors(403, 413) },
});

const getRoute = createRoute({
  method: "get",
  path: "/tasks/{taskId}",
  tags,
  summary: "One task (ETag carries its version)",
  request: { params: taskParam },
  responses: { 200: jsonContent(taskSchema, "The task"), ...errors(404) },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/tasks/{taskId}",
  tags,
  summary: "Change a task's title, detail, account, assignee, due date or priority (If-Match)",
  request: { params: taskParam, headers: optionalIfMatch, body: jsonBody(changeTaskInput) },
  responses: { 200: jsonContent(taskSchema, "Updated"), ...errors(403, 404, 412, 413, 428) },
});

const completeRoute = createRoute({
  method: "post",
  path: "/tasks/{taskId}/complete",
  tags,
  summary: "Mark an open task done (If-Match optional; done already: answered as is)",
  request: { params: taskParam, headers: optionalIfMatch },
  responses: { 200: jsonContent(taskSchema, "Done"), ...errors(403, 404, 409, 412) },
});

const dismissRoute = createRoute({
  method: "post",
  path: "/tasks/{taskId}/dismiss",
  tags,
  summary: "Dismiss an open task with a reason (If-Match optional)",
  request: { params: taskParam, headers: optionalIfMatch, body: jsonBody(dismissTaskInput) },
  responses: { 200: jsonContent(taskSchema, "Dismissed"), ...errors(403, 404, 409, 412, 413) },
});

const reopenRoute = createRoute({
  method: "post",
  path: "/tasks/{taskId}/reopen",
  tags,
  summary: "Reopen a done or dismissed task (409 if another open task follows the same cause)",
  request: { params: taskParam, headers: optionalIfMatch },
  responses: { 200: jsonContent(taskSchema, "Open again"), ...errors(403, 404, 409, 412) },
});

export function createTaskRoutes() {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const page = await listTasks(ctxFor(c), c.req.valid("query"));
      return c.json({ data: page.data.map(presentTask), nextCursor: page.nextCursor }, 200);
    })
    .openapi(createTaskRoute, async (c) => {
      const body = c.req.valid("json");
      const task = await inTransaction(c, (ctx) => createTask(ctx, body));
      setEtag(c, task.version);
      return c.json(presentTask(task), 201);
    })
    .openapi(getRoute, async (c) => {
      const task = await getTask(ctxFor(c), c.req.valid("param").taskId);
      setEtag(c, task.version);
      return c.json(presentTask(task), 200);
    })
    .openapi(updateRoute, async (c) => {
      const version = requireIfMatch(c);
      const { taskId } = c.req.valid("param");
      const body = c.req.valid("json");
      const task = await inTransaction(c, (ctx) => updateTask(ctx, taskId, version, body));
      setEtag(c, task.version);
      return c.json(presentTask(task), 200);
    })
    .openapi(completeRoute, async (c) => {
      const version = c.req.header("if-match") ? requireIfMatch(c) : undefined;
      const { taskId } = c.req.valid("param");
      const task = await inTransaction(c, (ctx) => completeTask(ctx, taskId, version));
      setEtag(c, task.version);
      return c.json(presentTask(task), 200);
    })
    .openapi(dismissRoute, async (c) => {
      const version = c.req.header("if-match") ? requireIfMatch(c) : undefined;
      const { taskId } = c.req.valid("param");
      const { reason } = c.req.valid("json");
      const task = await inTransaction(c, (ctx) => dismissTask(ctx, taskId, reason, version));
      setEtag(c, task.version);
      return c.json(presentTask(task), 200);
    })
    .openapi(reopenRoute, async (c) => {
      const version = c.req.header("if-match") ? requireIfMatch(c) : undefined;
      const { taskId } = c.req.valid("param");
      const task = await inTransaction(c, (ctx) => reopenTask(ctx, taskId, version));
      setEtag(c, task.version);
      return c.json(presentTask(task), 200);
    });
}
