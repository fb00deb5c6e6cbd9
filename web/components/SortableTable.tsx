/**
 * Sorting for the lists in Settings: a header cell that toggles its column and announces
 * the order (aria-sort), plus a hook that sorts rows by the chosen column.
 */
import { Group, Table, UnstyledButton } from "@mantine/core";
import { IconArrowsSort, IconSortAscending, IconSortDescending } from "@tabler/icons-react";
import { useMemo, useState } from "react";

export type SortState<Column extends string> = { column: Column; direction: "asc" | "desc" };

export function useSortedRows<Row, Column extends string>(
  rows: Row[],
  initial: SortState<NoInfer<Column>>,
  sortKeyOf: (row: Row, column: Column) => string | number,
) {
  const [sort, setSort] = useState(initial);
  const sorted = useMemo(() => {
    const factor = sort.direction === "asc" ? 1 : -1;
    return [...rows].sort((a, b) => {
      const left = sortKeyOf(a, sort.column);
      const right = sortKeyOf(b, sort.column);
      const order =
        typeof left === "number" && typeof right === "number"
          ? left - right
          : String(left).localeCompare(String(right), undefined, { sensitivity: "base" });
      return order * factor;
    });
  }, [rows, sort, sortKeyOf]);
  const toggle = (column: Column) =>
    setSort((previous) =>
      previous.column === column
        ? { column, direction: previous.direction === "asc" ? "desc" : "asc" }
        : { column, direction: "asc" },
    );
  return { sorted, sort, toggle };
}

type SortableThProps<Column extends string> = {
  column: Column;
  label: string;
  sort: SortState<Column>;
  onSort: (column: Column) => void;
  width?: number | string;
};

export function SortableTh<Column extends string>({
  column,
  label,
  sort,
  onSort,
  width,
}: SortableThProps<Column>) {
  const active = sort.column === column;
  const Icon = !active
    ? IconArrowsSort
    : sort.direction === "asc"
      ? IconSortAscending
      : IconSortDescending;
  return (
    <Table.Th
      w={width}
      aria-sort={active ? (sort.direction === "asc" ? "ascending" : "descending") : "none"}
    >
      <UnstyledButton onClick={() => onSort(column)} fw={700} fz="sm">
        <Group gap={4} wrap="nowrap">
          {label}
          <Icon size={14} aria-hidden style={{ opacity: active ? 1 : 0.45 }} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
