/**
 * The member's private calendar feeds over HTTP: listing them (without their URLs, which the
 * server keeps only as a hash), creating one (the only answer carrying the URL) and revoking.
 */
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "../../app/api";

type Feeds = (typeof api.v1)["calendar-feeds"];
export type CalendarFeed = InferResponseType<Feeds["$get"], 200>["data"][number];
export type NewCalendarFeed = InferResponseType<Feeds["$post"], 201>;

export const calendarFeedsQueryKey = ["calendar-feeds"] as const;

export function useCalendarFeeds() {
  return useInfiniteQuery({
    queryKey: calendarFeedsQueryKey,
    queryFn: ({ pageParam }) =>
      readJson(
        api.v1["calendar-feeds"].$get({
          query: { limit: "50", ...(pageParam ? { cursor: pageParam } : {}) },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

export function useCreateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (label: string | null) =>
      readJson(api.v1["calendar-feeds"].$post({ json: { label } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarFeedsQueryKey }),
  });
}

export function useRevokeCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (feed: CalendarFeed) =>
      readJson(api.v1["calendar-feeds"][":id"].$delete({ param: { id: feed.id } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarFeedsQueryKey }),
  });
}
