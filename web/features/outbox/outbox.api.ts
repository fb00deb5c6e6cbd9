/** The outbox (admins): every message Rapport sent or is waiting to send, newest first. */
import { useInfiniteQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "../../app/api";

export type OutboxMessage = InferResponseType<typeof api.v1.outbox.$get, 200>["data"][number];
export type OutboxStatus = OutboxMessage["status"];

export function useOutbox(status: OutboxStatus | null) {
  return useInfiniteQuery({
    queryKey: ["outbox", status ?? "all"],
    queryFn: ({ pageParam }) =>
      readJson(
        api.v1.outbox.$get({
          query: {
            limit: "50",
            ...(status ? { status } : {}),
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // Delivery happens in the background: keep the statuses current while the page is open.
    refetchInterval: 15_000,
  });
}
