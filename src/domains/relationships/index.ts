/**
 * The relationships domain's public face: the relationship map of an account (P8, P9).
 * The flag rules are pure and exported so the health score can weigh the same flags.
 */
export { getRelationshipMap, type RelationshipMap } from "./relationships.queries";
export {
  createRelationshipRoutes,
  presentRelationshipMap,
  relationshipMapSchema,
} from "./relationships.routes";
export {
  type CoverageLink,
  coverageByTeamRole,
  isCurrent,
  type MapAffiliation,
  type MapTeamMember,
  type RelationshipFlag,
  type RelationshipFlagCode,
  relationshipFlagCodes,
  relationshipFlags,
} from "./relationships.rules";
