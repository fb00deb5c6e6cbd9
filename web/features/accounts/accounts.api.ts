/**
 * The accounts API as TanStack Query hooks: the filtered list (cursor pages), one account,
 * its team on our side, and every change. Changes send If-Match with the version the page
 * read, so a stale write is a 412 the page explains instead of a silent overwrite.
 */
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { useMemo } from "react";
import type { CreateAccountInput } from "../../../src/domains/accounts/accounts.inputs";
import { api, readJson } from "../../app/api";
import { membersQueryKey } from "../members/members.api";

export type Account = InferResponseType<(typeof api.v1.accounts)[":id"]["$get"], 200>;
export type AccountStatus = Account["status"];
export type AccountListQuery = NonNullable<InferRequestType<typeof api.v1.accounts.$get>["query"]>;
export type AccountFilters = Omit<AccountListQuery, "limit" | "cursor">;
export type AccountChange = NonNullable<
  InferRequestType<(typeof api.v1.accounts)[":id"]["$patch"]>["json"]
>;
export type TeamEntry = InferResponseType<
  (typeof api.v1.accounts)[":id"]["team"]["$get"],
  200
>["data"][number];
export type TeamRole = TeamEntry["role"];
export type Member = InferResponseType<typeof api.v1.members.$get, 200>["data"][number];

/** What the placeholder tabs (People, Relationship map, Needs) receive from the account page. */
export type AccountTabProps = { account: Account; canEdit: boolean };

export const accountsQueryKey = ["accounts"] as const;
const listKey = (filters: AccountFilters) => [...accountsQueryKey, "list", filters] as const;
export const accountQueryKey = (id: string) => [...accountsQueryKey, "detail", id] as const;
const teamKey = (id: string) => [...accountsQueryKey, "team", id] as const;

const PAGE_SIZE = 50;

export function useAccounts(filters: AccountFilters) {
  return useInfiniteQuery({
    queryKey: listKey(filters),
    queryFn: ({ pageParam }) =>
      readJson(
        api.v1.accounts.$get({
          query: {
            ...filters,
            limit: String(PAGE_SIZE),
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // Keep the rows on screen while a new filter loads, instead of flashing an empty table.
    placeholderData: keepPreviousData,
  });
}

export function useAccount(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: accountQueryKey(id),
    enabled,
    queryFn: () => readJson(api.v1.accounts[":id"].$get({ param: { id } })),
  });
}

export function useAccountTeam(id: string) {
  return useQuery({
    queryKey: teamKey(id),
    queryFn: async () => (await readJson(api.v1.accounts[":id"].team.$get({ param: { id } }))).data,
  });
}

/** Every member of the workspace (owner pickers, names in lists); small enough to load whole. */
export function useMemberDirectory() {
  const query = useQuery({
    queryKey: [...membersQueryKey, "directory"],
    queryFn: async () => {
      const all: Member[] = [];
      let cursor: string | undefined;
      do {
        const page = await readJson(
          api.v1.members.$get({ query: { limit: "200", ...(cursor ? { cursor } : {}) } }),
        );
        all.push(...page.data);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all.sort((a, b) => a.name.localeCompare(b.name));
    },
    staleTime: 5 * 60_000,
  });
  const byId = useMemo(
    () => new Map((query.data ?? []).map((member) => [member.id, member])),
    [query.data],
  );
  const active = useMemo(
    () => (query.data ?? []).filter((member) => member.status === "active"),
    [query.data],
  );
  return { ...query, byId, active };
}

const ifMatch = (account: Pick<Account, "version">) => ({ "if-match": `"${account.version}"` });

/** After any write: the answer is the new truth for the page; lists may have moved. */
function useAccountWritten() {
  const queryClient = useQueryClient();
  return (account: Account) => {
    queryClient.setQueryData(accountQueryKey(account.id), account);
    void queryClient.invalidateQueries({ queryKey: [...accountsQueryKey, "list"] });
    // A new owner joins the team, so the team (and who may edit) can change with the account.
    void queryClient.invalidateQueries({ queryKey: teamKey(account.id) });
  };
}

export function useCreateAccount() {
  const written = useAccountWritten();
  return useMutation({
    mutationFn: (json: CreateAccountInput) => readJson(api.v1.accounts.$post({ json })),
    onSuccess: written,
  });
}

export function useUpdateAccount() {
  const written = useAccountWritten();
  return useMutation({
    mutationFn: ({ account, change }: { account: Account; change: AccountChange }) =>
      readJson(
        api.v1.accounts[":id"].$patch({
          param: { id: account.id },
          header: ifMatch(account),
          json: change,
        }),
      ),
    onSuccess: written,
  });
}

export function useSetArchived() {
  const written = useAccountWritten();
  return useMutation({
    mutationFn: ({ account, archived }: { account: Account; archived: boolean }) => {
      const request = { param: { id: account.id }, header: ifMatch(account) };
      return readJson(
        archived
          ? api.v1.accounts[":id"].archive.$post(request)
          : api.v1.accounts[":id"].unarchive.$post(request),
      );
    },
    onSuccess: written,
  });
}

/** Team changes answer with the whole team; the account's permissions follow from it. */
export function useSetTeamMember(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { memberId: string; role: TeamRole; responsibility: string | null }) =>
      readJson(
        api.v1.accounts[":id"].team[":memberId"].$put({
          param: { id: accountId, memberId: input.memberId },
          json: { role: input.role, responsibility: input.responsibility },
        }),
      ),
    onSuccess: (team) => queryClient.setQueryData(teamKey(accountId), team.data),
  });
}

export function useRemoveTeamMember(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) =>
      readJson(
        api.v1.accounts[":id"].team[":memberId"].$delete({ param: { id: accountId, memberId } }),
      ),
    onSuccess: (team) => queryClient.setQueryData(teamKey(accountId), team.data),
  });
}
