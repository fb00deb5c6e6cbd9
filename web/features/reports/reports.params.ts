/**
 * The activity report's choices live in the URL (?from=&to=&groupBy=&clientType=), so a
 * report can be bookmarked, shared with a partner and restored with Back. Periods are the
 * firm's days (workspace time zone), like the server's; unknown values fall back to defaults
 * instead of being sent to the API to be refused.
 */
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import {
  type ActivityGroupBy,
  activityGroupBys,
  type ClientType,
  clientTypes,
} from "../../../src/domains/reports/reports.inputs";

export type ReportParams = {
  from: string;
  to: string;
  groupBy: ActivityGroupBy;
  clientType: ClientType | null;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today as YYYY-MM-DD in the given zone (en-CA formats dates that way). */
export function todayIn(timeZone: string | undefined): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
  } catch {
    // An unknown zone should not break the page: the browser's own day is close enough.
    return new Intl.DateTimeFormat("en-CA").format(new Date());
  }
}

/** Calendar arithmetic on plain days, done in UTC so no daylight-saving shift moves them. */
function shift(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function firstOfMonth(year: number, monthIndex: number): string {
  return new Date(Date.UTC(year, monthIndex, 1)).toISOString().slice(0, 10);
}

export type PeriodPreset = {
  id: string;
  label: string;
  range: (today: string) => [string, string];
};

// The server's default period too: the page asks for it explicitly so the URL can say so.
const last30: PeriodPreset = {
  id: "last-30",
  label: "Last 30 days",
  range: (today) => [shift(today, -29), today],
};

export const periodPresets: PeriodPreset[] = [
  last30,
  {
    id: "this-quarter",
    label: "This quarter",
    range: (today) => {
      const [y, m] = today.split("-").map(Number) as [number, number];
      return [firstOfMonth(y, Math.floor((m - 1) / 3) * 3), today];
    },
  },
  {
    id: "last-quarter",
    label: "Last quarter",
    range: (today) => {
      const [y, m] = today.split("-").map(Number) as [number, number];
      const start = Math.floor((m - 1) / 3) * 3;
      return [firstOfMonth(y, start - 3), shift(firstOfMonth(y, start), -1)];
    },
  },
  {
    id: "this-year",
    label: "This year",
    range: (today) => [`${today.slice(0, 4)}-01-01`, today],
  },
];

export const groupByLabels: Record<ActivityGroupBy, string> = {
  member: "Member",
  kind: "Kind",
  month: "Month",
  account: "Account",
};

export const clientTypeLabels: Record<ClientType | "all", string> = {
  all: "All clients",
  existing: "Existing clients",
  prospect: "Prospects",
};

const isGroupBy = (value: string | null): value is ActivityGroupBy =>
  activityGroupBys.includes(value as ActivityGroupBy);
const isClientType = (value: string | null): value is ClientType =>
  clientTypes.includes(value as ClientType);

export function useReportParams(today: string) {
  const [search, setSearch] = useSearchParams();
  const params = useMemo<ReportParams>(() => {
    const [defaultFrom, defaultTo] = last30.range(today);
    const from = search.get("from");
    const to = search.get("to");
    const groupBy = search.get("groupBy");
    const clientType = search.get("clientType");
    return {
      from: from && DAY.test(from) ? from : defaultFrom,
      to: to && DAY.test(to) ? to : defaultTo,
      groupBy: isGroupBy(groupBy) ? groupBy : "member",
      clientType: isClientType(clientType) ? clientType : null,
    };
  }, [search, today]);

  const update = useCallback(
    (change: Partial<ReportParams>) =>
      setSearch(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(change)) {
            if (value === undefined) continue;
            if (value === null || value === "") next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        // Each choice is a report worth going Back to, so it gets its own history entry.
        { replace: false },
      ),
    [setSearch],
  );

  const preset = periodPresets.find((p) => {
    const [from, to] = p.range(today);
    return from === params.from && to === params.to;
  });
  return { params, update, preset };
}
