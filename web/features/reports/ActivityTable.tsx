/**
 * Every measure of every group, as the CSV has them, with the period's totals in the footer.
 * Wide on purpose (a review wants all the numbers side by side): it scrolls sideways and
 * keeps the group's name pinned at the left.
 */
import { Anchor, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { ActivityGroupBy } from "../../../src/domains/reports/reports.inputs";
import { SortableTh, useSortedRows } from "../../components/SortableTable";
import { interactionKindLabels, reportedKinds } from "../cadence/cadence.labels";
import classes from "./ActivityTable.module.css";
import type { ActivityReport, ActivityRow } from "./reports.api";
import {
  formatCount,
  formatDays,
  formatMinutes,
  formatNumber,
  formatShare,
} from "./reports.format";
import { groupByLabels } from "./reports.params";

type Measure = {
  id: string;
  label: string;
  value: (row: ActivityRow) => number | null;
  format: (value: number | null) => string;
};

const measures: Measure[] = [
  { id: "count", label: "Touches", value: (r) => r.count, format: formatCount },
  { id: "meaningful", label: "Meaningful", value: (r) => r.meaningful, format: formatCount },
  ...reportedKinds.map((kind) => ({
    id: `kind:${kind}`,
    label: interactionKindLabels[kind],
    value: (r: ActivityRow) => r.byKind[kind] ?? 0,
    format: formatCount,
  })),
  {
    id: "accountsTouched",
    label: "Accounts touched",
    value: (r) => r.accountsTouched,
    format: formatCount,
  },
  {
    id: "meaningfulPerAccount",
    label: "Per account",
    value: (r) => r.meaningfulPerAccount,
    format: formatNumber,
  },
  {
    id: "medianDaysBetweenTouches",
    label: "Median gap",
    value: (r) => r.medianDaysBetweenTouches,
    format: formatDays,
  },
  {
    id: "cadenceRules",
    label: "Account rules",
    value: (r) => r.cadenceRules,
    format: formatCount,
  },
  {
    id: "cadenceCompliance",
    label: "Compliance",
    value: (r) => r.cadenceCompliance,
    format: formatShare,
  },
  {
    id: "meetingsMeasured",
    label: "Meetings timed",
    value: (r) => r.meetingsMeasured,
    format: formatCount,
  },
  {
    id: "meetingsLate",
    label: "Late (> 5 min)",
    value: (r) => r.meetingsLate,
    format: formatCount,
  },
  { id: "lateShare", label: "Late share", value: (r) => r.lateShare, format: formatShare },
  {
    id: "medianLatenessMinutes",
    label: "Median lateness",
    value: (r) => r.medianLatenessMinutes,
    format: formatMinutes,
  },
  { id: "existing", label: "Existing", value: (r) => r.existing, format: formatCount },
  { id: "prospect", label: "Prospects", value: (r) => r.prospect, format: formatCount },
  {
    id: "prospectShare",
    label: "Prospect share",
    value: (r) => r.prospectShare,
    format: formatShare,
  },
  {
    id: "untouchedAccounts",
    label: "No touch",
    value: (r) => r.untouchedAccounts,
    format: formatCount,
  },
];

const byId = new Map(measures.map((m) => [m.id, m]));

/** The table's accessible name, which the end-to-end tests look for. */
export const tableName = (groupBy: ActivityGroupBy) =>
  `Activity by ${groupByLabels[groupBy].toLowerCase()}`;

// Months sort by their key (2026-01), not their name ("April" before "January").
function sortKeyOf(row: ActivityRow, column: string): string | number {
  if (column === "label") return /^\d{4}-\d{2}$/.test(row.key) ? row.key : row.label;
  // Nothing to measure sorts below zero, so "—" rows gather at one end.
  return byId.get(column)?.value(row) ?? -1;
}

export function ActivityTable({ report }: { report: ActivityReport }) {
  const { sorted, sort, toggle } = useSortedRows<ActivityRow, string>(
    report.data,
    report.groupBy === "month"
      ? { column: "label", direction: "asc" }
      : { column: "count", direction: "desc" },
    sortKeyOf,
  );
  const groupLabel = groupByLabels[report.groupBy];

  return (
    <Table.ScrollContainer minWidth={1800}>
      <Table
        verticalSpacing="xs"
        highlightOnHover
        withRowBorders
        aria-label={tableName(report.groupBy)}
        className={classes.table}
        style={{ fontVariantNumeric: "tabular-nums" }}
      >
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="label" label={groupLabel} sort={sort} onSort={toggle} />
            {measures.map((m) => (
              <SortableTh key={m.id} column={m.id} label={m.label} sort={sort} onSort={toggle} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row" fw={500}>
                <RowName groupBy={report.groupBy} row={row} />
              </Table.Th>
              {measures.map((m) => (
                <Table.Td key={m.id}>{m.format(m.value(row))}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700}>
            <Table.Th scope="row">Total</Table.Th>
            {measures.map((m) => (
              <Table.Td key={m.id}>{m.format(m.value(report.totals))}</Table.Td>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

function RowName({ groupBy, row }: { groupBy: ActivityGroupBy; row: ActivityRow }) {
  if (groupBy === "account") {
    return (
      <Anchor component={Link} to={`/accounts/${row.key}`} size="sm" fw={500}>
        {row.label}
      </Anchor>
    );
  }
  return (
    <Text size="sm" fw={500} span>
      {row.label}
    </Text>
  );
}
