/**
 * Settings → Workspace over HTTP: the workspace's name, its account tiers (most important
 * first) and core markets. Everyone reads them (account forms and filters offer the tiers);
 * admins change them with If-Match.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, readJson } from "../../app/api";
import { meQueryKey } from "../../app/session";

export type WorkspaceSettings = InferResponseType<typeof api.v1.workspace.$get, 200>;
export type WorkspaceChange = NonNullable<InferRequestType<typeof api.v1.workspace.$patch>["json"]>;

export const workspaceQueryKey = ["workspace"] as const;

export function useWorkspaceSettings() {
  return useQuery({
    queryKey: workspaceQueryKey,
    queryFn: () => readJson(api.v1.workspace.$get()),
    staleTime: 5 * 60_000,
  });
}

export function useUpdateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ settings, change }: { settings: WorkspaceSettings; change: WorkspaceChange }) =>
      readJson(
        api.v1.workspace.$patch({
          header: { "if-match": `"${settings.version}"` },
          json: change,
        }),
      ),
    onSuccess: (settings) => {
      queryClient.setQueryData(workspaceQueryKey, settings);
      // The header shows the workspace's name from Me; accounts show whether they sit in a core market.
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      void queryClient.invalidateQueries({ queryKey: ["accounts"] });
    },
  });
}
