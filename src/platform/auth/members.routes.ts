/** Members of the workspace: list, read, invite, change role or deactivate. */

import { createRoute, z } from "@hono/zod-openapi";
import { requireIfMatch, setEtag } from "../http/concurrency";
import { withholdFromReplay } from "../http/idempotency";
import { pageQuerySchema, pageSchema } from "../http/pagination";
import { ctxFor, inTransaction } from "../http/request-ctx";
import { errors, idParam, jsonBody, jsonContent } from "../http/responses";
import { createRouter } from "../http/router";
import { changeMemberInput, inviteMemberInput } from "./auth.inputs";
import { memberStatuses, roles } from "./auth.schema";
import { inviteMember } from "./invitations.queries";
import { getMember, listMembers, updateMember } from "./members.queries";

export const memberSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    status: z.enum(memberStatuses),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi("Member");

type MemberRow = {
  id: string;
  email: string;
  name: string;
  role: (typeof roles)[number];
  status: (typeof memberStatuses)[number];
  createdAt: Date;
  updatedAt: Date;
  version: number;
};

/** The one place a member becomes API output: user ids and hashes never leave. */
export function presentMember(m: MemberRow) {
  return {
    id: m.id,
    email: m.email,
    name: m.name,
    role: m.role,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    version: m.version,
  };
}

const listRoute = createRoute({
  method: "get",
  path: "/members",
  tags: ["members"],
  summary: "List the workspace's members",
  request: { query: pageQuerySchema },
  responses: { 200: jsonContent(pageSchema(memberSchema), "A page of members"), ...errors() },
});

const getRoute = createRoute({
  method: "get",
  path: "/members/{id}",
  tags: ["members"],
  summary: "One member",
  request: { params: idParam },
  responses: {
    200: jsonContent(memberSchema, "The member (ETag carries its version)"),
    ...errors(404),
  },
});

const inviteRoute = createRoute({
  method: "post",
  path: "/members",
  tags: ["members"],
  summary: "Invite a member: creates them as invited and mails a one-time link",
  request: {
    body: jsonBody(inviteMemberInput),
  },
  responses: {
    201: jsonContent(z.object({ member: memberSchema, invitationUrl: z.string() }), "Invited"),
    ...errors(403, 409),
  },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/members/{id}",
  tags: ["members"],
  summary: "Change a member's role or deactivate/reactivate them (If-Match required)",
  request: {
    params: idParam,
    headers: z.object({ "if-match": z.string().optional() }),
    body: jsonBody(changeMemberInput),
  },
  responses: { 200: jsonContent(memberSchema, "Updated"), ...errors(403, 404, 409, 412, 428) },
});

export function createMemberRoutes() {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const page = await listMembers(ctxFor(c), c.req.valid("query"));
      return c.json({ data: page.data.map(presentMember), nextCursor: page.nextCursor }, 200);
    })
    .openapi(getRoute, async (c) => {
      const member = await getMember(ctxFor(c), c.req.valid("param").id);
      setEtag(c, member.version);
      return c.json(presentMember(member), 200);
    })
    .openapi(inviteRoute, async (c) => {
      const body = c.req.valid("json");
      const { publicUrl } = c.get("deps").config;
      const invited = await inTransaction(c, (ctx) => inviteMember(ctx, body, publicUrl));
      setEtag(c, invited.member.version);
      withholdFromReplay(c);
      return c.json(
        { member: presentMember(invited.member), invitationUrl: invited.invitationUrl },
        201,
      );
    })
    .openapi(updateRoute, async (c) => {
      const version = requireIfMatch(c);
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const member = await inTransaction(c, (ctx) => updateMember(ctx, id, version, body));
      setEtag(c, member.version);
      return c.json(presentMember(member), 200);
    });
}
