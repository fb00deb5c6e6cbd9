/**
 * Pure transforms for the accounts screens: labels and colours for statuses and roles, who
 * may change an account (mirroring accounts.policies.ts on the server), and the list's
 * filters as URL search params, so a reload or Back keeps what the member was looking at.
 */
import type { DefaultMantineColor } from "@mantine/core";
import {
  type AccountSort,
  accountSorts,
  accountStatuses,
} from "../../../src/domains/accounts/accounts.inputs";
import { hasRole, type Me } from "../../app/session";
import type { Account, AccountFilters, AccountStatus, TeamEntry, TeamRole } from "./accounts.api";

export const statusLabels: Record<AccountStatus, string> = {
  prospect: "Prospect",
  onboarding: "Onboarding",
  active: "Active",
  paused: "Paused",
  exiting: "Exiting",
  former: "Former",
};

export const statusDescriptions: Record<AccountStatus, string> = {
  prospect: "Not a client yet",
  onboarding: "Signed; getting started",
  active: "A client we serve",
  paused: "Work on hold",
  exiting: "Parting ways",
  former: "No longer a client",
};

export const accountStatusColor: Record<AccountStatus, DefaultMantineColor | "rapport"> = {
  prospect: "blue",
  onboarding: "cyan",
  active: "rapport",
  paused: "yellow",
  exiting: "orange",
  former: "gray",
};

export const statusOptions = accountStatuses.map((status) => ({
  value: status,
  label: statusLabels[status],
}));

export const teamRoleLabels: Record<TeamRole, string> = {
  lead: "Lead",
  delivery: "Delivery",
  executive_sponsor: "Executive sponsor",
  support: "Support",
  after_hours: "After-hours contact",
};

export const coverageLabels = { managed: "Managed", unmanaged: "Unmanaged" } as const;
export const hoursLabels = { business_hours: "Business hours", "24x7": "24×7" } as const;

export function serviceLevelLabel(level: Account["serviceLevel"]): string | null {
  return level ? `${coverageLabels[level.coverage]}, ${hoursLabels[level.hours]}` : null;
}

/** Tiers are the workspace's own words ("key", "growth"): shown capitalised. */
export function tierLabel(tier: string): string {
  return tier.charAt(0).toUpperCase() + tier.slice(1);
}

export function mayCreateAccount(me: Me): boolean {
  return hasRole(me.member.role, "member");
}

/** Managers and above change any account; members those they own or serve on; viewers none. */
export function mayChangeAccount(
  me: Me,
  account: Pick<Account, "ownerId">,
  team: readonly Pick<TeamEntry, "memberId">[],
): boolean {
  if (hasRole(me.member.role, "manager")) return true;
  if (!hasRole(me.member.role, "member")) return false;
  return account.ownerId === me.member.id || team.some((entry) => entry.memberId === me.member.id);
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const calendarDayFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeZone: "UTC",
});

/** "12 Mar 2025" for a timestamp, in the viewer's time zone. */
export function formatDate(iso: string): string {
  return dayFormat.format(new Date(iso));
}

/** "12 Mar 2025" for a calendar day ("2025-03-12"), which has no time zone to shift it. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : calendarDayFormat.format(date);
}

// ---------------------------------------------------------------------------------------------
// The list's filters in the URL

export const sortLabels: Record<AccountSort, string> = {
  name: "Name, A to Z",
  "-name": "Name, Z to A",
  "-updatedAt": "Recently updated",
  updatedAt: "Least recently updated",
  "-createdAt": "Newest first",
  createdAt: "Oldest first",
};

export const DEFAULT_SORT: AccountSort = "name";

const filterKeys = ["status", "tier", "segment", "ownerId", "tag", "q"] as const;

/** Reads the filters from the URL, dropping values the API would refuse (a hand-edited link). */
export function filtersFromSearch(params: URLSearchParams): AccountFilters {
  const filters: AccountFilters = {};
  for (const key of filterKeys) {
    const value = params.get(key)?.trim();
    // The status is checked against the list just below.
    if (value) (filters as Record<string, string>)[key] = value;
  }
  if (filters.status && !(accountStatuses as readonly string[]).includes(filters.status)) {
    delete filters.status;
  }
  const sort = params.get("sort");
  if (sort && sort !== DEFAULT_SORT && (accountSorts as readonly string[]).includes(sort)) {
    filters.sort = sort as AccountSort;
  }
  if (params.get("archived") === "true") filters.archived = "true";
  return filters;
}

export function searchFromFilters(filters: AccountFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  return params;
}

/** Whether anything narrows the list (sort order does not). */
export function isFiltered(filters: AccountFilters): boolean {
  return filterKeys.some((key) => filters[key]) || filters.archived === "true";
}

/** The list's address with one filter set, e.g. from a tag on the account page. */
export function accountsListHref(filters: AccountFilters): string {
  const search = searchFromFilters(filters).toString();
  return search ? `/accounts?${search}` : "/accounts";
}
