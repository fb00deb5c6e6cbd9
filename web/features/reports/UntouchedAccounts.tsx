/**
 * The accounts nobody touched in the period, stalest first, each a link to its page: the
 * list a review ends with ("who do we call this week?").
 */
import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { formatRelative } from "../../components/format";
import { accountStatusColor, statusLabels } from "../accounts/accounts.model";
import type { ActivityTotals } from "./reports.api";

export function UntouchedAccounts({ totals }: { totals: ActivityTotals }) {
  const count = totals.untouchedAccounts ?? totals.untouched.length;
  return (
    <Paper component="section" withBorder radius="md" p="md" aria-labelledby="untouched-title">
      <Stack gap="sm">
        <div>
          <Title order={3} fz="md" id="untouched-title">
            Accounts with no touch in the period ({count})
          </Title>
          <Text size="xs" c="dimmed">
            Live accounts without a meaningful touch, the longest quiet first.
            {count > totals.untouched.length &&
              ` The first ${totals.untouched.length} are listed; the count includes all.`}
          </Text>
        </div>
        {totals.untouched.length === 0 ? (
          <Text size="sm">Every live account had at least one meaningful touch.</Text>
        ) : (
          <Table.ScrollContainer minWidth={420} mah={420}>
            <Table verticalSpacing={6} aria-label="Accounts with no touch in the period">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Account</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Last meaningful touch</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {totals.untouched.map((account) => (
                  <Table.Tr key={account.accountId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/accounts/${account.accountId}`} size="sm">
                        {account.accountName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge color={accountStatusColor[account.status]}>
                          {statusLabels[account.status]}
                        </Badge>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {account.lastTouchAt ? formatRelative(account.lastTouchAt) : "Never"}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
