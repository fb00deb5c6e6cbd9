/**
 * Settings → Members: who is in the workspace, their role and status. Admins invite,
 * change roles and deactivate/reactivate; everyone else sees the list read-only.
 * Server refusals (LAST_OWNER, STALE_VERSION, FORBIDDEN) surface as notifications.
 */
import { Badge, Button, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconSearch, IconUserPlus } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { ApiError, describeError } from "../../app/api";
import { hasRole, type Role, roleLabels, roles, useCurrentMe } from "../../app/session";
import { statusColor } from "../../app/theme";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { LoadMore } from "../../components/LoadMore";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { SectionHeader } from "../../components/SectionHeader";
import { SortableTh, useSortedRows } from "../../components/SortableTable";
import { InviteMemberModal } from "./InviteMemberModal";
import {
  type Member,
  type MemberChange,
  type MemberStatus,
  useMembers,
  useUpdateMember,
} from "./members.api";

type Column = "name" | "email" | "role" | "status";

const statusLabels: Record<MemberStatus, string> = {
  active: "Active",
  invited: "Invited",
  deactivated: "Deactivated",
};

function sortValue(member: Member, column: Column): string | number {
  // Roles sort by power, not alphabetically.
  return column === "role" ? roles.indexOf(member.role) : member[column];
}

/** Why the server said no, in words for the person who asked. */
function refusalMessage(error: unknown): { title: string; message: string } {
  if (error instanceof ApiError) {
    if (error.code === "LAST_OWNER") {
      return { title: "The workspace needs an owner", message: error.detail };
    }
    if (error.code === "STALE_VERSION") {
      return {
        title: "Someone else changed this member",
        message: "The list has been refreshed with their change. Check it and try again.",
      };
    }
    if (error.code === "FORBIDDEN")
      return { title: "Your role does not allow this", message: error.detail };
  }
  return { title: "Could not update the member", message: describeError(error) };
}

/** What deactivating/reactivating means for this member, said before and after. */
function statusCopy(member: Member) {
  const name = <strong>{member.name}</strong>;
  if (member.status === "deactivated") {
    return {
      status: "active" as const,
      title: "Reactivate member",
      confirmLabel: "Reactivate",
      success: `${member.name} can sign in again.`,
      body: (
        <>
          {name} will be able to sign in again as {roleLabels[member.role]}.
        </>
      ),
    };
  }
  if (member.status === "invited") {
    return {
      status: "deactivated" as const,
      title: "Cancel invitation",
      confirmLabel: "Cancel invitation",
      success: `The invitation for ${member.name} is withdrawn.`,
      body: <>The invitation link sent to {name} stops working.</>,
    };
  }
  return {
    status: "deactivated" as const,
    title: "Deactivate member",
    confirmLabel: "Deactivate",
    success: `${member.name} can no longer sign in.`,
    body: (
      <>
        {name} is signed out everywhere and can no longer sign in. Their work and history stay in
        Rapport, and you can reactivate them later.
      </>
    ),
  };
}

