/**
 * The relationship map of one account (both sides, who covers whom, the flags) as a query.
 * The People and Relationship map tabs both read it: it already holds each current
 * contact's level, role and authority, and who has left.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "../../app/api";

export type RelationshipMap = InferResponseType<
  (typeof api.v1.accounts)[":id"]["relationship-map"]["$get"],
  200
>;
export type MapContact = RelationshipMap["levels"][number]["contacts"][number];
export type MapLevel = RelationshipMap["levels"][number]["level"];
export type MapTeamMember = RelationshipMap["team"][number];
export type RelationshipFlag = RelationshipMap["flags"][number];

const mapKey = (accountId: string) => ["relationship-map", accountId] as const;

export function useRelationshipMap(accountId: string) {
  return useQuery({
    queryKey: mapKey(accountId),
    queryFn: () =>
      readJson(api.v1.accounts[":id"]["relationship-map"].$get({ param: { id: accountId } })),
  });
}

/** After someone joins or leaves the account: the map (and its flags) must be read again. */
export function useRelationshipMapChanged() {
  const queryClient = useQueryClient();
  return (accountId: string) => queryClient.invalidateQueries({ queryKey: mapKey(accountId) });
}

/** Every current contact, senior first (the order the levels come in). */
export function currentContacts(map: RelationshipMap): MapContact[] {
  return map.levels.flatMap((level) => level.contacts);
}

/** Where the browser downloads every current contact of the account as one vCard file. */
export function accountVcardUrl(accountId: string): string {
  return `/api/v1/accounts/${encodeURIComponent(accountId)}/contacts.vcf`;
}
