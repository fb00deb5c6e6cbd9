/**
 * People tab of an account: who we know there now, by level, with their role, authority and
 * since when; who has left; and the flags that say the relationship rests on too few people.
 * Adding someone keeps the member on the account (so two or three can be added in a row),
 * and the flags update as they do.
 */
import {
  Anchor,
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  Menu,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { IconAddressBook, IconChevronDown, IconDownload, IconUserPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { NewPersonModal } from "../people/NewPersonModal";
import {
  formatCalendarDay,
  formatPeriod,
  levelColors,
  levelLabels,
  roleLabels,
} from "../people/people.format";
import { LinkPersonModal } from "../relationships/LinkPersonModal";
import { RelationshipFlags } from "../relationships/RelationshipFlags";
import {
  accountVcardUrl,
  currentContacts,
  type MapContact,
  useRelationshipMap,
  useRelationshipMapChanged,
} from "../relationships/relationships.api";
import type { AccountTabProps } from "./accounts.api";

export function AccountPeopleTab({ account, canEdit }: AccountTabProps) {
  const map = useRelationshipMap(account.id);
  const mapChanged = useRelationshipMapChanged();
  const [adding, setAdding] = useState<"new" | "existing" | null>(null);
  const people = map.data ? currentContacts(map.data) : [];
  const former = map.data?.formerContacts ?? [];

  const actions = (
    <Group gap="xs">
      {people.length > 0 && (
        <Button
          component="a"
          href={accountVcardUrl(account.id)}
          download
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          Export vCard
        </Button>
      )}
      {canEdit && (
        <Button.Group>
          <Button
            leftSection={<IconUserPlus size={16} aria-hidden />}
            onClick={() => setAdding("new")}
          >
            Add a person
          </Button>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button px={8} aria-label="More ways to add a person">
                <IconChevronDown size={16} aria-hidden />
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => setAdding("existing")}>
                Someone already in Rapport
              </Menu.Item>
              <Menu.Item component={Link} to="/people/import">
                Import a CSV or vCard file
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Button.Group>
      )}
    </Group>
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={2}>
          <Title order={2} fz="lg">
            People at {account.name}
          </Title>
          <Text size="sm" c="dimmed">
            {map.data
              ? `${people.length} current ${people.length === 1 ? "contact" : "contacts"}${
                  former.length > 0 ? `, ${former.length} who left` : ""
                }`
              : "Their people, as people: their level, role and authority."}
          </Text>
        </Stack>
        {actions}
      </Group>
      {map.isError && (
        <QueryErrorAlert error={map.error} what="the people" onRetry={() => map.refetch()} />
      )}
      {map.data && people.length > 0 && (
        <RelationshipFlags
          compact
          // Our side's sponsor belongs on the map; here, only what concerns their people.
          flags={map.data.flags.filter((flag) => flag.code !== "no_executive_sponsor")}
          whenNone="Several people, someone senior and a decision maker: the relationship does not hang on one person."
        />
      )}
      {map.data && people.length === 0 && (
        <Card withBorder radius="md" py="xl">
          <EmptyState>
            <EmptyState.Indicator>
              <IconAddressBook size={28} stroke={1.5} />
            </EmptyState.Indicator>
            <EmptyState.Title order={3}>No current contacts</EmptyState.Title>
            <EmptyState.Description maw={520}>
              Who do you work with at {account.name}? Add at least two people, one of them senior,
              so the relationship does not hang on a single person.
            </EmptyState.Description>
            {canEdit && (
              <EmptyState.Actions>
                <Button onClick={() => setAdding("new")}>Add the first person</Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        </Card>
      )}
      {people.length > 0 && <PeopleTable people={people} label="Current contacts" />}
      {former.length > 0 && (
        <Stack gap="xs">
          <Title order={3} fz="md">
            Who has left
          </Title>
          <PeopleTable people={former} label="Former contacts" former />
        </Stack>
      )}
      <NewPersonModal
        opened={adding === "new"}
        onClose={() => setAdding(null)}
        accountId={account.id}
        onCreated={() => mapChanged(account.id)}
      />
      <LinkPersonModal
        opened={adding === "existing"}
        onClose={() => setAdding(null)}
        accountId={account.id}
        accountName={account.name}
        onLinked={() => mapChanged(account.id)}
      />
    </Stack>
  );
}

function PeopleTable({
  people,
  label,
  former = false,
}: {
  people: MapContact[];
  label: string;
  former?: boolean;
}) {
  return (
    <Card withBorder radius="md" p={0}>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" horizontalSpacing="md" aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Level</Table.Th>
              <Table.Th scope="col">Role</Table.Th>
              <Table.Th scope="col">Authority and responsibility</Table.Th>
              <Table.Th scope="col">{former ? "Left on" : "With them"}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.map((person) => (
              <Table.Tr key={person.affiliationId}>
                <Table.Td>
                  <Anchor component={Link} to={`/people/${person.contactId}`} fw={600} size="sm">
                    {person.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {person.title ?? "Title not known"}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {person.level ? (
                    <Badge color={levelColors[person.level]} radius="sm" tt="none">
                      {levelLabels[person.level]}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Not known
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{person.role ? roleLabels[person.role] : "Not known"}</Text>
                </Table.Td>
                <Table.Td maw={320}>
                  {person.authority || person.responsibility ? (
                    <>
                      {person.authority && <Text size="sm">{person.authority}</Text>}
                      {person.responsibility && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {person.responsibility}
                        </Text>
                      )}
                    </>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Not recorded
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {former
                      ? formatCalendarDay(person.endedOn)
                      : formatPeriod(person.startedOn, null)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
