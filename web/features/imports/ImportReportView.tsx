/**
 * What an import did, or (dry run) would do: counts of created, updated, unchanged and
 * rejected rows, the accounts a contacts import adds for unknown companies, and each
 * rejected row with its line in the file and the reason, so the file can be fixed.
 */
import {
  Alert,
  Badge,
  Group,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { IconBuildingSkyscraper, IconSearch } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import type { ImportKind } from "../../../src/domains/imports/imports.inputs";
import type { ImportReport } from "./imports.api";
import { kindLabels } from "./imports.labels";

const numberFormat = new Intl.NumberFormat();
export const formatCount = (value: number) => numberFormat.format(value);

function Count({
  label,
  value,
  color,
  hint,
}: {
  label: string;
  value: number;
  color?: string;
  hint: string;
}) {
  return (
    <Paper withBorder radius="md" p="md" role="group" aria-label={label}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} c={value > 0 ? color : undefined} lh={1.3}>
        {formatCount(value)}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

/** The rejected rows shown at once; more are reachable by filtering on the reason or line. */
const SHOWN_REJECTIONS = 200;

export function ImportReportView({
  kind,
  report,
  dryRun,
}: {
  kind: ImportKind;
  report: ImportReport;
  dryRun: boolean;
}) {
  const noun = kindLabels[kind].noun;
  const verb = dryRun
    ? { created: "would be created", updated: "would be updated", unchanged: "already up to date" }
    : { created: "created", updated: "updated with new details", unchanged: "already up to date" };
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Count
          label={dryRun ? "New" : "Created"}
          value={report.created}
          color="rapport"
          hint={`${noun} ${verb.created}`}
        />
        <Count
          label={dryRun ? "To update" : "Updated"}
          value={report.updated}
          color="blue"
          hint={`${noun} ${verb.updated}`}
        />
        <Count label="Unchanged" value={report.unchanged} hint={`${noun} ${verb.unchanged}`} />
        <Count
          label="Rejected"
          value={report.rejectedCount}
          color="red"
          hint={
            report.rejectedCount > 0 ? "rows with a problem, listed below" : "no problems found"
          }
        />
      </SimpleGrid>

      {kind !== "accounts" &&
        (report.accountsCreated.length > 0 || report.affiliationsCreated > 0) && (
          <Alert color="blue" variant="light" icon={<IconBuildingSkyscraper size={18} />}>
            <Stack gap={4}>
              {report.affiliationsCreated > 0 && (
                <Text size="sm">
                  {formatCount(report.affiliationsCreated)}{" "}
                  {report.affiliationsCreated === 1 ? "person" : "people"}{" "}
                  {dryRun
                    ? "would be linked"
                    : report.affiliationsCreated === 1
                      ? "is now linked"
                      : "are now linked"}{" "}
                  to the account named in their Company column.
                </Text>
              )}
              {report.accountsCreated.length > 0 && (
                <Text size="sm">
                  {dryRun ? "New accounts would be created" : "New accounts were created"} (as
                  prospects you own) for companies not yet in Rapport:{" "}
                  {report.accountsCreated
                    .slice(0, 12)
                    .map((account) => account.name)
                    .join(", ")}
                  {report.accountsCreated.length > 12 &&
                    ` and ${formatCount(report.accountsCreated.length - 12)} more`}
                  .
                </Text>
              )}
            </Stack>
          </Alert>
        )}

      {report.rejectedCount > 0 && <RejectedRows report={report} dryRun={dryRun} />}
    </Stack>
  );
}

function RejectedRows({ report, dryRun }: { report: ImportReport; dryRun: boolean }) {
  const [filter, setFilter] = useState("");
  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const matching = needle
      ? report.rejected.filter(
          (row) => String(row.line) === needle || row.reason.toLowerCase().includes(needle),
        )
      : report.rejected;
    return { shown: matching.slice(0, SHOWN_REJECTIONS), total: matching.length };
  }, [report.rejected, filter]);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Text fw={600} component="h3" m={0} size="md">
            Rejected rows{" "}
            <Badge color="red" variant="light" ml={4}>
              {formatCount(report.rejectedCount)}
            </Badge>
          </Text>
          <Text size="sm" c="dimmed">
            {dryRun
              ? "These rows would be skipped; the others import fine. Fix them in your file and upload it again, or import the good rows now."
              : "These rows were skipped. Fix them in your file and import it again: rows already imported stay unchanged."}
          </Text>
        </Stack>
        {report.rejected.length > 10 && (
          <TextInput
            size="xs"
            aria-label="Filter rejected rows"
            placeholder="Filter by line or reason"
            leftSection={<IconSearch size={14} aria-hidden />}
            value={filter}
            onChange={(event) => setFilter(event.currentTarget.value)}
            w={240}
          />
        )}
      </Group>
      <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
        <Table verticalSpacing="xs" striped aria-label="Rejected rows" stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>Line</Table.Th>
              <Table.Th>Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.shown.map((row) => (
              <Table.Tr key={`${row.line}-${row.reason}`}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {row.line}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{row.reason}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {(rows.total > rows.shown.length || report.rejectedCount > report.rejected.length) && (
        <Text size="xs" c="dimmed">
          Showing {formatCount(rows.shown.length)} of {formatCount(report.rejectedCount)} rejected
          rows{filter ? " matching the filter" : ""}.
        </Text>
      )}
    </Stack>
  );
}
