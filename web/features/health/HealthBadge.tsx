/**
 * The small pieces a health score is shown with everywhere: the score in a band-coloured
 * badge, the trend arrow with the 7-day change, and the account header's badge (which
 * fetches the same query as the Overview panel, so the two never disagree).
 */
import { Badge, Group, Skeleton, Text } from "@mantine/core";
import { IconArrowNarrowRight, IconTrendingDown, IconTrendingUp } from "@tabler/icons-react";
import type { HealthBand, HealthTrend } from "../../../src/domains/health/health.inputs";
import { useAccountHealth } from "./health.api";
import {
  bandColor,
  bandDescriptions,
  bandLabels,
  formatChange,
  trendLabels,
} from "./health.labels";

export function BandBadge({ band, size = "sm" }: { band: HealthBand; size?: "xs" | "sm" | "md" }) {
  return (
    <Badge color={bandColor[band]} size={size} title={bandDescriptions[band]}>
      {bandLabels[band]}
    </Badge>
  );
}

/** "42 At risk": the number first, because it is what a reader compares down a list. */
export function HealthBadge({
  score,
  band,
  size = "sm",
}: {
  score: number;
  band: HealthBand;
  size?: "xs" | "sm" | "md" | "lg";
}) {
  return (
    <Badge
      color={bandColor[band]}
      size={size}
      tt="none"
      // A badge ellipsises by default; a cut score ("40 · Wat…") reads worse than a wider cell.
      style={{ flexShrink: 0, overflow: "visible" }}
      title={`Health ${score} of 100: ${bandLabels[band].toLowerCase()} (${bandDescriptions[band].toLowerCase()})`}
    >
      {score} · {bandLabels[band]}
    </Badge>
  );
}

const trendIcon = { up: IconTrendingUp, flat: IconArrowNarrowRight, down: IconTrendingDown };
const trendColor = { up: "rapport", flat: "gray", down: "red" } as const;

/**
 * The arrow says the direction (named for screen readers), the number says by how much.
 * The icon takes the badge text colour of its band, which adapts to light and dark.
 */
export function TrendIndicator({
  trend,
  change,
  long = false,
  iconOnly = false,
}: {
  trend: HealthTrend;
  change: number | null;
  /** "−8 in 7 days" instead of "−8", where there is room. */
  long?: boolean;
  /** Just the arrow, named with the change, where space is tight (the account header). */
  iconOnly?: boolean;
}) {
  const Icon = trendIcon[trend];
  const amount = formatChange(change);
  const named =
    iconOnly && amount !== null ? `${trendLabels[trend]}, ${amount} in 7 days` : trendLabels[trend];
  return (
    <Group gap={4} wrap="nowrap">
      <Icon
        size={18}
        role="img"
        aria-label={named}
        color={`var(--mantine-color-${trendColor[trend]}-light-color)`}
        style={{ flexShrink: 0 }}
        title={iconOnly ? named : undefined}
      />
      {!iconOnly && (
        <Text size="sm" span style={{ whiteSpace: "nowrap" }}>
          {amount === null
            ? long
              ? "No score a week old to compare"
              : "—"
            : long
              ? `${amount} in 7 days`
              : amount}
        </Text>
      )}
    </Group>
  );
}

/** The header's badge: small, and quiet while loading or when health cannot be read. */
export function AccountHealthBadge({ accountId }: { accountId: string }) {
  const health = useAccountHealth(accountId);
  if (health.isPending) return <Skeleton height={22} width={110} radius="xl" />;
  if (!health.data) {
    return (
      <Text size="sm" c="dimmed">
        Not available
      </Text>
    );
  }
  const { score, band, trend, change7d } = health.data;
  return (
    <Group gap={6} wrap="nowrap">
      <HealthBadge score={score} band={band} size="md" />
      <TrendIndicator trend={trend} change={change7d} iconOnly />
    </Group>
  );
}
