/**
 * Who is signed in, as TanStack Query state: `["me"]` holds Me or null (not signed in).
 * Login, onboarding and invitation acceptance all answer with Me, so they seed the cache
 * directly instead of refetching; sign-out clears every cached query so the next member
 * on this browser never sees the previous one's data.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { useCallback } from "react";
import { ApiError, api, expectOk, readJson, rememberCsrfToken } from "./api";

export type Me = InferResponseType<typeof api.v1.me.$get, 200>;
export type Role = Me["member"]["role"];

export const meQueryKey = ["me"] as const;
export const onboardingQueryKey = ["onboarding"] as const;

/** Roles from least to most powerful (DESIGN §6); the server's policies use the same order. */
export const roles = [
  "viewer",
  "member",
  "manager",
  "admin",
  "owner",
] as const satisfies readonly Role[];
// Compile-time check that the list above names every role the API knows.
const everyRoleListed: Exclude<Role, (typeof roles)[number]> extends never ? true : false = true;
void everyRoleListed;

export const roleLabels: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  manager: "Manager",
  member: "Member",
  viewer: "Viewer",
};

export const roleDescriptions: Record<Role, string> = {
  owner: "Everything, including workspace settings and other owners",
  admin: "Manages members and settings",
  manager: "Works on all accounts; approves plans and gifts",
  member: "Edits the accounts they are on; reads the rest",
  viewer: "Reads everything, changes nothing",
};

export function hasRole(role: Role, atLeast: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(atLeast);
}

/** The signed-in member, or null when nobody is (401 is an answer here, not an error). */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await readJson(api.v1.me.$get());
        rememberCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** Whether this installation still needs its first workspace (drives the onboarding page). */
export function useOnboardingStatus() {
  return useQuery({
    queryKey: onboardingQueryKey,
    queryFn: () => readJson(api.v1.onboarding.$get()),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Call with the Me that login/onboarding/accept returned: the app is signed in at once. */
export function useSignedIn() {
  const queryClient = useQueryClient();
  return useCallback(
    (me: Me) => {
      rememberCsrfToken(me.csrfToken);
      queryClient.setQueryData(onboardingQueryKey, { needed: false });
      queryClient.setQueryData(meQueryKey, me);
    },
    [queryClient],
  );
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => expectOk(api.v1.auth.logout.$post()),
    // Forget local state even if the server call failed: the user asked to leave.
    onSettled: () => {
      rememberCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(onboardingQueryKey, { needed: false });
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}

/** Me inside the signed-in layout, where RequireSession guarantees it is loaded. */
export function useCurrentMe(): Me {
  const me = useMe().data;
  if (!me) throw new Error("useCurrentMe is only for pages inside the signed-in layout");
  return me;
}
