/**
 * The survey results drawn: for NPS, the score per period (a line from −100 to 100) over
 * the answers split into promoters, passives and detractors (stacked bars); for CSAT and
 * check-ins, the average score. Below it the response rate per period. Each chart sits in a
 * named <figure>; the table below carries the same numbers for screen readers and copying.
 */
import "@mantine/charts/styles.css";
import { BarChart, LineChart } from "@mantine/charts";
import { Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { formatCount, formatShare } from "../reports/reports.format";
import { periodLabel } from "./survey-results.params";
import type { SurveyResults } from "./surveys.api";
import { surveyKindLabels } from "./surveys.labels";

function Figure({ name, note, children }: { name: string; note?: string; children: ReactNode }) {
  return (
    <Paper component="figure" withBorder radius="md" p="md" m={0} h="100%" aria-label={name}>
      <Stack gap="sm">
        <div>
          <Title order={3} fz="md" component="figcaption">
            {name}
          </Title>
          {note && (
            <Text size="xs" c="dimmed">
              {note}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

const common = {
  dataKey: "label",
  tickLine: "none" as const,
  // Horizontal lines only: they are what the eye reads a level against.
  gridAxis: "x" as const,
  withLegend: true,
  legendProps: { verticalAlign: "bottom" as const },
};

export function SurveyResultsCharts({ results }: { results: SurveyResults }) {
  const rows = results.series.map((row) => ({
    label: periodLabel(row.period),
    nps: row.nps,
    average: row.average,
    promoters: row.promoters ?? 0,
    passives: row.passives ?? 0,
    detractors: row.detractors ?? 0,
    rate: row.responseRate === null ? null : Math.round(row.responseRate * 100),
  }));
  const answered = results.totals.answered > 0;
  const empty = (
    <Text size="sm" c="dimmed" py="xl" ta="center">
      No answers in this period yet.
    </Text>
  );
  const isNps = results.kind === "nps";
  return (
    <Stack gap="md">
      {isNps ? (
        <Figure
          name="NPS over time"
          note="% promoters (9–10) minus % detractors (0–6), by when the survey was sent."
        >
          {!answered ? (
            empty
          ) : (
            <>
              <LineChart
                {...common}
                h={220}
                data={rows}
                series={[{ name: "nps", label: "NPS", color: "rapport.6" }]}
                curveType="linear"
                connectNulls={false}
                withLegend={false}
                yAxisProps={{ domain: [-100, 100], ticks: [-100, -50, 0, 50, 100] }}
                referenceLines={[{ y: 0, color: "gray.5" }]}
                valueFormatter={(value) => String(Math.round(value))}
              />
              <Text size="sm" fw={600} mt="xs">
                Answers by category
              </Text>
              <BarChart
                {...common}
                h={200}
                type="stacked"
                data={rows}
                maxBarWidth={36}
                // Detractors at the bottom, where a growing problem shows first.
                series={[
                  { name: "detractors", label: "Detractors", color: "orange.6" },
                  { name: "passives", label: "Passives", color: "gray.5" },
                  { name: "promoters", label: "Promoters", color: "rapport.6" },
                ]}
                yAxisProps={{ allowDecimals: false }}
                valueFormatter={(value) => formatCount(value)}
              />
            </>
          )}
        </Figure>
      ) : (
        <Figure
          name={`${surveyKindLabels[results.kind]} average over time`}
          note="The mean score from 1 to 5, by when the survey was sent."
        >
          {!answered ? (
            empty
          ) : (
            <LineChart
              {...common}
              h={280}
              data={rows}
              series={[{ name: "average", label: "Average score", color: "rapport.6" }]}
              curveType="linear"
              connectNulls={false}
              withLegend={false}
              yAxisProps={{ domain: [1, 5], ticks: [1, 2, 3, 4, 5] }}
              valueFormatter={(value) => value.toFixed(1)}
            />
          )}
        </Figure>
      )}

      <Figure name="Response rate over time" note="Answered of those sent in each period.">
        {results.totals.sent === 0 ? (
          <Text size="sm" c="dimmed" py="xl" ta="center">
            No survey was sent in this period.
          </Text>
        ) : (
          <BarChart
            {...common}
            h={200}
            data={rows}
            withLegend={false}
            maxBarWidth={28}
            series={[{ name: "rate", label: "Response rate", color: "blue.6" }]}
            yAxisProps={{ domain: [0, 100], ticks: [0, 25, 50, 75, 100] }}
            valueFormatter={(value) => formatShare(value / 100)}
          />
        )}
      </Figure>
    </Stack>
  );
}
