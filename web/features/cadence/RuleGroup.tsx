/**
 * One scope's cadence rules (a tier, prospects, or single accounts) as a card: each rule in
 * words ("Any touch every 14 days"), with Edit and Archive for managers. An empty tier says
 * what having no rule means, because that is a choice worth making on purpose.
 */
import { Anchor, Button, Card, Group, Table, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useId } from "react";
import { Link } from "react-router";
import { useAccountName } from "../people/people.api";
import type { CadenceRule } from "./cadence.api";
import { describeRule } from "./cadence.labels";
import type { RuleDraft } from "./cadence-form";

export type RuleGroupProps = {
  id: string;
  title: string;
  empty: string;
  draft: RuleDraft;
  rules: CadenceRule[];
  showAccount?: boolean;
  canEdit: boolean;
  onAdd: () => void;
  onEdit: (rule: CadenceRule) => void;
  onArchive: (rule: CadenceRule) => void;
};

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function RuleGroup({
  title,
  empty,
  rules,
  showAccount = false,
  canEdit,
  onAdd,
  onEdit,
  onArchive,
}: RuleGroupProps) {
  const headingId = useId();
  return (
    <Card withBorder radius="md" p="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="center" mb={rules.length ? "xs" : 4}>
        <Title order={3} fz="md" id={headingId}>
          {title}
        </Title>
        {canEdit && (
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={onAdd}
            aria-label={`Add a rule: ${title}`}
          >
            Add a rule
          </Button>
        )}
      </Group>
      {rules.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table verticalSpacing={8} aria-labelledby={headingId} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              {showAccount && <Table.Th>Account</Table.Th>}
              <Table.Th>Expects</Table.Th>
              {canEdit && <Table.Th w={170}>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rules.map((rule) => {
              const words = capitalised(describeRule(rule));
              return (
                <Table.Tr key={rule.id}>
                  {showAccount && (
                    <Table.Td>
                      <AccountLink accountId={rule.accountId} />
                    </Table.Td>
                  )}
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {words}
                    </Text>
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => onEdit(rule)}
                          aria-label={`Edit “${words}” (${title})`}
                        >
                          Edit
                        </Button>
                        <Button
                          size="xs"
                          variant="light"
                          color="red"
                          onClick={() => onArchive(rule)}
                          aria-label={`Archive “${words}” (${title})`}
                        >
                          Archive
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function AccountLink({ accountId }: { accountId: string | null }) {
  const name = useAccountName(accountId);
  if (!accountId) return null;
  return (
    <Anchor component={Link} to={`/accounts/${accountId}`} size="sm">
      {name.data ?? (name.isError ? "An account" : "Loading…")}
    </Anchor>
  );
}
