/**
 * The interactions API as TanStack Query hooks: an account's timeline (cursor pages) and
 * its planned interactions, logging or planning one, rescheduling, completing, cancelling,
 * and turning next steps into a task. Changes send If-Match with the version the page read,
 * so a stale write is a 412 the screen explains instead of a silent overwrite.
 */
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import type { CreateInteractionInput } from "../../../src/domains/interactions/interactions.inputs";
import { api, readJson } from "../../app/api";
import { type TimelineShow, timelineQueryOf } from "./interactions.labels";

export type Interaction = InferResponseType<(typeof api.v1.interactions)[":id"]["$get"], 200>;
export type InteractionChange = NonNullable<
  InferRequestType<(typeof api.v1.interactions)[":id"]["$patch"]>["json"]
>;
export type TimelineEvent = InferResponseType<
  (typeof api.v1.accounts)[":id"]["timeline"]["$get"],
  200
>["data"][number];
export type Task = InferResponseType<
  (typeof api.v1.interactions)[":id"]["next-steps-task"]["$post"],
  201
>;

export const interactionsQueryKey = ["interactions"] as const;
const timelineKey = (accountId: string, show: TimelineShow) =>
  [...interactionsQueryKey, "timeline", accountId, show] as const;
const plannedKey = (accountId: string) => [...interactionsQueryKey, "planned", accountId] as const;

const TIMELINE_PAGE = 25;
/** More planned at once than any account has: the section shows them all, soonest first. */
const PLANNED_LIMIT = 100;

/** Where the browser downloads a planned interaction as a calendar invitation. */
export function invitationUrl(interactionId: string): string {
  return `/api/v1/interactions/${encodeURIComponent(interactionId)}.ics`;
}

export function useTimeline(accountId: string, show: TimelineShow) {
  return useInfiniteQuery({
    queryKey: timelineKey(accountId, show),
    queryFn: ({ pageParam }) =>
      readJson(
        api.v1.accounts[":id"].timeline.$get({
          param: { id: accountId },
          query: {
            ...timelineQueryOf(show),
            limit: String(TIMELINE_PAGE),
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // A new filter keeps the old entries on screen while it loads, instead of a blank list.
    placeholderData: keepPreviousData,
  });
}

/** The account's planned interactions, soonest first (the API lists latest first). */
export function usePlannedInteractions(accountId: string) {
  return useQuery({
    queryKey: plannedKey(accountId),
    queryFn: async () => {
      const page = await readJson(
        api.v1.interactions.$get({
          query: { accountId, state: "planned", limit: String(PLANNED_LIMIT) },
        }),
      );
      return {
        planned: [...page.data].sort((a, b) =>
          (a.scheduledAt ?? "").localeCompare(b.scheduledAt ?? ""),
        ),
        more: page.nextCursor !== null,
      };
    },
  });
}

const ifMatch = (interaction: Pick<Interaction, "version">) => ({
  "if-match": `"${interaction.version}"`,
});

/**
 * After any write: the timeline and planned list of every account may have moved, and so
 * may what hangs off the last touch (cadence status, the agenda, the map's coverage).
 */
function useInteractionWritten() {
  const queryClient = useQueryClient();
  return () => {
    for (const key of [interactionsQueryKey, ["cadence"], ["agenda"], ["relationship-map"]]) {
      void queryClient.invalidateQueries({ queryKey: key });
    }
  };
}

/** Logs a touch (occurredAt) or plans one (scheduledAt only). */
export function useCreateInteraction() {
  const written = useInteractionWritten();
  return useMutation({
    mutationFn: (json: CreateInteractionInput) => readJson(api.v1.interactions.$post({ json })),
    onSuccess: written,
  });
}

/** Reschedules (scheduledAt), completes (occurredAt) or edits an interaction. */
export function useChangeInteraction() {
  const written = useInteractionWritten();
  return useMutation({
    mutationFn: ({
      interaction,
      change,
    }: {
      interaction: Interaction;
      change: InteractionChange;
    }) =>
      readJson(
        api.v1.interactions[":id"].$patch({
          param: { id: interaction.id },
          header: ifMatch(interaction),
          json: change,
        }),
      ),
    onSuccess: written,
  });
}

export function useCancelInteraction() {
  const written = useInteractionWritten();
  return useMutation({
    mutationFn: ({ interaction, reason }: { interaction: Interaction; reason: string }) =>
      readJson(
        api.v1.interactions[":id"].cancel.$post({
          param: { id: interaction.id },
          header: ifMatch(interaction),
          json: { reason },
        }),
      ),
    onSuccess: written,
  });
}

/** Next steps into a task for the caller, due in three days (the API's defaults). */
export function useNextStepsTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (interaction: Interaction) =>
      readJson(
        api.v1.interactions[":id"]["next-steps-task"].$post({
          param: { id: interaction.id },
          json: {},
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["tasks"] });
      void queryClient.invalidateQueries({ queryKey: ["agenda"] });
    },
  });
}
