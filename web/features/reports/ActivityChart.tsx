/**
 * The report drawn: touches per group (horizontal bars, so member and account names stay
 * readable; a line over time for months) beside the existing/prospect split. Each chart sits
 * in a named <figure>; the table below carries the same numbers for screen readers and copy.
 */
import "@mantine/charts/styles.css";
import { BarChart, DonutChart, LineChart } from "@mantine/charts";
import { ColorSwatch, Grid, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ActivityGroupBy } from "../../../src/domains/reports/reports.inputs";
import type { ActivityReport } from "./reports.api";
import { formatCount, formatShare } from "./reports.format";

/** Beyond this many bars the names get too small to read: the table lists the rest. */
const MAX_BARS = 20;

const groupNoun: Record<ActivityGroupBy, string> = {
  member: "member",
  kind: "kind",
  month: "month",
  account: "account",
};

/** The accessible name of the main chart, which the end-to-end tests look for. */
export const chartName = (groupBy: ActivityGroupBy) => `Touches by ${groupNoun[groupBy]}`;

const series = [
  { name: "count", label: "All touches", color: "rapport.6" },
  { name: "meaningful", label: "Meaningful touches", color: "blue.6" },
];

const whole = (value: number) => formatCount(value);

export function ActivityChart({ report }: { report: ActivityReport }) {
  // Filtered to one client type, the split is 100% of one side and says nothing.
  const withSplit = report.clientType === null;
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: withSplit ? 8 : 12 }}>
        <GroupChart report={report} />
      </Grid.Col>
      {withSplit && (
        <Grid.Col span={{ base: 12, md: 4 }}>
          <SplitChart report={report} />
        </Grid.Col>
      )}
    </Grid>
  );
}

/** Whether the period cuts a month short at either end, which makes that month look quiet. */
function cutsMonths(from: string, to: string): boolean {
  const next = new Date(`${to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return !from.endsWith("-01") || next.getUTCDate() !== 1;
}

function ChartFrame({
  name,
  note,
  children,
}: {
  name: string;
  note?: string;
  children: React.ReactNode;
}) {
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

function GroupChart({ report }: { report: ActivityReport }) {
  const name = chartName(report.groupBy);
  const withTouches = report.data.filter((row) => row.count > 0);

  if (withTouches.length === 0) {
    return (
      <ChartFrame name={name}>
        <Text size="sm" c="dimmed" py="xl" ta="center">
          No touches were logged in this period.
        </Text>
      </ChartFrame>
    );
  }

  if (report.groupBy === "month") {
    // Every month of the period, quiet ones too: a gap in the line is the point.
    const data = report.data.map((row) => ({
      label: row.label,
      count: row.count,
      meaningful: row.meaningful,
    }));
    const note = cutsMonths(report.from, report.to)
      ? "The period starts or ends mid-month, so the first or last month covers only part of it."
      : undefined;
    const chartProps = {
      h: 300,
      data,
      dataKey: "label",
      series,
      withLegend: true,
      legendProps: { verticalAlign: "bottom" as const },
      valueFormatter: whole,
      yAxisProps: { allowDecimals: false },
      tickLine: "none" as const,
      gridAxis: "y" as const,
    };
    return (
      <ChartFrame name={name} note={note}>
        {data.length >= 3 ? (
          // Straight segments: a smoothed curve would suggest activity between month ends.
          <LineChart {...chartProps} curveType="linear" />
        ) : (
          <BarChart {...chartProps} maxBarWidth={40} />
        )}
      </ChartFrame>
    );
  }
  const rows = [...withTouches].sort((a, b) => b.count - a.count);
  const shown = rows.slice(0, MAX_BARS);
  const note =
    rows.length > shown.length
      ? `The ${MAX_BARS} with the most touches; the table lists all ${rows.length}.`
      : report.groupBy === "kind"
        ? undefined
        : `Only ${groupNoun[report.groupBy]}s with touches in the period are drawn.`;
  return (
    <ChartFrame name={name} note={note}>
      <BarChart
        h={Math.max(160, shown.length * 44 + 60)}
        data={shown.map((row) => ({
          label: row.label,
          count: row.count,
          meaningful: row.meaningful,
        }))}
        dataKey="label"
        orientation="vertical"
        series={series}
        withLegend
        legendProps={{ verticalAlign: "bottom" }}
        valueFormatter={whole}
        xAxisProps={{ allowDecimals: false }}
        yAxisProps={{ width: 150 }}
        tickLine="none"
        gridAxis="x"
        maxBarWidth={18}
      />
    </ChartFrame>
  );
}

function SplitChart({ report }: { report: ActivityReport }) {
  const { existing, prospect, meaningful } = report.totals;
  const parts = [
    { name: "Existing clients", value: existing, color: "rapport.6" },
    { name: "Prospects", value: prospect, color: "yellow.6" },
  ];
  return (
    <ChartFrame name="Existing clients and prospects" note="Share of meaningful touches">
      {meaningful === 0 ? (
        <Text size="sm" c="dimmed" py="xl" ta="center">
          No meaningful touch in this period.
        </Text>
      ) : (
        <Stack align="center" gap="md">
          <DonutChart
            data={parts.filter((part) => part.value > 0)}
            size={160}
            thickness={26}
            withTooltip={false}
            chartLabel={formatCount(meaningful)}
            // The legend below says the same in text; hidden, the ring must not take focus.
            accessibilityLayer={false}
            pieProps={{ rootTabIndex: -1 }}
            aria-hidden
          />
          {/* The legend is HTML, not SVG text, so it keeps the theme's contrast-safe colours. */}
          <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: "none" }} w="100%">
            {parts.map((part) => (
              <Group component="li" key={part.name} gap="xs" wrap="nowrap">
                <ColorSwatch
                  color={`var(--mantine-color-${part.color.replace(".", "-")})`}
                  size={12}
                  withShadow={false}
                  aria-hidden
                />
                <Text size="sm" style={{ flex: 1 }}>
                  {part.name}
                </Text>
                <Text size="sm" fw={600}>
                  {formatCount(part.value)} ({formatShare(part.value / meaningful)})
                </Text>
              </Group>
            ))}
          </Stack>
        </Stack>
      )}
    </ChartFrame>
  );
}
