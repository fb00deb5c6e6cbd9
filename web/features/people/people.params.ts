/**
 * The People list's filters and sort live in the URL (?q=&account=&level=&sort=), so a
 * filtered list can be bookmarked, shared and restored with Back. Unknown values are
 * ignored rather than sent to the API to be refused.
 */
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import {
  type ContactLevel,
  type ContactSort,
  contactLevels,
  contactSorts,
} from "../../../src/domains/contacts/contacts.inputs";
import type { ContactFilters } from "./people.api";

export const DEFAULT_SORT: ContactSort = "name";

const isLevel = (value: string | null): value is ContactLevel =>
  contactLevels.includes(value as ContactLevel);
const isSort = (value: string | null): value is ContactSort =>
  contactSorts.includes(value as ContactSort);

export function usePeopleParams() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<Required<Pick<ContactFilters, "sort">> & ContactFilters>(() => {
    const level = params.get("level");
    const sort = params.get("sort");
    return {
      q: params.get("q")?.trim() || undefined,
      accountId: params.get("account") || undefined,
      level: isLevel(level) ? level : undefined,
      sort: isSort(sort) ? sort : DEFAULT_SORT,
    };
  }, [params]);

  const update = useCallback(
    (change: {
      q?: string | null;
      account?: string | null;
      level?: string | null;
      sort?: string;
    }) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(change)) {
            if (value === undefined) continue;
            if (value === null || value === "" || (key === "sort" && value === DEFAULT_SORT)) {
              next.delete(key);
            } else {
              next.set(key, value);
            }
          }
          return next;
        },
        // Typing in the filter should not leave one history entry per keystroke.
        { replace: true },
      ),
    [setParams],
  );

  const filtered = Boolean(filters.q || filters.accountId || filters.level);
  return { filters, filtered, update };
}
