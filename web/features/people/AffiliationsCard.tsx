/**
 * Where a person works and worked (P8): each affiliation with their role, responsibility,
 * authority and accountability, current ones first. "Left the company" ends one; the past
 * ones stay listed, because people move on and the history explains the relationship.
 */
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { IconDoorExit, IconPlus } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import type { Affiliation } from "./people.api";
import { useAffiliations } from "./people.api";
import { formatCalendarDay, formatPeriod, roleLabels } from "./people.format";

export function AffiliationsCard({
  contactId,
  personName,
  canEdit,
  onAdd,
  onLeft,
}: {
  contactId: string;
  personName: string;
  canEdit: boolean;
  onAdd: () => void;
  onLeft: (affiliation: Affiliation) => void;
}) {
  const affiliations = useAffiliations(contactId);
  const rows = affiliations.data?.data ?? [];
  const current = rows.filter((row) => row.current);
  const past = rows.filter((row) => !row.current);

  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      component="section"
      aria-labelledby="affiliations-title"
    >
      <Group justify="space-between" mb="md">
        <Stack gap={2}>
          <Title order={2} fz="lg" id="affiliations-title">
            Accounts over time
          </Title>
          <Text size="sm" c="dimmed">
            Where {personName} works and worked, and what they decide and answer for there.
          </Text>
        </Stack>
        {canEdit && (
          <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={onAdd}>
            Add to an account
          </Button>
        )}
      </Group>

      {affiliations.isError ? (
        <QueryErrorAlert
          error={affiliations.error}
          what="affiliations"
          onRetry={() => affiliations.refetch()}
        />
      ) : affiliations.isPending ? (
        <Stack gap="xs">
          <Skeleton h={28} />
          <Skeleton h={28} />
        </Stack>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not at any account yet.{" "}
          {canEdit
            ? "Add the account they work at, with their role and what they may sign."
            : "Someone on the account's team can add where they work."}
        </Text>
      ) : (
        <AffiliationTable
          current={current}
          past={past}
          emptyCurrent={`${personName} is not at any account now.`}
          action={
            canEdit
              ? (row) => (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="gray"
                    leftSection={<IconDoorExit size={14} />}
                    onClick={() => onLeft(row)}
                    // The name starts with the visible words (WCAG 2.5.3), then says which.
                    aria-label={`Left the company: ${personName} left ${row.accountName}`}
                  >
                    Left the company
                  </Button>
                )
              : undefined
          }
        />
      )}
    </Card>
  );
}

/** One table for current and past affiliations, so their columns line up. */
function AffiliationTable({
  current,
  past,
  emptyCurrent,
  action,
}: {
  current: Affiliation[];
  past: Affiliation[];
  emptyCurrent: string;
  action?: (row: Affiliation) => ReactNode;
}) {
  const columns = action ? 7 : 6;
  const group = (label: string) => (
    <Table.Tr>
      <Table.Th colSpan={columns} scope="colgroup" pt="md">
        <Text size="xs" fw={700} tt="uppercase" c="dimmed">
          {label}
        </Text>
      </Table.Th>
    </Table.Tr>
  );
  const row = (affiliation: Affiliation, muted: boolean) => (
    <Table.Tr key={affiliation.id} c={muted ? "dimmed" : undefined}>
      <Table.Td miw={140}>
        <Anchor component={Link} to={`/accounts/${affiliation.accountId}`} size="sm" fw={600}>
          {affiliation.accountName}
        </Anchor>
      </Table.Td>
      <Table.Td>
        {affiliation.role ? (
          <Badge color={muted ? "gray" : "rapport"} maw="none">
            {roleLabels[affiliation.role]}
          </Badge>
        ) : (
          "—"
        )}
      </Table.Td>
      <Table.Td>{affiliation.responsibility ?? "—"}</Table.Td>
      <Table.Td>{affiliation.authority ?? "—"}</Table.Td>
      <Table.Td>{affiliation.accountability ?? "—"}</Table.Td>
      <Table.Td
        title={`${formatCalendarDay(affiliation.startedOn)} – ${affiliation.endedOn ? formatCalendarDay(affiliation.endedOn) : "now"}`}
      >
        {formatPeriod(affiliation.startedOn, affiliation.endedOn)}
      </Table.Td>
      {action && <Table.Td>{!muted && action(affiliation)}</Table.Td>}
    </Table.Tr>
  );
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table verticalSpacing="xs" fz="sm" aria-label="Accounts over time">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Account</Table.Th>
            <Table.Th w={170}>Role</Table.Th>
            <Table.Th>Responsibility</Table.Th>
            <Table.Th>Authority</Table.Th>
            <Table.Th>Accountability</Table.Th>
            <Table.Th w={170}>When</Table.Th>
            {action && (
              <Table.Th w={160}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {group(`Current (${current.length})`)}
          {current.map((affiliation) => row(affiliation, false))}
          {current.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns} c="dimmed">
                {emptyCurrent}
              </Table.Td>
            </Table.Tr>
          )}
          {past.length > 0 && group(`Past (${past.length})`)}
          {past.map((affiliation) => row(affiliation, true))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
