/**
 * The agenda API as TanStack Query hooks: the signed-in member's day (GET /agenda), and
 * whether there is any account to have an agenda about (the Today page's first run).
 * Task writes invalidate ["agenda"], so Done or Dismiss on Today refreshes the whole day.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "../../app/api";

export type Agenda = InferResponseType<typeof api.v1.agenda.$get, 200>;
export type AgendaInteraction = Agenda["today"]["interactions"][number];
export type AgendaTouch = Agenda["touches"]["overdue"][number];
export type AgendaTask = Agenda["tasks"]["late"][number];
export type ImportantDateOccurrence = Agenda["importantDates"][number];
export type QuietAccount = Agenda["quietAccounts"][number];

export const agendaQueryKey = (date: string | undefined) => ["agenda", date ?? "today"] as const;

/** The day's agenda; no date means today in the workspace's time zone (the server decides). */
export function useAgenda(date: string | undefined) {
  return useQuery({
    queryKey: agendaQueryKey(date),
    queryFn: () => readJson(api.v1.agenda.$get({ query: date ? { date } : {} })),
    // Stepping through days keeps the previous one on screen until the next arrives.
    placeholderData: keepPreviousData,
  });
}

/**
 * Whether the workspace has any account, and whether any is the member's own. An agenda
 * with nothing in it means "all is calm" only when there is something to be calm about.
 */
export function useAccountPresence(memberId: string) {
  const any = useQuery({
    queryKey: ["accounts", "list", "presence", "any"],
    queryFn: () => readJson(api.v1.accounts.$get({ query: { limit: "1" } })),
    select: (page) => page.data.length > 0,
  });
  const own = useQuery({
    queryKey: ["accounts", "list", "presence", memberId],
    queryFn: () => readJson(api.v1.accounts.$get({ query: { limit: "1", ownerId: memberId } })),
    select: (page) => page.data.length > 0,
  });
  return { any, own };
}
