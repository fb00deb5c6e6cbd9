/**
 * The report's headline figures from `totals`, one card each. Every card says what its number
 * counts in a line underneath, because "62%" alone invites the wrong reading in a review.
 */
import { Paper, SimpleGrid, Text } from "@mantine/core";
import type { ActivityTotals } from "./reports.api";
import {
  formatCount,
  formatDays,
  formatMinutes,
  formatNumber,
  formatShare,
  NONE,
} from "./reports.format";

type Stat = { label: string; value: string; detail: string };

function statsOf(totals: ActivityTotals): Stat[] {
  const onSchedule =
    totals.cadenceCompliance === null
      ? null
      : Math.round(totals.cadenceCompliance * totals.cadenceRules);
  const existingShare = totals.prospectShare === null ? null : 1 - totals.prospectShare;
  return [
    {
      label: "Touches",
      value: formatCount(totals.count),
      detail: `${formatCount(totals.meaningful)} meaningful (notes left out)`,
    },
    {
      label: "Meaningful touches per account",
      value: formatNumber(totals.meaningfulPerAccount),
      detail: `Across ${formatCount(totals.accountsTouched)} ${totals.accountsTouched === 1 ? "account" : "accounts"} touched`,
    },
    {
      label: "Median days between touches",
      value: formatDays(totals.medianDaysBetweenTouches),
      detail: "Since the account's previous meaningful touch",
    },
    {
      label: "Cadence compliance",
      value: formatShare(totals.cadenceCompliance),
      detail:
        onSchedule === null
          ? "No cadence rule applies to these accounts"
          : `${formatCount(onSchedule)} of ${formatCount(totals.cadenceRules)} account × rule pairs on schedule at the period's end`,
    },
    {
      label: "Meetings started late",
      value: formatShare(totals.lateShare),
      detail:
        totals.meetingsMeasured === 0
          ? "No meeting with both a scheduled and a start time"
          : `${formatCount(totals.meetingsLate)} of ${formatCount(totals.meetingsMeasured)} more than 5 minutes late; median ${formatMinutes(totals.medianLatenessMinutes)}`,
    },
    {
      label: "Existing clients / prospects",
      value:
        totals.meaningful === 0
          ? NONE
          : `${formatCount(totals.existing)} / ${formatCount(totals.prospect)}`,
      detail:
        existingShare === null
          ? "No meaningful touch in the period"
          : `${formatShare(existingShare)} of meaningful touches went to existing clients`,
    },
    {
      label: "Accounts with no touch",
      value: formatCount(totals.untouchedAccounts),
      detail: "Live accounts without a meaningful touch in the period",
    },
  ];
}

export function ActivityStats({ totals }: { totals: ActivityTotals }) {
  return (
    <SimpleGrid
      component="ul"
      aria-label="Headline figures"
      cols={{ base: 1, xs: 2, md: 4 }}
      spacing="md"
      p={0}
      m={0}
      style={{ listStyle: "none" }}
    >
      {statsOf(totals).map((stat) => (
        <StatCard key={stat.label} stat={stat} />
      ))}
    </SimpleGrid>
  );
}

function StatCard({ stat }: { stat: Stat }) {
  return (
    <Paper component="li" withBorder radius="md" p="md">
      <Text size="sm" c="dimmed" fw={500}>
        {stat.label}
      </Text>
      <Text fz={26} fw={650} lh={1.3} mt={4}>
        {stat.value}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        {stat.detail}
      </Text>
    </Paper>
  );
}
