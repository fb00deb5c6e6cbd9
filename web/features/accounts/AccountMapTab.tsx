/**
 * Relationship map tab (P8, P9): how well we are connected to the client. The flags first
 * (what to fix, and why), then the picture (their people by level, our team, who covers
 * whom), then the same as a table for keyboards and screen readers, and who has left.
 */
import {
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  EmptyState,
  Loader,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { IconAffiliate } from "@tabler/icons-react";
import { lazy, Suspense } from "react";
import { Link } from "react-router";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { formatCalendarDay, levelLabels, roleLabels } from "../people/people.format";
import { RelationshipFlags } from "../relationships/RelationshipFlags";
import {
  currentContacts,
  type RelationshipMap,
  useRelationshipMap,
} from "../relationships/relationships.api";
import { AccountOverviewCard } from "./AccountOverviewCard";
import type { AccountTabProps } from "./accounts.api";

const RelationshipDiagram = lazy(() => import("../relationships/RelationshipDiagram"));

export function AccountMapTab({ account }: AccountTabProps) {
  const map = useRelationshipMap(account.id);

  if (map.isPending) {
    return (
      <Center py="xl" aria-busy="true">
        <Loader aria-label="Loading the relationship map" />
      </Center>
    );
  }
  if (map.isError) {
    return (
      <QueryErrorAlert
        error={map.error}
        what="the relationship map"
        onRetry={() => map.refetch()}
      />
    );
  }

  const people = currentContacts(map.data);
  return (
    <Stack gap="lg">
      <RelationshipFlags flags={map.data.flags} />
      {people.length === 0 && map.data.formerContacts.length === 0 ? (
        <Card withBorder radius="md" py="xl">
          <EmptyState>
            <EmptyState.Indicator>
              <IconAffiliate size={28} stroke={1.5} />
            </EmptyState.Indicator>
            <EmptyState.Title order={2}>No one at {account.name} yet</EmptyState.Title>
            <EmptyState.Description maw={520}>
              Add the people you work with there, with their level and role, and the map shows who
              on our team covers each of them and where the relationship is thin.
            </EmptyState.Description>
            <EmptyState.Actions>
              <Button component={Link} to="?tab=people">
                Go to People
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        </Card>
      ) : (
        <>
          <Card withBorder radius="md" p={0}>
            <Suspense
              fallback={
                <Center h={360}>
                  <Loader aria-label="Drawing the map" />
                </Center>
              }
            >
              <RelationshipDiagram map={map.data} />
            </Suspense>
          </Card>
          <Text size="xs" c="dimmed">
            Dashed lines: coverage assumed from team roles (the executive sponsor meets executives;
            the lead and owner meet management and decision makers; delivery and support meet
            operational staff). Amber dashed outlines: nobody on our team covers them.
          </Text>
          <CoverageTable map={map.data} />
          <FormerContacts map={map.data} />
        </>
      )}
    </Stack>
  );
}

function CoverageTable({ map }: { map: RelationshipMap }) {
  const names = new Map(map.team.map((m) => [m.memberId, m.name]));
  const coveredBy = (contactId: string) =>
    map.coverage.filter((c) => c.contactId === contactId).map((c) => names.get(c.memberId) ?? "");
  return (
    <AccountOverviewCard
      title="Who covers whom"
      description="Each current contact, their place at the client, and who on our team holds the relationship."
    >
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Person</Table.Th>
              <Table.Th scope="col">Level</Table.Th>
              <Table.Th scope="col">Role and authority</Table.Th>
              <Table.Th scope="col">Covered by</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {map.levels.flatMap((level) =>
              level.contacts.map((contact) => {
                const members = coveredBy(contact.contactId);
                return (
                  <Table.Tr key={contact.affiliationId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/people/${contact.contactId}`} size="sm">
                        {contact.name}
                      </Anchor>
                      {contact.title && (
                        <Text size="xs" c="dimmed">
                          {contact.title}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {contact.level ? levelLabels[contact.level] : "Not known"}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {contact.role ? roleLabels[contact.role] : "Role not known"}
                      </Text>
                      {contact.authority && (
                        <Text size="xs" c="dimmed">
                          {contact.authority}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {members.length > 0 ? (
                        <Text size="sm">{members.join(", ")}</Text>
                      ) : (
                        <Badge color="yellow" variant="light" radius="sm" tt="none">
                          Nobody
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              }),
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </AccountOverviewCard>
  );
}

function FormerContacts({ map }: { map: RelationshipMap }) {
  if (map.formerContacts.length === 0) return null;
  return (
    <AccountOverviewCard
      title="Who has left"
      description="People who moved on. Their history stays on their page."
    >
      <Stack gap={6}>
        {map.formerContacts.map((contact) => (
          <Text size="sm" key={contact.affiliationId}>
            <Anchor component={Link} to={`/people/${contact.contactId}`} inherit>
              {contact.name}
            </Anchor>
            {contact.role ? `, ${roleLabels[contact.role].toLowerCase()}` : ""}
            {contact.level ? ` (${levelLabels[contact.level].toLowerCase()})` : ""}, left on{" "}
            {formatCalendarDay(contact.endedOn)}
          </Text>
        ))}
      </Stack>
    </AccountOverviewCard>
  );
}
