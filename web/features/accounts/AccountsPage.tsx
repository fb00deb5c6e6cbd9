/**
 * Accounts: the firm's clients and prospects, filtered and sorted on the server, with the
 * filters in the URL. Each row's name is a link to the account (the keyboard path); a
 * click anywhere on the row goes there too.
 */
import { Anchor, Badge, Button, Card, EmptyState, Table, Text } from "@mantine/core";
import {
  IconArchive,
  IconBuildingSkyscraper,
  IconFilterOff,
  IconPlus,
  IconSearch,
} from "@tabler/icons-react";
import { type MouseEvent, useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useCurrentMe } from "../../app/session";
import { formatDateTime, formatRelative } from "../../components/format";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { SortableTh } from "../../components/SortableTable";
import { AccountFilters } from "./AccountFilters";
import { AccountFormModal } from "./AccountFormModal";
import {
  type Account,
  type AccountFilters as Filters,
  useAccounts,
  useMemberDirectory,
} from "./accounts.api";
import {
  accountStatusColor,
  DEFAULT_SORT,
  filtersFromSearch,
  isFiltered,
  mayCreateAccount,
  searchFromFilters,
  statusLabels,
  tierLabel,
} from "./accounts.model";
import { SegmentLabel } from "./SegmentLabel";

type SortColumn = "name" | "updatedAt" | "createdAt";

export function AccountsPage() {
  const me = useCurrentMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const accounts = useAccounts(filters);
  const members = useMemberDirectory();
  const [creating, setCreating] = useState(false);
  const canCreate = mayCreateAccount(me);

  const rows = useMemo(
    () => accounts.data?.pages.flatMap((page) => page.data) ?? [],
    [accounts.data],
  );

  const seenSegments = useMemo(
    () => [...new Set(rows.flatMap((account) => (account.segment ? [account.segment] : [])))],
    [rows],
  );

  const change = (next: Partial<Filters>, options: { replace?: boolean } = {}) =>
    setParams(searchFromFilters({ ...filtersFromSearch(params), ...next }), options);
  const clear = () => setParams(new URLSearchParams());

  const sortValue = filters.sort ?? DEFAULT_SORT;
  const sortState = {
    column: sortValue.replace(/^-/, "") as SortColumn,
    direction: sortValue.startsWith("-") ? ("desc" as const) : ("asc" as const),
  };
  const toggleSort = (column: SortColumn) => {
    const descending =
      sortState.column === column ? sortState.direction === "asc" : column !== "name";
    const sort = `${descending ? "-" : ""}${column}` as Filters["sort"];
    change({ sort: sort === DEFAULT_SORT ? undefined : sort });
  };

  const openRow = (event: MouseEvent<HTMLTableRowElement>, account: Account) => {
    // The name link handles its own clicks (and middle/ctrl-clicks open a new tab).
    if ((event.target as HTMLElement).closest("a, button")) return;
    navigate(`/accounts/${account.id}`);
  };

  const newAccountButton = canCreate && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
      New account
    </Button>
  );

  const filtered = isFiltered(filters);
  const archived = filters.archived === "true";
  const nothingYet = accounts.isSuccess && rows.length === 0 && !filtered;

  return (
    <>
      <PageHeader
        title="Accounts"
        description="The client organisations your firm serves and the prospects it is courting."
        actions={newAccountButton}
      />
      {/* Before the first account exists there is nothing to filter: the empty state says what to do. */}
      {!nothingYet && (
        <AccountFilters
          filters={filters}
          onChange={change}
          onClear={clear}
          seenSegments={seenSegments}
        />
      )}

      {accounts.isError ? (
        <QueryErrorAlert
          error={accounts.error}
          what="accounts"
          onRetry={() => accounts.refetch()}
        />
      ) : accounts.isSuccess && rows.length === 0 ? (
        <Card withBorder radius="lg" py="xl">
          {filtered ? (
            <EmptyState>
              <EmptyState.Indicator>
                {archived ? (
                  <IconArchive size={28} stroke={1.5} />
                ) : (
                  <IconSearch size={28} stroke={1.5} />
                )}
              </EmptyState.Indicator>
              <EmptyState.Title order={2}>
                {archived ? "No archived account matches" : "No account matches"}
              </EmptyState.Title>
              <EmptyState.Description maw={520}>
                {archived
                  ? "Archived accounts that match these filters would be listed here. Clear the filters to see the live accounts again."
                  : "Nothing matches these filters. Loosen them, or clear them to see every account."}
              </EmptyState.Description>
              <EmptyState.Actions>
                <Button
                  variant="default"
                  leftSection={<IconFilterOff size={16} aria-hidden />}
                  onClick={clear}
                >
                  Clear filters
                </Button>
              </EmptyState.Actions>
            </EmptyState>
          ) : (
            <EmptyState variant="light">
              <EmptyState.Indicator>
                <IconBuildingSkyscraper size={28} stroke={1.5} />
              </EmptyState.Indicator>
              <EmptyState.Title order={2}>No accounts yet</EmptyState.Title>
              <EmptyState.Description maw={520}>
                {canCreate
                  ? "Add the first client or prospect your firm serves. Its page then gathers its story, its milestones and who on your side looks after it."
                  : "Accounts appear here once a member of your team adds them; your role can read them but not create them."}
              </EmptyState.Description>
              {canCreate && (
                <EmptyState.Actions>
                  <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                    Create the first account
                  </Button>
                </EmptyState.Actions>
              )}
            </EmptyState>
          )}
        </Card>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table
            verticalSpacing="sm"
            highlightOnHover
            aria-label={archived ? "Archived accounts" : "Accounts"}
            aria-busy={accounts.isPending || accounts.isPlaceholderData}
          >
            <Table.Thead>
              <Table.Tr>
                <SortableTh column="name" label="Name" sort={sortState} onSort={toggleSort} />
                <Table.Th w={130}>Status</Table.Th>
                <Table.Th w={120}>Tier</Table.Th>
                <Table.Th>Segment</Table.Th>
                <Table.Th w={170}>Owner</Table.Th>
                <SortableTh
                  column="updatedAt"
                  label="Updated"
                  sort={sortState}
                  onSort={toggleSort}
                  width={140}
                />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody style={{ opacity: accounts.isPlaceholderData ? 0.6 : 1 }}>
              {rows.map((account) => (
                <Table.Tr
                  key={account.id}
                  onClick={(event) => openRow(event, account)}
                  style={{ cursor: "pointer" }}
                >
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/accounts/${account.id}`}
                      fw={600}
                      c="var(--mantine-color-text)"
                    >
                      {account.name}
                    </Anchor>
                    {account.domain && (
                      <Text size="xs" c="dimmed">
                        {account.domain}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={accountStatusColor[account.status]}>
                      {statusLabels[account.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{account.tier ? tierLabel(account.tier) : "—"}</Text>
                  </Table.Td>
                  <Table.Td>
                    <SegmentLabel account={account} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate>
                      {account.ownerId === me.member.id
                        ? "You"
                        : (members.byId.get(account.ownerId)?.name ?? "…")}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" title={formatDateTime(account.updatedAt)}>
                      {formatRelative(account.updatedAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {accounts.isSuccess && rows.length > 0 && (
        <LoadMore
          shown={rows.length}
          loaded={rows.length}
          noun={["account", "accounts"]}
          hasMore={accounts.hasNextPage}
          loading={accounts.isFetchingNextPage}
          onLoadMore={() => accounts.fetchNextPage()}
        />
      )}

      <AccountFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(account) => navigate(`/accounts/${account.id}`)}
      />
    </>
  );
}
