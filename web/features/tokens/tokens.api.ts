/**
 * API tokens for scripts and integrations: listing (your own; admins see all), creating
 * (the only answer that carries the secret) and revoking.
 */
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "../../app/api";

export type ApiToken = InferResponseType<typeof api.v1.tokens.$get, 200>["data"][number];
export type NewApiToken = InferResponseType<typeof api.v1.tokens.$post, 201>;

export const tokensQueryKey = ["tokens"] as const;

export function useApiTokens() {
  return useInfiniteQuery({
    queryKey: tokensQueryKey,
    queryFn: ({ pageParam }) =>
      readJson(
        api.v1.tokens.$get({ query: { limit: "50", ...(pageParam ? { cursor: pageParam } : {}) } }),
      ),
    initialPageParam: "",
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (label: string) => readJson(api.v1.tokens.$post({ json: { label } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: ApiToken) =>
      readJson(api.v1.tokens[":id"].$delete({ param: { id: token.id } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });
}
