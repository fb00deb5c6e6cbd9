/**
 * Picks one account by typing part of its name: the server searches (a firm may have
 * thousands of accounts), so the list is never filtered again in the browser.
 */
import { Loader, Select, type SelectProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconBuildingSkyscraper } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useAccountName, useAccountOptions } from "./people.api";

type AccountPickerProps = Omit<
  SelectProps,
  "data" | "value" | "onChange" | "searchable" | "searchValue" | "onSearchChange" | "filter"
> & {
  value: string | null;
  onChange: (accountId: string | null) => void;
};

export function AccountPicker({ value, onChange, ...props }: AccountPickerProps) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const selectedName = useAccountName(value);
  // When the search box shows the chosen account's name, list everything, not just it.
  const query = debounced === selectedName.data ? "" : debounced;
  const options = useAccountOptions(query);

  const data = useMemo(() => {
    const rows = (options.data?.data ?? []).map((account) => ({
      value: account.id,
      label: account.name,
    }));
    if (value && selectedName.data && !rows.some((row) => row.value === value)) {
      rows.unshift({ value, label: selectedName.data });
    }
    return rows;
  }, [options.data, value, selectedName.data]);

  return (
    <Select
      searchable
      clearable
      leftSection={<IconBuildingSkyscraper size={16} aria-hidden />}
      rightSection={options.isFetching ? <Loader size={14} /> : undefined}
      nothingFoundMessage={
        options.isError
          ? "Could not load accounts"
          : options.isFetching
            ? "Searching…"
            : "No account matches"
      }
      {...props}
      data={data}
      value={value}
      onChange={(next) => onChange(next)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
    />
  );
}
