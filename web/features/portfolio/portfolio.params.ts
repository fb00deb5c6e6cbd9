/**
 * The Portfolio's filters live in the URL (?owner=&tier=&segment=&band=&declined=7d), so a
 * leader can bookmark "at-risk key accounts" or send it to a colleague, and Back restores it.
 * Unknown values are ignored rather than sent to be refused.
 */
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { type HealthBand, healthBands } from "../../../src/domains/health/health.inputs";
import type { PortfolioQuery } from "../health/health.api";

export type PortfolioFilters = {
  ownerId?: string;
  tier?: string;
  segment?: string;
  band?: HealthBand;
  /** The "Declined in the last 7 days" view. */
  declined: boolean;
};

type ParamName = "owner" | "tier" | "segment" | "band" | "declined";

export function usePortfolioParams() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<PortfolioFilters>(() => {
    const band = params.get("band");
    return {
      ownerId: params.get("owner") || undefined,
      tier: params.get("tier") || undefined,
      segment: params.get("segment") || undefined,
      band: healthBands.includes(band as HealthBand) ? (band as HealthBand) : undefined,
      declined: params.get("declined") === "7d",
    };
  }, [params]);

  const update = useCallback(
    (change: Partial<Record<ParamName, string | null>>) =>
      setParams((previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(change)) {
          if (value === undefined) continue;
          if (value === null || value === "") next.delete(key);
          else next.set(key, value);
        }
        return next;
      }),
    [setParams],
  );

  // The declined view is a view, not a filter: "Clear filters" keeps it.
  const filtered = Boolean(filters.ownerId || filters.tier || filters.segment || filters.band);
  const clear = useCallback(
    () => setParams(filters.declined ? new URLSearchParams({ declined: "7d" }) : {}),
    [setParams, filters.declined],
  );
  return { filters, filtered, update, clear };
}

export function toPortfolioQuery(filters: PortfolioFilters): PortfolioQuery {
  return {
    ...(filters.ownerId ? { ownerId: filters.ownerId } : {}),
    ...(filters.tier ? { tier: filters.tier } : {}),
    ...(filters.segment ? { segment: filters.segment } : {}),
    ...(filters.band ? { band: filters.band } : {}),
    ...(filters.declined ? { declined: "7d" as const } : {}),
  };
}
