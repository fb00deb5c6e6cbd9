/**
 * The accounts list's filter bar. Every value lives in the URL (see accounts.model.ts);
 * the text search is debounced so typing does not fire a request (or a history entry)
 * per keystroke.
 */
import {
  Button,
  CloseButton,
  Group,
  Pill,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconFilterOff, IconSearch } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { accountSorts } from "../../../src/domains/accounts/accounts.inputs";
import { useCurrentMe } from "../../app/session";
import { useWorkspaceSettings } from "../settings/workspace.api";
import { type AccountFilters as Filters, useMemberDirectory } from "./accounts.api";
import { DEFAULT_SORT, isFiltered, sortLabels, statusOptions, tierLabel } from "./accounts.model";

type AccountFiltersProps = {
  filters: Filters;
  /** Applies a change; `replace` rewrites the current history entry instead of adding one. */
  onChange: (change: Partial<Filters>, options?: { replace?: boolean }) => void;
  onClear: () => void;
  /** Segments of the accounts loaded so far, offered beside the core markets. */
  seenSegments: string[];
};

/** Select data with the current value kept even when it is not among the offered ones. */
function withCurrent(options: { value: string; label: string }[], current: string | undefined) {
  return current && !options.some((option) => option.value === current)
    ? [...options, { value: current, label: current }]
    : options;
}

export function AccountFilters({ filters, onChange, onClear, seenSegments }: AccountFiltersProps) {
  const me = useCurrentMe();
  const workspace = useWorkspaceSettings();
  const members = useMemberDirectory();
  const [search, setSearch] = useState(filters.q ?? "");
  // Starting a search adds a history entry (Back returns to the list before it); refining
  // it rewrites that entry, so Back does not step through every keystroke.
  const commitSearch = useDebouncedCallback((value: string) => {
    onChange({ q: value.trim() || undefined }, { replace: Boolean(filters.q) });
  }, 300);

  // Back/forward (or "Clear filters") changed the URL: show its text, not what was typed.
  useEffect(() => {
    setSearch((typed) => (typed.trim() === (filters.q ?? "") ? typed : (filters.q ?? "")));
  }, [filters.q]);

  const tiers = (workspace.data?.tiers ?? []).map((tier) => ({
    value: tier,
    label: tierLabel(tier),
  }));
  // The core markets first, then the other segments seen on the accounts shown.
  const segmentNames = [...(workspace.data?.coreSegments ?? [])];
  for (const segment of seenSegments) {
    if (!segmentNames.some((known) => known.toLowerCase() === segment.toLowerCase())) {
      segmentNames.push(segment);
    }
  }
  const segments = segmentNames.map((segment) => ({ value: segment, label: segment }));
  const owners = [
    { value: me.member.id, label: `${me.member.name} (you)` },
    ...members.active
      .filter((member) => member.id !== me.member.id)
      .map((member) => ({ value: member.id, label: member.name })),
  ];
  // A deactivated owner is not offered, but a link filtering by them still shows their name.
  if (filters.ownerId && !owners.some((owner) => owner.value === filters.ownerId)) {
    const name = members.byId.get(filters.ownerId)?.name ?? "Unknown member";
    owners.push({ value: filters.ownerId, label: name });
  }

  return (
    <Stack gap="sm" mb="md" role="search" aria-label="Filter accounts">
      <Group gap="sm" align="flex-end">
        <TextInput
          label="Search"
          placeholder="Name or domain"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            commitSearch(event.currentTarget.value);
          }}
          rightSection={
            search ? (
              <CloseButton
                size="sm"
                aria-label="Clear search"
                onClick={() => {
                  setSearch("");
                  onChange({ q: undefined });
                }}
              />
            ) : null
          }
          style={{ flex: "1 1 200px" }}
          maw={{ base: "100%", sm: 320 }}
        />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={statusOptions}
          value={filters.status ?? null}
          onChange={(value) => onChange({ status: (value ?? undefined) as Filters["status"] })}
          w={{ base: "100%", xs: 150 }}
        />
        <Select
          label="Tier"
          placeholder="Any tier"
          clearable
          data={withCurrent(tiers, filters.tier)}
          value={filters.tier ?? null}
          onChange={(value) => onChange({ tier: value ?? undefined })}
          w={{ base: "100%", xs: 140 }}
        />
        <Select
          label="Segment"
          placeholder="Any segment"
          clearable
          searchable
          data={withCurrent(segments, filters.segment)}
          value={filters.segment ?? null}
          onChange={(value) => onChange({ segment: value ?? undefined })}
          nothingFoundMessage="No account in that segment yet"
          w={{ base: "100%", xs: 170 }}
        />
        <Select
          label="Owner"
          placeholder="Anyone"
          clearable
          searchable
          data={owners}
          value={filters.ownerId ?? null}
          onChange={(value) => onChange({ ownerId: value ?? undefined })}
          w={{ base: "100%", xs: 190 }}
        />
      </Group>
      <Group justify="space-between" gap="sm" mih={36}>
        <Group gap="md">
          <Switch
            label="Show archived accounts"
            checked={filters.archived === "true"}
            onChange={(event) =>
              onChange({ archived: event.currentTarget.checked ? "true" : undefined })
            }
          />
          {filters.tag && (
            <Pill
              size="md"
              withRemoveButton
              onRemove={() => onChange({ tag: undefined })}
              removeButtonProps={{ "aria-label": `Stop filtering by tag ${filters.tag}` }}
            >
              Tag: {filters.tag}
            </Pill>
          )}
          {isFiltered(filters) && (
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconFilterOff size={14} aria-hidden />}
              onClick={onClear}
            >
              Clear filters
            </Button>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Text component="label" htmlFor="accounts-sort" size="sm" fw={500}>
            Sort by
          </Text>
          <Select
            id="accounts-sort"
            allowDeselect={false}
            data={accountSorts.map((sort) => ({ value: sort, label: sortLabels[sort] }))}
            value={filters.sort ?? DEFAULT_SORT}
            onChange={(value) =>
              onChange({
                sort: value && value !== DEFAULT_SORT ? (value as Filters["sort"]) : undefined,
              })
            }
            w={210}
          />
        </Group>
      </Group>
    </Stack>
  );
}
