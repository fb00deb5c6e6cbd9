/**
 * The Portfolio's filter bar: the view (every account, or those that declined this week),
 * then owner, tier, segment and band, every value in the URL (portfolio.params.ts).
 */
import { Button, Group, SegmentedControl, Select, Stack } from "@mantine/core";
import { IconFilterOff } from "@tabler/icons-react";
import { healthBands } from "../../../src/domains/health/health.inputs";
import { useCurrentMe } from "../../app/session";
import { useMemberDirectory } from "../accounts/accounts.api";
import { tierLabel } from "../accounts/accounts.model";
import { bandLabels } from "../health/health.labels";
import { useWorkspaceSettings } from "../settings/workspace.api";
import type { PortfolioFilters as Filters, usePortfolioParams } from "./portfolio.params";

type PortfolioFiltersProps = {
  filters: Filters;
  filtered: boolean;
  update: ReturnType<typeof usePortfolioParams>["update"];
  onClear: () => void;
  /** Segments of the accounts loaded so far, offered after the core markets. */
  seenSegments: string[];
};

/** Select data that keeps the current value even when it is not among the offered ones. */
function withCurrent(options: { value: string; label: string }[], current: string | undefined) {
  return current && !options.some((option) => option.value === current)
    ? [...options, { value: current, label: current }]
    : options;
}

export function PortfolioFilters({
  filters,
  filtered,
  update,
  onClear,
  seenSegments,
}: PortfolioFiltersProps) {
  const me = useCurrentMe();
  const members = useMemberDirectory();
  const workspace = useWorkspaceSettings();

  const owners = [
    { value: me.member.id, label: `${me.member.name} (you)` },
    ...members.active
      .filter((member) => member.id !== me.member.id)
      .map((member) => ({ value: member.id, label: member.name })),
  ];
  if (filters.ownerId && !owners.some((owner) => owner.value === filters.ownerId)) {
    const name = members.byId.get(filters.ownerId)?.name ?? "Unknown member";
    owners.push({ value: filters.ownerId, label: name });
  }
  const tiers = (workspace.data?.tiers ?? []).map((tier) => ({
    value: tier,
    label: tierLabel(tier),
  }));
  const segmentNames = [...(workspace.data?.coreSegments ?? [])];
  for (const segment of seenSegments) {
    if (!segmentNames.some((known) => known.toLowerCase() === segment.toLowerCase())) {
      segmentNames.push(segment);
    }
  }
  const segments = segmentNames.map((segment) => ({ value: segment, label: segment }));

  return (
    <Stack gap="sm" mb="md">
      <SegmentedControl
        aria-label="Which accounts"
        w="fit-content"
        value={filters.declined ? "declined" : "all"}
        onChange={(view) => update({ declined: view === "declined" ? "7d" : null })}
        data={[
          { value: "all", label: "All accounts" },
          { value: "declined", label: "Declined in the last 7 days" },
        ]}
      />
      <Group gap="sm" align="flex-end" role="search" aria-label="Filter the portfolio">
        <Select
          label="Owner"
          placeholder="Any owner"
          clearable
          searchable
          data={owners}
          value={filters.ownerId ?? null}
          onChange={(owner) => update({ owner })}
          w={{ base: "100%", xs: 200 }}
        />
        <Select
          label="Tier"
          placeholder="Any tier"
          clearable
          data={withCurrent(tiers, filters.tier)}
          value={filters.tier ?? null}
          onChange={(tier) => update({ tier })}
          w={{ base: "100%", xs: 150 }}
        />
        <Select
          label="Segment"
          placeholder="Any segment"
          clearable
          searchable
          data={withCurrent(segments, filters.segment)}
          value={filters.segment ?? null}
          onChange={(segment) => update({ segment })}
          w={{ base: "100%", xs: 190 }}
        />
        <Select
          label="Band"
          placeholder="Any band"
          clearable
          data={healthBands.map((band) => ({ value: band, label: bandLabels[band] }))}
          value={filters.band ?? null}
          onChange={(band) => update({ band })}
          w={{ base: "100%", xs: 150 }}
        />
        {filtered && (
          <Button
            variant="subtle"
            leftSection={<IconFilterOff size={16} aria-hidden />}
            onClick={onClear}
          >
            Clear filters
          </Button>
        )}
      </Group>
    </Stack>
  );
}
