/**
 * The needs API as TanStack Query hooks: an account's needs, and adding, changing and
 * archiving one. Changes send If-Match with the version the page read, so a stale write is
 * a 412 the section explains instead of a silent overwrite.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import type { CreateNeedInput } from "../../../src/domains/needs/needs.inputs";
import { api, readJson } from "../../app/api";

export type Need = InferResponseType<(typeof api.v1.needs)[":needId"]["$get"], 200>;
export type NeedChange = NonNullable<
  InferRequestType<(typeof api.v1.needs)[":needId"]["$patch"]>["json"]
>;

export const needsQueryKey = (accountId: string) => ["needs", accountId] as const;

/**
 * Every live need of the account, in the server's order (open first, then priority high to
 * low, then learned newest). An account holds a handful, so the section loads them whole
 * and splits open from closed itself rather than paging two lists.
 */
export function useAccountNeeds(accountId: string) {
  return useQuery({
    queryKey: needsQueryKey(accountId),
    queryFn: async () => {
      const all: Need[] = [];
      let cursor: string | undefined;
      do {
        const page = await readJson(
          api.v1.accounts[":id"].needs.$get({
            param: { id: accountId },
            query: { limit: "200", ...(cursor ? { cursor } : {}) },
          }),
        );
        all.push(...page.data);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    },
  });
}

const ifMatch = (need: Pick<Need, "version">) => ({ "if-match": `"${need.version}"` });

/**
 * After any write: the answer replaces the need at once (no flash of the old status), then
 * the list is fetched again, because a new priority or status moves it in the server order.
 */
function useNeedWritten(accountId: string) {
  const queryClient = useQueryClient();
  return (need: Need) => {
    queryClient.setQueryData<Need[]>(needsQueryKey(accountId), (needs = []) => {
      if (need.archivedAt) return needs.filter((n) => n.id !== need.id);
      const known = needs.some((n) => n.id === need.id);
      return known ? needs.map((n) => (n.id === need.id ? need : n)) : [need, ...needs];
    });
    void queryClient.invalidateQueries({ queryKey: needsQueryKey(accountId) });
  };
}

export function useCreateNeed(accountId: string) {
  const written = useNeedWritten(accountId);
  return useMutation({
    mutationFn: (json: CreateNeedInput) =>
      readJson(api.v1.accounts[":id"].needs.$post({ param: { id: accountId }, json })),
    onSuccess: written,
  });
}

export function useUpdateNeed(accountId: string) {
  const written = useNeedWritten(accountId);
  return useMutation({
    mutationFn: ({ need, change }: { need: Need; change: NeedChange }) =>
      readJson(
        api.v1.needs[":needId"].$patch({
          param: { needId: need.id },
          header: ifMatch(need),
          json: change,
        }),
      ),
    onSuccess: written,
  });
}

export function useArchiveNeed(accountId: string) {
  const written = useNeedWritten(accountId);
  return useMutation({
    mutationFn: (need: Need) =>
      readJson(
        api.v1.needs[":needId"].archive.$post({
          param: { needId: need.id },
          header: ifMatch(need),
        }),
      ),
    onSuccess: written,
  });
}
