/**
 * The top of the Portfolio: how many accounts sit in each band, then the same split per tier
 * as a stacked bar chart in a named <figure>. The counts follow the owner and segment
 * filters (the summary endpoint takes only those); a note says so when other filters narrow
 * the table below, so the two never seem to disagree.
 */
import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import {
  ColorSwatch,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { tierLabel } from "../accounts/accounts.model";
import type { PortfolioSummary } from "../health/health.api";
import { bandColor, bandDescriptions, bandLabels, bandsByRisk } from "../health/health.labels";

export const chartName = "Accounts by band and tier";

const series = bandsByRisk.map((band) => ({
  name: band,
  label: bandLabels[band],
  color: `${bandColor[band]}.6`,
}));

const share = (part: number, whole: number) =>
  whole === 0 ? "—" : `${Math.round((part / whole) * 100)}%`;

export function PortfolioOverview({
  summary,
  narrowed,
}: {
  summary: PortfolioSummary | undefined;
  /** Tier, band or the declined view narrow the table but not these counts. */
  narrowed: boolean;
}) {
  if (!summary) {
    return (
      <Grid gap="md" mb="lg" aria-busy>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Skeleton height={250} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Skeleton height={250} />
        </Grid.Col>
      </Grid>
    );
  }
  const { total } = summary;
  return (
    <Stack gap="xs" mb="lg">
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <SimpleGrid
            component="ul"
            aria-label="Accounts by band"
            cols={2}
            spacing="sm"
            p={0}
            m={0}
            h="100%"
            style={{ listStyle: "none" }}
          >
            <Stat label="All accounts" value={total.total} detail="Live accounts with a score" />
            {bandsByRisk.map((band) => (
              <Stat
                key={band}
                label={bandLabels[band]}
                value={total[band]}
                detail={`${share(total[band], total.total)} · ${bandDescriptions[band].toLowerCase()}`}
                color={bandColor[band]}
              />
            ))}
          </SimpleGrid>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <BandChart summary={summary} />
        </Grid.Col>
      </Grid>
      {narrowed && (
        <Text size="xs" c="dimmed">
          These counts follow the owner and segment filters only; the tier, band and 7-day filters
          narrow the table below.
        </Text>
      )}
    </Stack>
  );
}

function Stat({
  label,
  value,
  detail,
  color,
}: {
  label: string;
  value: number;
  detail: string;
  color?: string;
}) {
  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="sm"
      // A band's colour as a left rule: the label and number stay in contrast-safe text colours.
      style={color ? { borderLeft: `4px solid var(--mantine-color-${color}-6)` } : undefined}
    >
      <Text size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fz={26} fw={650} lh={1.2}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {detail}
      </Text>
    </Paper>
  );
}

/** In HTML and in risk order (the chart's own legend sorts by name, putting Healthy second). */
function Legend() {
  return (
    <Group component="ul" gap="lg" justify="center" p={0} m={0} style={{ listStyle: "none" }}>
      {series.map((item) => (
        <Group component="li" key={item.name} gap={6} wrap="nowrap">
          <ColorSwatch
            color={`var(--mantine-color-${item.color.replace(".", "-")})`}
            size={12}
            withShadow={false}
            aria-hidden
          />
          <Text size="sm">{item.label}</Text>
        </Group>
      ))}
    </Group>
  );
}

function BandChart({ summary }: { summary: PortfolioSummary }) {
  const data = summary.tiers.map((row) => ({
    tier: row.tier ? tierLabel(row.tier) : "No tier",
    at_risk: row.at_risk,
    watch: row.watch,
    healthy: row.healthy,
  }));
  return (
    <Paper component="figure" withBorder radius="md" p="md" m={0} h="100%" aria-label={chartName}>
      <Stack gap="sm">
        <Title order={2} fz="md" component="figcaption">
          {chartName}
        </Title>
        {summary.total.total === 0 ? (
          <Text size="sm" c="dimmed" py="xl" ta="center">
            No account to count yet.
          </Text>
        ) : (
          <>
            <BarChart
              h={200}
              data={data}
              dataKey="tier"
              type="stacked"
              series={series}
              yAxisProps={{ allowDecimals: false }}
              tickLine="none"
              gridAxis="x"
              maxBarWidth={56}
            />
            <Legend />
          </>
        )}
      </Stack>
    </Paper>
  );
}
