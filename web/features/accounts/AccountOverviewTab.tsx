/**
 * Overview: the client's story (where they come from, where they are going), their needs,
 * the milestones of the relationship, and on the side who on our team serves them, the
 * account's particulars and its dated status history.
 */
import { Button, Grid, Group, Stack, Text, Timeline } from "@mantine/core";
import { IconPencil } from "@tabler/icons-react";
import type { UseQueryResult } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { formatDateTime, formatRelative } from "../../components/format";
import { HealthPanel } from "../health/HealthPanel";
import { AccountFormModal } from "./AccountFormModal";
import { AccountMilestones } from "./AccountMilestones";
import { AccountNeedsSection } from "./AccountNeedsSection";
import { AccountOverviewCard } from "./AccountOverviewCard";
import { AccountTeam } from "./AccountTeam";
import type { Account, TeamEntry } from "./accounts.api";
import { accountStatusColor, formatDate, statusLabels } from "./accounts.model";

type AccountOverviewTabProps = {
  account: Account;
  team: UseQueryResult<TeamEntry[]>;
  canEdit: boolean;
  onWriteError: (error: unknown) => void;
};

function Story({
  text,
  empty,
  canEdit,
  onEdit,
}: {
  text: string | null;
  empty: string;
  canEdit: boolean;
  onEdit: () => void;
}) {
  if (text?.trim()) {
    return (
      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
        {text}
      </Text>
    );
  }
  return (
    <Stack gap="xs" align="flex-start">
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
      {canEdit && (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPencil size={14} aria-hidden />}
          onClick={onEdit}
        >
          Write it down
        </Button>
      )}
    </Stack>
  );
}

export function AccountOverviewTab({
  account,
  team,
  canEdit,
  onWriteError,
}: AccountOverviewTabProps) {
  const [editing, setEditing] = useState(false);
  const history = [...account.statusHistory].reverse();

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="lg">
          {/* First and wide: the score's reasons are sentences that need the room. */}
          <HealthPanel accountId={account.id} />
          <AccountOverviewCard
            title="Where they come from"
            description="Their history and what shaped the business."
          >
            <Story
              text={account.background}
              empty="Nobody has written their background yet. How did they start, and what shaped them?"
              canEdit={canEdit}
              onEdit={() => setEditing(true)}
            />
          </AccountOverviewCard>
          <AccountOverviewCard
            title="Where they are going"
            description="Their plans and ambitions: what success looks like for them."
          >
            <Story
              text={account.aspirations}
              empty="Their aspirations are not recorded yet. Where do they want to be in a few years?"
              canEdit={canEdit}
              onEdit={() => setEditing(true)}
            />
          </AccountOverviewCard>
          <AccountMilestones account={account} canEdit={canEdit} onWriteError={onWriteError} />
          <AccountNeedsSection account={account} canEdit={canEdit} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap="lg">
          <AccountTeam account={account} team={team} canEdit={canEdit} />
          <AccountOverviewCard title="Particulars">
            <Stack gap="xs">
              <Particular label="Employees">
                {account.size === null ? "Unknown" : account.size.toLocaleString()}
              </Particular>
              <Particular label="In Rapport since">{formatDate(account.createdAt)}</Particular>
              <Particular label="Last changed">
                <span title={formatDateTime(account.updatedAt)}>
                  {formatRelative(account.updatedAt)}
                </span>
              </Particular>
            </Stack>
          </AccountOverviewCard>
          <AccountOverviewCard title="Status history" description="Each change of status, dated.">
            <Timeline active={0} bulletSize={14} lineWidth={2}>
              {history.map((entry, index) => (
                <Timeline.Item
                  key={`${entry.changedAt}-${entry.status}`}
                  color={accountStatusColor[entry.status]}
                  title={
                    <Text size="sm" fw={index === 0 ? 600 : 500}>
                      {statusLabels[entry.status]}
                      {index === 0 ? " (now)" : ""}
                    </Text>
                  }
                >
                  <Text size="xs" c="dimmed">
                    {formatDateTime(entry.changedAt)}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </AccountOverviewCard>
        </Stack>
      </Grid.Col>
      <AccountFormModal opened={editing} onClose={() => setEditing(false)} account={account} />
    </Grid>
  );
}

function Particular({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" gap="sm" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} ta="right">
        {children}
      </Text>
    </Group>
  );
}
