/** The signed-in member's own preferences: GET and PATCH /me/preferences. */
import { createRoute, z } from "@hono/zod-openapi";
import { requireIfMatch, setEtag } from "../../platform/http/concurrency";
import { ctxFor, inTransaction } from "../../platform/http/request-ctx";
import { errors, jsonBody, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import { changePreferencesInput } from "./agenda.preferences.inputs";
import {
  getMyPreferences,
  type PreferencesView,
  updateMyPreferences,
} from "./agenda.preferences.queries";

export const preferencesSchema = z
  .object({
    /** A morning email with the day's agenda and new alarms. */
    dailyDigest: z.boolean(),
    /** The local hour (workspace time zone) it goes out at, 0-23. */
    digestHour: z.number().int(),
    /** The firm's day the last digest went out (YYYY-MM-DD), if any. */
    lastDigestOn: z.string().nullable(),
    /** 0 until the first change. */
    version: z.number().int(),
  })
  .openapi("MemberPreferences");

export function presentPreferences(p: PreferencesView): z.infer<typeof preferencesSchema> {
  return {
    dailyDigest: p.dailyDigest,
    digestHour: p.digestHour,
    lastDigestOn: p.lastDigestOn,
    version: p.version,
  };
}

const tags = ["agenda"];

const getRoute = createRoute({
  method: "get",
  path: "/me/preferences",
  tags,
  summary: "Your preferences: the morning digest and its hour (ETag carries the version)",
  responses: { 200: jsonContent(preferencesSchema, "Your preferences"), ...errors(403) },
});

const patchRoute = createRoute({
  method: "patch",
  path: "/me/preferences",
  tags,
  summary: 'Change your preferences (If-Match optional; "0" before the first change)',
  request: {
    headers: z.object({ "if-match": z.string().optional() }),
    body: jsonBody(changePreferencesInput),
  },
  responses: { 200: jsonContent(preferencesSchema, "Changed"), ...errors(403, 412, 413) },
});

export function createPreferencesRoutes() {
  return createRouter()
    .openapi(getRoute, async (c) => {
      const preferences = await getMyPreferences(ctxFor(c));
      setEtag(c, preferences.version);
      return c.json(presentPreferences(preferences), 200);
    })
    .openapi(patchRoute, async (c) => {
      const version = c.req.header("if-match") ? requireIfMatch(c) : undefined;
      const body = c.req.valid("json");
      const preferences = await inTransaction(c, (ctx) => updateMyPreferences(ctx, body, version));
      setEtag(c, preferences.version);
      return c.json(presentPreferences(preferences), 200);
    });
}
