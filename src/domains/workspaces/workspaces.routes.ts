/** Settings → Workspace: read (everyone) and change (admins) the workspace's settings. */
import { createRoute, z } from "@hono/zod-openapi";
import { requireIfMatch, setEtag } from "../../platform/http/concurrency";
import { ctxFor, inTransaction } from "../../platform/http/request-ctx";
import { errors, jsonBody, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import { changeWorkspaceInput } from "./workspaces.inputs";
import {
  getWorkspaceSettings,
  updateWorkspaceSettings,
  type WorkspaceSettings,
} from "./workspaces.queries";

const workspaceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    tiers: z.array(z.string()),
    coreSegments: z.array(z.string()),
    timeZone: z.string().openapi({ description: "IANA time zone of the firm's days" }),
    toneLanguage: z.string().openapi({ description: "Language the tone of texts is scored in" }),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("Workspace");

function presentWorkspace(w: WorkspaceSettings): z.infer<typeof workspaceSchema> {
  return {
    id: w.id,
    name: w.name,
    tiers: w.tiers,
    coreSegments: w.coreSegments,
    timeZone: w.timeZone,
    toneLanguage: w.toneLanguage,
    version: w.version,
    updatedAt: w.updatedAt.toISOString(),
  };
}

const getRoute = createRoute({
  method: "get",
  path: "/workspace",
  tags: ["workspace"],
  summary: "The workspace's settings: name, account tiers, core markets",
  responses: {
    200: jsonContent(workspaceSchema, "Settings (ETag carries the version)"),
    ...errors(),
  },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/workspace",
  tags: ["workspace"],
  summary: "Change the workspace's settings (admins; If-Match required)",
  request: {
    headers: z.object({ "if-match": z.string().optional() }),
    body: jsonBody(changeWorkspaceInput),
  },
  responses: { 200: jsonContent(workspaceSchema, "Updated"), ...errors(403, 409, 412, 428) },
});

export function createWorkspaceRoutes() {
  return createRouter()
    .openapi(getRoute, async (c) => {
      const settings = await getWorkspaceSettings(ctxFor(c));
      setEtag(c, settings.version);
      return c.json(presentWorkspace(settings), 200);
    })
    .openapi(updateRoute, async (c) => {
      const version = requireIfMatch(c);
      const body = c.req.valid("json");
      const settings = await inTransaction(c, (ctx) => updateWorkspaceSettings(ctx, version, body));
      setEtag(c, settings.version);
      return c.json(presentWorkspace(settings), 200);
    });
}
