/**
 * People: everyone at the firm's clients. Filters (account, level, text) and the sort are
 * kept in the URL; rows come a page at a time with the API's cursor. An empty workspace
 * gets the two ways in: add a person, or import a CSV or vCard file.
 */
import {
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import {
  IconAddressBook,
  IconFileImport,
  IconFilterOff,
  IconSearch,
  IconTableExport,
  IconUserPlus,
} from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import type { ContactSort } from "../../../src/domains/contacts/contacts.inputs";
import { hasRole, useCurrentMe } from "../../app/session";
import { formatDateTime, formatRelative } from "../../components/format";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { SortableTh, type SortState } from "../../components/SortableTable";
import { AccountPicker } from "./AccountPicker";
import { NewPersonModal } from "./NewPersonModal";
import { type ContactListItem, useContacts } from "./people.api";
import { fullName, levelColors, levelLabels, levelOptions } from "./people.format";
import { usePeopleParams } from "./people.params";

type SortColumn = "name" | "updatedAt";

function sortStateOf(sort: ContactSort): SortState<SortColumn> {
  const column = sort.replace(/^-/, "");
  return {
    column: column === "updatedAt" ? "updatedAt" : "name",
    direction: sort.startsWith("-") ? "desc" : "asc",
  };
}

/** Same column flips the order; a new column starts where people expect (A→Z, newest first). */
function nextSort(current: ContactSort, column: SortColumn): ContactSort {
  const state = sortStateOf(current);
  if (state.column === column) {
    return (state.direction === "asc" ? `-${column}` : column) as ContactSort;
  }
  return column === "updatedAt" ? "-updatedAt" : "name";
}

const EXPORT_URL = "/api/v1/exports/contacts.csv";

export function PeoplePage() {
  const me = useCurrentMe();
  const canCreate = hasRole(me.member.role, "member");
  const { filters, filtered, update } = usePeopleParams();
  const [text, setText] = useState(filters.q ?? "");
  const pushText = useDebouncedCallback((value: string) => update({ q: value.trim() }), 300);
  const [creating, setCreating] = useState(false);
  const contacts = useContacts(filters);

  const rows = useMemo(
    () => contacts.data?.pages.flatMap((page) => page.data) ?? [],
    [contacts.data],
  );
  const isEmptyWorkspace = contacts.isSuccess && rows.length === 0 && !filtered;

  const clearFilters = () => {
    setText("");
    update({ q: null, account: null, level: null });
  };

  return (
    <>
      <PageHeader
        title="People"
        description="Who you work with at your clients, and what matters to them."
        actions={
          <>
            <Button
              component="a"
              href={EXPORT_URL}
              download
              variant="default"
              leftSection={<IconTableExport size={16} />}
            >
              Export CSV
            </Button>
            {canCreate && (
              <>
                <Button
                  component={Link}
                  to="/people/import"
                  variant="default"
                  leftSection={<IconFileImport size={16} />}
                >
                  Import
                </Button>
                <Button leftSection={<IconUserPlus size={16} />} onClick={() => setCreating(true)}>
                  New person
                </Button>
              </>
            )}
          </>
        }
      />

      {isEmptyWorkspace ? (
        <EmptyState
          py={48}
          icon={<IconAddressBook size={28} stroke={1.5} />}
          title="No one here yet"
          description={
            canCreate
              ? "Add the people you work with at your clients one by one, or bring them all in from another tool's CSV export or a vCard file."
              : "People appear here once your team adds them or imports them from another tool."
          }
        >
          {canCreate && (
            <EmptyState.Actions>
              <Button leftSection={<IconUserPlus size={16} />} onClick={() => setCreating(true)}>
                Add a person
              </Button>
              <Button
                component={Link}
                to="/people/import"
                variant="default"
                leftSection={<IconFileImport size={16} />}
              >
                Import from CSV or vCard
              </Button>
            </EmptyState.Actions>
          )}
        </EmptyState>
      ) : (
        <Stack gap={0}>
          <Group gap="sm" mb="md" align="flex-end">
            <TextInput
              label="Search"
              placeholder="Name, email, title or interest"
              leftSection={<IconSearch size={16} aria-hidden />}
              value={text}
              onChange={(event) => {
                setText(event.currentTarget.value);
                pushText(event.currentTarget.value);
              }}
              w={{ base: "100%", xs: 280 }}
            />
            <AccountPicker
              label="Account"
              placeholder="All accounts"
              value={filters.accountId ?? null}
              onChange={(account) => update({ account })}
              w={{ base: "100%", xs: 240 }}
            />
            <Select
              label="Level"
              placeholder="All levels"
              clearable
              data={levelOptions}
              value={filters.level ?? null}
              onChange={(level) => update({ level })}
              w={{ base: "100%", xs: 180 }}
            />
            {filtered && (
              <Button
                variant="subtle"
                leftSection={<IconFilterOff size={16} />}
                onClick={clearFilters}
              >
                Clear filters
              </Button>
            )}
          </Group>

          {contacts.isError ? (
            <QueryErrorAlert
              error={contacts.error}
              what="people"
              onRetry={() => contacts.refetch()}
            />
          ) : (
            <PeopleTable
              rows={rows}
              loading={contacts.isPending}
              sort={filters.sort}
              onSort={(column) => update({ sort: nextSort(filters.sort, column) })}
              onClearFilters={clearFilters}
            />
          )}
          {contacts.isSuccess && rows.length > 0 && (
            <LoadMore
              shown={rows.length}
              loaded={rows.length}
              noun={["person", "people"]}
              hasMore={contacts.hasNextPage}
              loading={contacts.isFetchingNextPage}
              onLoadMore={() => contacts.fetchNextPage()}
            />
          )}
        </Stack>
      )}

      <NewPersonModal
        // A new key per opening picks up the account the list is filtered to.
        key={creating ? (filters.accountId ?? "all") : "closed"}
        opened={creating}
        onClose={() => setCreating(false)}
        accountId={filters.accountId}
      />
    </>
  );
}

function PeopleTable({
  rows,
  loading,
  sort,
  onSort,
  onClearFilters,
}: {
  rows: ContactListItem[];
  loading: boolean;
  sort: ContactSort;
  onSort: (column: SortColumn) => void;
  onClearFilters: () => void;
}) {
  const sortState = sortStateOf(sort);
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="People" aria-busy={loading}>
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" label="Name" sort={sortState} onSort={onSort} />
            <Table.Th>Title</Table.Th>
            <Table.Th w={130}>Level</Table.Th>
            <Table.Th>Account</Table.Th>
            <Table.Th>Email</Table.Th>
            <SortableTh
              column="updatedAt"
              label="Updated"
              sort={sortState}
              onSort={onSort}
              width={140}
            />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((person) => (
            <Table.Tr key={person.id}>
              <Table.Td>
                <Anchor component={Link} to={`/people/${person.id}`} fw={600} size="sm">
                  {fullName(person)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{person.title ?? ""}</Text>
              </Table.Td>
              <Table.Td>
                {person.level && (
                  <Badge color={levelColors[person.level]}>{levelLabels[person.level]}</Badge>
                )}
              </Table.Td>
              <Table.Td>
                <CurrentAccounts person={person} />
              </Table.Td>
              <Table.Td>
                {person.primaryEmail && (
                  <Anchor href={`mailto:${person.primaryEmail}`} size="sm">
                    {person.primaryEmail}
                  </Anchor>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={formatDateTime(person.updatedAt)}>
                  {formatRelative(person.updatedAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
          {!loading && rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Stack align="center" gap="xs" py="md">
                  <Text size="sm" c="dimmed">
                    No one matches these filters.
                  </Text>
                  <Button size="xs" variant="default" onClick={onClearFilters}>
                    Clear filters
                  </Button>
                </Stack>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CurrentAccounts({ person }: { person: ContactListItem }) {
  const accounts = person.currentAffiliations;
  if (accounts.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Text size="sm" lineClamp={2}>
      {accounts.map((account, index) => (
        <span key={account.id}>
          {index > 0 && ", "}
          <Anchor component={Link} to={`/accounts/${account.accountId}`} size="sm" inherit>
            {account.accountName}
          </Anchor>
        </span>
      ))}
    </Text>
  );
}
