/** The team on our side of an account: list, add or change a member's role, take someone off. */
import { createRoute, z } from "@hono/zod-openapi";
import { ctxFor, inTransaction } from "../../platform/http/request-ctx";
import { errors, jsonBody, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import { setTeamMemberInput, teamRoleValues } from "./accounts.inputs";
import { listAccountTeam, removeTeamMember, setTeamMember } from "./accounts.team.queries";

const teamSchema = z
  .object({
    data: z.array(
      z.object({
        memberId: z.string(),
        name: z.string(),
        email: z.string(),
        role: z.enum(teamRoleValues),
        responsibility: z.string().nullable(),
        isOwner: z.boolean(),
      }),
    ),
  })
  .openapi("AccountTeam");

const accountParam = z.object({
  id: z.uuid({ error: "Must be a UUID" }).openapi({ param: { name: "id", in: "path" } }),
});
const memberParams = accountParam.extend({
  memberId: z
    .uuid({ error: "Must be a UUID" })
    .openapi({ param: { name: "memberId", in: "path" } }),
});

const listRoute = createRoute({
  method: "get",
  path: "/accounts/{id}/team",
  tags: ["accounts"],
  summary: "Who on our side serves the account (the owner always included)",
  request: { params: accountParam },
  responses: { 200: jsonContent(teamSchema, "The team"), ...errors(404) },
});

const setRoute = createRoute({
  method: "put",
  path: "/accounts/{id}/team/{memberId}",
  tags: ["accounts"],
  summary: "Put a member on the team with a role and responsibility (or change them)",
  request: { params: memberParams, body: jsonBody(setTeamMemberInput) },
  responses: {
    200: jsonContent(teamSchema, "The team after the change"),
    ...errors(403, 404, 409),
  },
});

const removeRoute = createRoute({
  method: "delete",
  path: "/accounts/{id}/team/{memberId}",
  tags: ["accounts"],
  summary: "Take a member off the team (the owner stays; hand the account over instead)",
  request: { params: memberParams },
  responses: {
    200: jsonContent(teamSchema, "The team after the change"),
    ...errors(403, 404, 409),
  },
});

export function createAccountTeamRoutes() {
  return createRouter()
    .openapi(listRoute, async (c) => {
      return c.json({ data: await listAccountTeam(ctxFor(c), c.req.valid("param").id) }, 200);
    })
    .openapi(setRoute, async (c) => {
      const { id, memberId } = c.req.valid("param");
      const body = c.req.valid("json");
      const team = await inTransaction(c, (ctx) => setTeamMember(ctx, id, memberId, body));
      return c.json({ data: team }, 200);
    })
    .openapi(removeRoute, async (c) => {
      const { id, memberId } = c.req.valid("param");
      const team = await inTransaction(c, (ctx) => removeTeamMember(ctx, id, memberId));
      return c.json({ data: team }, 200);
    });
}
