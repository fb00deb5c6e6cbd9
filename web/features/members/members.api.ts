/**
 * Members data for Settings → Members: the paged list, inviting, and changing a member's
 * role or status with the version they were read at (a stale write answers 412).
 */
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "../../app/api";
import type { Role } from "../../app/session";

export type Member = InferResponseType<typeof api.v1.members.$get, 200>["data"][number];
export type MemberStatus = Member["status"];
export type Invitation = InferResponseType<typeof api.v1.members.$post, 201>;

export const membersQueryKey = ["members"] as const;
const PAGE_SIZE = 50;

export function useMembers({ enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: membersQueryKey,
    enabled,
    queryFn: ({ pageParam }) =>
      readJson(
        api.v1.members.$get({
          query: { limit: String(PAGE_SIZE), ...(pageParam ? { cursor: pageParam } : {}) },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

export function useInviteMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: { email: string; name: string; role: Role }) =>
      readJson(api.v1.members.$post({ json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersQueryKey }),
  });
}

export type MemberChange = { role: Role } | { status: "active" | "deactivated" };

export function useUpdateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ member, change }: { member: Member; change: MemberChange }) =>
      readJson(
        api.v1.members[":id"].$patch({
          param: { id: member.id },
          header: { "if-match": `"${member.version}"` },
          json: change,
        }),
      ),
    // Refetch on failure too: a 412 means our copy is stale, a 409 that someone else changed state.
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersQueryKey }),
  });
}
