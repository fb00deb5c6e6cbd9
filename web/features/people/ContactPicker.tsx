/**
 * Picks one person by typing part of their name or email: the server searches, so the list
 * is never filtered again in the browser. Each option shows their email and where they work.
 */
import { Loader, Select, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useContact, useContactSearch } from "./people.api";
import { fullName } from "./people.format";

export function ContactPicker({
  label,
  excludeId,
  value,
  onChange,
  error,
}: {
  label: string;
  /** Someone who may not be chosen (the survivor of a merge). */
  excludeId?: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
}) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const picked = useContact(value ?? undefined);
  const query = picked.data && debounced === fullName(picked.data) ? "" : debounced;
  const results = useContactSearch(query);
  const data = useMemo(() => {
    const rows = (results.data?.data ?? [])
      .filter((person) => person.id !== excludeId)
      .map((person) => ({
        value: person.id,
        label: fullName(person),
        detail: [person.primaryEmail, person.currentAffiliations[0]?.accountName]
          .filter(Boolean)
          .join(" · "),
      }));
    if (value && picked.data && !rows.some((row) => row.value === value)) {
      rows.unshift({ value, label: fullName(picked.data), detail: "" });
    }
    return rows;
  }, [results.data, excludeId, value, picked.data]);
  const details = new Map(data.map((row) => [row.value, row.detail]));

  return (
    <Select
      label={label}
      error={error}
      placeholder="Search by name or email"
      searchable
      clearable
      data-autofocus
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={results.isFetching ? <Loader size={14} /> : undefined}
      data={data.map(({ value: id, label }) => ({ value: id, label }))}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? "Searching…" : "No one else matches"}
      renderOption={({ option }) => (
        <Stack gap={0}>
          <Text size="sm">{option.label}</Text>
          {details.get(option.value) && (
            <Text size="xs" c="dimmed">
              {details.get(option.value)}
            </Text>
          )}
        </Stack>
      )}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