export function MembersPanel() {
  const me = useCurrentMe();
  const members = useMembers();
  const update = useUpdateMember();
  const [inviting, setInviting] = useState(false);
  const [statusChange, setStatusChange] = useState<Member | null>(null);
  const [filter, setFilter] = useState("");
  const [statusFilter, setStatusFilter] = useState<MemberStatus | null>(null);

  const canManage = hasRole(me.member.role, "admin");
  const isOwner = me.member.role === "owner";
  // Only owners may grant or take away the owner role (auth.policies on the server).
  const grantableRoles: Role[] = roles.filter((role) => isOwner || role !== "owner");

  const loaded = useMemo(
    () => members.data?.pages.flatMap((page) => page.data) ?? [],
    [members.data],
  );
  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return loaded.filter(
      (member) =>
        (!statusFilter || member.status === statusFilter) &&
        (!needle ||
          member.name.toLowerCase().includes(needle) ||
          member.email.toLowerCase().includes(needle)),
    );
  }, [loaded, filter, statusFilter]);
  const { sorted, sort, toggle } = useSortedRows(
    visible,
    { column: "name", direction: "asc" },
    sortValue,
  );

  const change = (member: Member, changeToMake: MemberChange, success: string) =>
    update.mutate(
      { member, change: changeToMake },
      {
        onSuccess: () => {
          notifications.show({ color: "rapport", title: "Member updated", message: success });
          setStatusChange(null);
        },
        onError: (error) => {
          notifications.show({ color: "red", autoClose: 8000, ...refusalMessage(error) });
          setStatusChange(null);
        },
      },
    );

  const roleCell = (member: Member) => {
    const mayChange = canManage && (isOwner || member.role !== "owner");
    if (!mayChange) return <Text size="sm">{roleLabels[member.role]}</Text>;
    return (
      <Select
        size="xs"
        w={140}
        aria-label={`Role of ${member.name}`}
        allowDeselect={false}
        data={grantableRoles.toReversed().map((role) => ({ value: role, label: roleLabels[role] }))}
        value={member.role}
        disabled={update.isPending}
        onChange={(value) => {
          if (value && value !== member.role) {
            const role = value as Role;
            change(member, { role }, `${member.name} is now ${roleLabels[role]}.`);
          }
        }}
      />
    );
  };

  const actionCell = (member: Member) => {
    if (member.id === me.member.id) {
      return (
        <Text size="sm" c="dimmed">
          You
        </Text>
      );
    }
    if (!canManage || (member.role === "owner" && !isOwner)) return null;
    const deactivated = member.status === "deactivated";
    // Deactivating someone who has not joined yet is how an invitation is withdrawn.
    const label = deactivated
      ? "Reactivate"
      : member.status === "invited"
        ? "Cancel invitation"
        : "Deactivate";
    return (
      <Button
        size="xs"
        variant="light"
        color={deactivated ? undefined : "red"}
        onClick={() => setStatusChange(member)}
        aria-label={`${label} for ${member.name}`}
      >
        {label}
      </Button>
    );
  };

  return (
    <Stack gap={0}>
      <SectionHeader
        title="Members"
        description="Everyone in the workspace and what their role lets them do. Deactivated members keep their history but cannot sign in."
        actions={
          canManage && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setInviting(true)}>
              Invite member
            </Button>
          )
        }
      />

      <Group gap="sm" mb="md" align="flex-end">
        <TextInput
          label="Filter"
          placeholder="Name or email"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
          w={{ base: "100%", xs: 260 }}
        />
        <Select
          label="Status"
          placeholder="All statuses"
          clearable
          data={Object.entries(statusLabels).map(([value, label]) => ({ value, label }))}
          value={statusFilter}
          onChange={(value) => setStatusFilter(value as MemberStatus | null)}
          w={{ base: "100%", xs: 180 }}
        />
      </Group>

      {members.isError ? (
        <QueryErrorAlert error={members.error} what="members" onRetry={() => members.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table
            verticalSpacing="sm"
            highlightOnHover
            aria-label={`Members of ${me.workspace.name}`}
            aria-busy={members.isPending}
          >
            <Table.Thead>
              <Table.Tr>
                <SortableTh column="name" label="Name" sort={sort} onSort={toggle} />
                <SortableTh column="email" label="Email" sort={sort} onSort={toggle} />
                <SortableTh column="role" label="Role" sort={sort} onSort={toggle} width={170} />
                <SortableTh
                  column="status"
                  label="Status"
                  sort={sort}
                  onSort={toggle}
                  width={140}
                />
                <Table.Th w={130}>
                  <Text span fw={700} fz="sm">
                    Actions
                  </Text>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((member) => (
                <Table.Tr key={member.id}>
                  <Table.Td fw={500}>{member.name}</Table.Td>
                  <Table.Td>{member.email}</Table.Td>
                  <Table.Td>{roleCell(member)}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[member.status]}>{statusLabels[member.status]}</Badge>
                  </Table.Td>
                  <Table.Td>{actionCell(member)}</Table.Td>
                </Table.Tr>
              ))}
              {!members.isPending && sorted.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text size="sm" c="dimmed" ta="center" py="md">
                      No member matches this filter.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {members.isSuccess && (
        <LoadMore
          shown={sorted.length}
          loaded={loaded.length}
          noun={["member", "members"]}
          hasMore={members.hasNextPage}
          loading={members.isFetchingNextPage}
          onLoadMore={() => members.fetchNextPage()}
        />
      )}

      <InviteMemberModal
        opened={inviting}
        onClose={() => setInviting(false)}
        grantableRoles={grantableRoles}
      />
      {statusChange && (
        <ConfirmDialog
          opened
          title={statusCopy(statusChange).title}
          confirmLabel={statusCopy(statusChange).confirmLabel}
          danger={statusChange.status !== "deactivated"}
          loading={update.isPending}
          onClose={() => setStatusChange(null)}
          onConfirm={() => {
            const copy = statusCopy(statusChange);
            change(statusChange, { status: copy.status }, copy.success);
          }}
        >
          {statusCopy(statusChange).body}
        </ConfirmDialog>
      )}
    </Stack>
  );
}
