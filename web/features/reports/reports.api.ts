/**
 * The activity report over HTTP: the JSON for the page, and the address of the same report
 * as CSV (a plain link: the session cookie authenticates it and the server names the file).
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "../../app/api";
import type { ReportParams } from "./reports.params";

export type ActivityReport = InferResponseType<typeof api.v1.reports.activity.$get, 200>;
export type ActivityRow = ActivityReport["data"][number];
export type ActivityTotals = ActivityReport["totals"];

function queryOf(params: ReportParams) {
  return {
    from: params.from,
    to: params.to,
    groupBy: params.groupBy,
    ...(params.clientType ? { clientType: params.clientType } : {}),
  };
}

export function useActivityReport(params: ReportParams) {
  return useQuery({
    queryKey: ["reports", "activity", queryOf(params)],
    queryFn: () => readJson(api.v1.reports.activity.$get({ query: queryOf(params) })),
    // Switching the grouping keeps the last report on screen instead of flashing a loader.
    placeholderData: keepPreviousData,
  });
}

export function activityCsvUrl(params: ReportParams): string {
  const query = new URLSearchParams({ ...queryOf(params), format: "csv" });
  return `/api/v1/reports/activity?${query}`;
}
