/**
 * Health over HTTP as TanStack Query hooks: one account's score with its reasons, the
 * portfolio ranked by risk (cursor pages) and its band-by-tier counts, the workspace's
 * weights (If-Match on save), and an account's open alarm tasks. Every key starts with
 * "health" so a write anywhere (a touch, a survey answer, new weights) refreshes them all.
 */
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import type { HealthWeights } from "../../../src/domains/health/health.inputs";
import type { TaskSource } from "../../../src/domains/tasks/tasks.inputs";
import { api, readJson } from "../../app/api";

const health = api.v1.health;

export type AccountHealth = InferResponseType<
  (typeof api.v1.accounts)[":id"]["health"]["$get"],
  200
>;
export type HealthComponentView = AccountHealth["components"][number];
export type PortfolioPage = InferResponseType<typeof health.portfolio.$get, 200>;
export type PortfolioAccount = PortfolioPage["data"][number];
export type PortfolioQuery = Omit<
  NonNullable<InferRequestType<typeof health.portfolio.$get>["query"]>,
  "limit" | "cursor"
>;
export type PortfolioSummary = InferResponseType<typeof health.portfolio.summary.$get, 200>;
export type HealthSettings = InferResponseType<typeof health.settings.$get, 200>;

export const healthQueryKey = ["health"] as const;

/** GET computes on read when the stored score is missing or stale, so it is always current. */
export function useAccountHealth(accountId: string) {
  return useQuery({
    queryKey: [...healthQueryKey, "account", accountId],
    queryFn: () => readJson(api.v1.accounts[":id"].health.$get({ param: { id: accountId } })),
    staleTime: 60_000,
  });
}

const PAGE_SIZE = 50;

export function usePortfolio(query: PortfolioQuery) {
  return useInfiniteQuery({
    queryKey: [...healthQueryKey, "portfolio", query],
    queryFn: ({ pageParam }) =>
      readJson(
        health.portfolio.$get({
          query: {
            ...query,
            limit: String(PAGE_SIZE),
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // Keep the ranking on screen while a new filter loads, instead of flashing an empty table.
    placeholderData: keepPreviousData,
  });
}

/** The summary filters by owner and segment only: the chart itself splits by tier and band. */
export function usePortfolioSummary(query: { ownerId?: string; segment?: string }) {
  return useQuery({
    queryKey: [...healthQueryKey, "summary", query],
    queryFn: () => readJson(health.portfolio.summary.$get({ query })),
    placeholderData: keepPreviousData,
  });
}

const settingsKey = [...healthQueryKey, "settings"] as const;

export function useHealthSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: () => readJson(health.settings.$get()),
    staleTime: 5 * 60_000,
  });
}

export function useUpdateHealthSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, weights }: { version: number; weights: Partial<HealthWeights> }) =>
      readJson(
        health.settings.$patch({ header: { "if-match": `"${version}"` }, json: { weights } }),
      ),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKey, settings);
      // Every score is recomputed with the new weights: the account panels and the ranking move.
      void queryClient.invalidateQueries({ queryKey: healthQueryKey });
    },
  });
}

/** The task sources an alarm raises (alarms domain); "health" tasks are not alarms. */
export const alarmSources = ["survey", "trend", "tone", "silence"] as const satisfies TaskSource[];

/**
 * An account's open alarm tasks, one request per source because the tasks list filters by a
 * single source. Keyed under "tasks" so completing or dismissing a task refreshes them.
 */
export function useOpenAlarms(accountId: string) {
  const results = useQueries({
    queries: alarmSources.map((source) => ({
      queryKey: ["tasks", "alarms", accountId, source],
      queryFn: () =>
        readJson(
          api.v1.tasks.$get({
            query: { accountId, status: "open", source, limit: "50" },
          }),
        ),
    })),
  });
  const isPending = results.some((r) => r.isPending);
  const error = results.find((r) => r.isError)?.error ?? null;
  const tasks = results
    .flatMap((r) => r.data?.data ?? [])
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const refetch = () => results.forEach((r) => void r.refetch());
  return { tasks, isPending, error, refetch };
}
