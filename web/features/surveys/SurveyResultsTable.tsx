/**
 * "Survey results by period": every period's numbers as the charts draw them, the totals in
 * the footer. Counted by when the survey was sent (a cohort), so a response rate is never
 * above 100% even when answers arrive the month after.
 */
import { Table, Text } from "@mantine/core";
import { formatCount, formatNumber, formatShare, NONE } from "../reports/reports.format";
import { periodLabel } from "./survey-results.params";
import type { SurveyResults } from "./surveys.api";

type Figures = SurveyResults["totals"];

const signedNps = (value: number | null) =>
  value === null ? NONE : value > 0 ? `+${value}` : String(value);

export function SurveyResultsTable({ results, name }: { results: SurveyResults; name: string }) {
  const isNps = results.kind === "nps";
  const cells = (row: Figures) => (
    <>
      <Table.Td ta="right">{formatCount(row.sent)}</Table.Td>
      <Table.Td ta="right">{formatCount(row.answered)}</Table.Td>
      <Table.Td ta="right">{formatShare(row.responseRate)}</Table.Td>
      {isNps ? (
        <>
          <Table.Td ta="right">{formatCount(row.promoters)}</Table.Td>
          <Table.Td ta="right">{formatCount(row.passives)}</Table.Td>
          <Table.Td ta="right">{formatCount(row.detractors)}</Table.Td>
          <Table.Td ta="right" fw={600}>
            {signedNps(row.nps)}
          </Table.Td>
        </>
      ) : (
        <Table.Td ta="right" fw={600}>
          {formatNumber(row.average)}
        </Table.Td>
      )}
    </>
  );
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover aria-label={name} style={{ whiteSpace: "nowrap" }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{results.interval === "quarter" ? "Quarter" : "Month"}</Table.Th>
            <Table.Th scope="col" ta="right">
              Sent
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Answered
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Response rate
            </Table.Th>
            {isNps ? (
              <>
                <Table.Th scope="col" ta="right">
                  Promoters
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Passives
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Detractors
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  NPS
                </Table.Th>
              </>
            ) : (
              <Table.Th scope="col" ta="right">
                Average (1–5)
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {/* Newest first: the period under review leads. */}
          {[...results.series].reverse().map((row) => (
            <Table.Tr key={row.period}>
              <Table.Th scope="row" fw={500}>
                {periodLabel(row.period)}
              </Table.Th>
              {cells(row)}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">
              <Text span size="sm" fw={700}>
                All periods
              </Text>
            </Table.Th>
            {cells(results.totals)}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
