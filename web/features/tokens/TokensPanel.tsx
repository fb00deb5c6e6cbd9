/**
 * Settings → API tokens: the member's tokens (admins see everyone's, so they can revoke
 * a leaked one), with when each was last used. Revoking takes effect immediately.
 */
import { Badge, Button, Code, EmptyState, Group, Stack, Switch, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconKey, IconPlus } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { describeError } from "../../app/api";
import { hasRole, useCurrentMe } from "../../app/session";
import { statusColor } from "../../app/theme";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { formatDateTime, formatRelative } from "../../components/format";
import { LoadMore } from "../../components/LoadMore";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { SectionHeader } from "../../components/SectionHeader";
import { SortableTh, useSortedRows } from "../../components/SortableTable";
import { useMembers } from "../members/members.api";
import { CreateTokenModal } from "./CreateTokenModal";
import { type ApiToken, useApiTokens, useRevokeApiToken } from "./tokens.api";

type Column = "label" | "createdAt" | "lastUsedAt";

function sortValue(token: ApiToken, column: Column): string {
  return token[column] ?? "";
}

export function TokensPanel() {
  const me = useCurrentMe();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const isAdmin = hasRole(me.member.role, "admin");
  // Admins see every member's tokens; names come from the members list they can read.
  const members = useMembers({ enabled: isAdmin });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);

  const memberNames = useMemo(
    () =>
      new Map(
        members.data?.pages.flatMap((page) => page.data).map((member) => [member.id, member.name]),
      ),
    [members.data],
  );
  const loaded = useMemo(
    () => tokens.data?.pages.flatMap((page) => page.data) ?? [],
    [tokens.data],
  );
  const visible = useMemo(
    () => loaded.filter((token) => showRevoked || !token.revokedAt),
    [loaded, showRevoked],
  );
  const { sorted, sort, toggle } = useSortedRows(
    visible,
    { column: "createdAt", direction: "desc" },
    sortValue,
  );
  const showMemberColumn = isAdmin && loaded.some((token) => token.memberId !== me.member.id);
  const revokedCount = loaded.length - loaded.filter((token) => !token.revokedAt).length;

  const ownerName = (token: ApiToken) =>
    token.memberId === me.member.id ? "You" : (memberNames.get(token.memberId) ?? "Another member");

  const confirmRevoke = () => {
    if (!revoking) return;
    revoke.mutate(revoking, {
      onSuccess: (token) =>
        notifications.show({
          color: "rapport",
          title: "Token revoked",
          message: `“${token.label}” no longer works.`,
        }),
      onError: (error) =>
        notifications.show({
          color: "red",
          title: "Could not revoke the token",
          message: describeError(error),
        }),
      onSettled: () => setRevoking(null),
    });
  };

  return (
    <Stack gap={0}>
      <SectionHeader
        title="API tokens"
        description={
          isAdmin
            ? "Tokens let scripts and integrations use the API as the member who created them. As an admin you see everyone's and can revoke any."
            : "Tokens let your scripts and integrations use the API as you, with your role."
        }
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            Create token
          </Button>
        }
      />

      {revokedCount > 0 && (
        <Switch
          mb="md"
          label={`Show revoked tokens (${revokedCount})`}
          checked={showRevoked}
          onChange={(event) => setShowRevoked(event.currentTarget.checked)}
        />
      )}

      {tokens.isError ? (
        <QueryErrorAlert error={tokens.error} what="API tokens" onRetry={() => tokens.refetch()} />
      ) : tokens.isSuccess && sorted.length === 0 ? (
        <EmptyState
          py="xl"
          icon={<IconKey size={28} stroke={1.5} />}
          title="No active tokens"
          description="Create one when a script or integration needs to read or change Rapport data. You will see its secret once."
        />
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table
            verticalSpacing="sm"
            highlightOnHover
            aria-label="API tokens"
            aria-busy={tokens.isPending}
          >
            <Table.Thead>
              <Table.Tr>
                <SortableTh column="label" label="Label" sort={sort} onSort={toggle} />
                <Table.Th>Token</Table.Th>
                {showMemberColumn && <Table.Th>Acts as</Table.Th>}
                <SortableTh column="createdAt" label="Created" sort={sort} onSort={toggle} />
                <SortableTh column="lastUsedAt" label="Last used" sort={sort} onSort={toggle} />
                <Table.Th w={120}>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td fw={500}>{token.label}</Table.Td>
                  <Table.Td>
                    <Code>{token.prefix}…</Code>
                  </Table.Td>
                  {showMemberColumn && <Table.Td>{ownerName(token)}</Table.Td>}
                  <Table.Td>
                    <Text size="sm" title={formatDateTime(token.createdAt)}>
                      {formatRelative(token.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" title={formatDateTime(token.lastUsedAt)}>
                      {formatRelative(token.lastUsedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {token.revokedAt ? (
                      <Group gap={4}>
                        <Badge
                          color={statusColor.revoked}
                          title={`Revoked ${formatDateTime(token.revokedAt)}`}
                        >
                          Revoked
                        </Badge>
                      </Group>
                    ) : (
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        onClick={() => setRevoking(token)}
                        aria-label={`Revoke ${token.label}`}
                      >
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {tokens.isSuccess && sorted.length > 0 && (
        <LoadMore
          shown={sorted.length}
          loaded={loaded.length}
          noun={["token", "tokens"]}
          hasMore={tokens.hasNextPage}
          loading={tokens.isFetchingNextPage}
          onLoadMore={() => tokens.fetchNextPage()}
        />
      )}

      <CreateTokenModal opened={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        opened={revoking !== null}
        title="Revoke API token"
        confirmLabel="Revoke token"
        danger
        loading={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={confirmRevoke}
      >
        Anything using <strong>{revoking?.label}</strong> stops working immediately. This cannot be
        undone; you can create a new token instead.
      </ConfirmDialog>
    </Stack>
  );
}
