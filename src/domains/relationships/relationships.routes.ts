/** The relationship map over HTTP: both sides of an account's relationship and its flags. */
import { createRoute, z } from "@hono/zod-openapi";
import { ctxFor } from "../../platform/http/request-ctx";
import { errors, idParam, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import { teamRoleValues } from "../accounts";
import { contactLevels, relationshipRoles } from "../contacts";
import { getRelationshipMap, mapLevels, type RelationshipMap } from "./relationships.queries";
import { coverageSources, type MapAffiliation, relationshipFlagCodes } from "./relationships.rules";

const mapContactSchema = z.object({
  affiliationId: z.string(),
  contactId: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  level: z.enum(contactLevels).nullable(),
  role: z.enum(relationshipRoles).nullable(),
  authority: z.string().nullable(),
  responsibility: z.string().nullable(),
  accountability: z.string().nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
});

export const relationshipMapSchema = z
  .object({
    accountId: z.string(),
    asOf: z.string().openapi({ description: "The day (UTC) current affiliations are judged on" }),
    levels: z.array(z.object({ level: z.enum(mapLevels), contacts: z.array(mapContactSchema) })),
    formerContacts: z.array(mapContactSchema),
    team: z.array(
      z.object({
        memberId: z.string(),
        name: z.string(),
        role: z.enum(teamRoleValues),
        responsibility: z.string().nullable(),
        isOwner: z.boolean(),
      }),
    ),
    coverage: z.array(
      z.object({ memberId: z.string(), contactId: z.string(), source: z.enum(coverageSources) }),
    ),
    flags: z.array(z.object({ code: z.enum(relationshipFlagCodes), reason: z.string() })),
  })
  .openapi("RelationshipMap");

function presentContact(a: MapAffiliation): z.infer<typeof mapContactSchema> {
  return {
    affiliationId: a.affiliationId,
    contactId: a.contactId,
    name: a.name,
    title: a.title,
    level: a.level,
    role: a.role,
    authority: a.authority,
    responsibility: a.responsibility,
    accountability: a.accountability,
    startedOn: a.startedOn,
    endedOn: a.endedOn,
  };
}

/** The one place a relationship map becomes API output (no emails, no personal memory). */
export function presentRelationshipMap(
  map: RelationshipMap,
): z.infer<typeof relationshipMapSchema> {
  return {
    accountId: map.accountId,
    asOf: map.asOf,
    levels: map.levels.map((l) => ({ level: l.level, contacts: l.contacts.map(presentContact) })),
    formerContacts: map.formerContacts.map(presentContact),
    team: map.team.map((m) => ({
      memberId: m.memberId,
      name: m.name,
      role: m.role,
      responsibility: m.responsibility,
      isOwner: m.isOwner,
    })),
    coverage: map.coverage,
    flags: map.flags,
  };
}

const mapRoute = createRoute({
  method: "get",
  path: "/accounts/{id}/relationship-map",
  tags: ["relationships"],
  summary:
    "Contacts by level, who left, our team, who covers whom, and flags (single_threaded, no_executive_sponsor, champion_left, no_decision_maker)",
  request: { params: idParam },
  responses: { 200: jsonContent(relationshipMapSchema, "The relationship map"), ...errors(404) },
});

export function createRelationshipRoutes() {
  return createRouter().openapi(mapRoute, async (c) => {
    const map = await getRelationshipMap(ctxFor(c), c.req.valid("param").id);
    return c.json(presentRelationshipMap(map), 200);
  });
}
