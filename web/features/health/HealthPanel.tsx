/**
 * The Overview's Health card: the score with its band and trend, the last 90 days as a
 * sparkline, every component with its reason (DESIGN §7: every score shows its reasons),
 * when it was computed, and the open alarms that pull it down, linked to their tasks.
 */
import "@mantine/charts/styles.css";
import { Sparkline } from "@mantine/charts";
import { Anchor, Badge, Divider, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconAlarm } from "@tabler/icons-react";
import { Link } from "react-router";
import { HISTORY_DAYS } from "../../../src/domains/health/health.inputs";
import { formatDateTime, formatRelative } from "../../components/format";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { AccountOverviewCard } from "../accounts/AccountOverviewCard";
import { sourceColor, sourceLabels } from "../tasks/tasks.labels";
import { TrendIndicator } from "./HealthBadge";
import { HealthComponents } from "./HealthComponents";
import { type AccountHealth, useAccountHealth, useOpenAlarms } from "./health.api";
import { bandColor, bandDescriptions, bandLabels } from "./health.labels";

/** The Tasks page reads `account` and shows only the member's own tasks unless told otherwise. */
export const alarmTasksHref = (accountId: string, source?: string) =>
  `/tasks?account=${accountId}&assignee=anyone${source ? `&source=${source}` : ""}`;

export function HealthPanel({ accountId }: { accountId: string }) {
  const health = useAccountHealth(accountId);
  return (
    <AccountOverviewCard
      title="Health"
      description="How the relationship is doing, and why."
      actions={
        <Anchor component={Link} to="/settings/health" size="sm">
          Weights
        </Anchor>
      }
    >
      {health.isError ? (
        <QueryErrorAlert
          error={health.error}
          what="the account's health"
          onRetry={() => health.refetch()}
        />
      ) : !health.data ? (
        <Stack gap="sm" aria-busy>
          <Skeleton height={48} width={200} />
          <Skeleton height={40} />
          <Skeleton height={120} />
        </Stack>
      ) : (
        <HealthBody accountId={accountId} health={health.data} />
      )}
    </AccountOverviewCard>
  );
}

function HealthBody({ accountId, health }: { accountId: string; health: AccountHealth }) {
  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" gap="lg">
        <Group gap="md" align="center" wrap="nowrap">
          <Text fz={44} fw={700} lh={1}>
            {health.score}
            <Text span fz="sm" fw={500} c="dimmed">
              {" "}
              / 100
            </Text>
          </Text>
          <Stack gap={6}>
            <Group gap="xs">
              <Badge color={bandColor[health.band]} size="lg">
                {bandLabels[health.band]}
              </Badge>
              <Text size="xs" c="dimmed">
                {bandDescriptions[health.band]}
              </Text>
            </Group>
            <TrendIndicator trend={health.trend} change={health.change7d} long />
          </Stack>
        </Group>
        <ScoreHistory history={health.history} />
      </Group>

      <Divider />
      <HealthComponents components={health.components} />
      <Text size="xs" c="dimmed">
        Computed{" "}
        <span title={formatDateTime(health.computedAt)}>{formatRelative(health.computedAt)}</span>.
        A component without data is left out and its weight goes to the others.
      </Text>

      <Divider />
      <OpenAlarms accountId={accountId} />
    </Stack>
  );
}

/** A sparkline needs two points; its name says in words what the line shows. */
function ScoreHistory({ history }: { history: AccountHealth["history"] }) {
  if (history.length < 2) {
    return (
      <Text size="xs" c="dimmed" maw={220}>
        The {HISTORY_DAYS}-day line appears once there is more than one score to draw.
      </Text>
    );
  }
  const scores = history.map((point) => point.score);
  const first = scores[0] ?? 0;
  const last = scores[scores.length - 1] ?? 0;
  const label = `Score over the last ${HISTORY_DAYS} days: from ${first} to ${last}, lowest ${Math.min(...scores)}, highest ${Math.max(...scores)}`;
  return (
    <Stack gap={2} align="flex-end" style={{ flex: "1 1 180px" }} maw={280}>
      <div role="img" aria-label={label} style={{ width: "100%" }}>
        <Sparkline
          h={48}
          data={scores}
          curveType="linear"
          trendColors={{ positive: "rapport.6", negative: "red.6", neutral: "gray.6" }}
          fillOpacity={0.25}
          strokeWidth={2}
        />
      </div>
      <Text size="xs" c="dimmed" aria-hidden>
        Last {HISTORY_DAYS} days
      </Text>
    </Stack>
  );
}

function OpenAlarms({ accountId }: { accountId: string }) {
  const alarms = useOpenAlarms(accountId);
  const headingId = `health-alarms-${accountId}`;
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" gap="sm">
        <Title order={3} fz="sm" id={headingId}>
          <IconAlarm size={16} aria-hidden style={{ verticalAlign: "-3px", marginRight: 6 }} />
          Open alarms
        </Title>
        {alarms.tasks.length > 0 && (
          <Anchor component={Link} to={alarmTasksHref(accountId)} size="sm">
            All open tasks for this account
          </Anchor>
        )}
      </Group>
      {alarms.error ? (
        <QueryErrorAlert error={alarms.error} what="the open alarms" onRetry={alarms.refetch} />
      ) : alarms.isPending ? (
        <Skeleton height={20} />
      ) : alarms.tasks.length === 0 ? (
        <Text size="sm" c="dimmed">
          No open alarms: no survey answer, trend, tone or silence has raised a task.
        </Text>
      ) : (
        <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: "none" }}>
          {alarms.tasks.map((task) => (
            <Group component="li" key={task.id} gap="xs" wrap="nowrap" align="flex-start">
              <Badge color={sourceColor[task.source]} size="sm" style={{ flexShrink: 0 }}>
                {sourceLabels[task.source]}
              </Badge>
              <Anchor component={Link} to={alarmTasksHref(accountId, task.source)} size="sm">
                {task.title}
              </Anchor>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
