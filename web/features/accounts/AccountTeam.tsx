/**
 * The team on our side of the account (P8): who serves it, in what role, responsible for
 * what. The owner is always on it; others are added, changed or taken off here.
 */
import {
  ActionIcon,
  Alert,
  Avatar,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  Tooltip,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconPencil, IconUserMinus, IconUserPlus } from "@tabler/icons-react";
import type { UseQueryResult } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { setTeamMemberInput, teamRoleValues } from "../../../src/domains/accounts/accounts.inputs";
import { describeError } from "../../app/api";
import { useCurrentMe } from "../../app/session";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useFieldErrors, validate } from "../../components/form-errors";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { AccountOverviewCard } from "./AccountOverviewCard";
import {
  type Account,
  type TeamEntry,
  type TeamRole,
  useMemberDirectory,
  useRemoveTeamMember,
  useSetTeamMember,
} from "./accounts.api";
import { teamRoleLabels } from "./accounts.model";

function initials(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : words;
  return letters.map((word) => word?.[0]?.toUpperCase() ?? "").join("") || "?";
}

type AccountTeamProps = {
  account: Account;
  team: UseQueryResult<TeamEntry[]>;
  canEdit: boolean;
};

export function AccountTeam({ account, team, canEdit }: AccountTeamProps) {
  const me = useCurrentMe();
  const remove = useRemoveTeamMember(account.id);
  // null: closed; "new": adding someone; an entry: changing their role.
  const [editing, setEditing] = useState<TeamEntry | "new" | null>(null);
  const [removing, setRemoving] = useState<TeamEntry | null>(null);

  const confirmRemove = () => {
    if (!removing) return;
    remove.mutate(removing.memberId, {
      onSuccess: () =>
        notifications.show({
          color: "rapport",
          title: "Team changed",
          message: `${removing.name} is no longer on the ${account.name} team.`,
        }),
      onError: (error) =>
        notifications.show({
          color: "red",
          title: "Could not change the team",
          message: describeError(error),
        }),
      onSettled: () => setRemoving(null),
    });
  };

  return (
    <AccountOverviewCard
      title="Our team"
      description="Who on our side serves this account, and for what."
      actions={
        canEdit && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconUserPlus size={14} aria-hidden />}
            onClick={() => setEditing("new")}
          >
            Add
          </Button>
        )
      }
    >
      {team.isError ? (
        <QueryErrorAlert error={team.error} what="the team" onRetry={() => team.refetch()} />
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {(team.data ?? []).map((entry) => (
            <Group key={entry.memberId} component="li" gap="sm" wrap="nowrap" align="flex-start">
              <Avatar color="rapport" radius="xl" size={34} aria-hidden>
                {initials(entry.name)}
              </Avatar>
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Group gap={6}>
                  <Text size="sm" fw={600}>
                    {entry.name}
                    {entry.memberId === me.member.id ? " (you)" : ""}
                  </Text>
                  {entry.isOwner && (
                    <Badge size="xs" color="rapport" variant="outline">
                      Owner
                    </Badge>
                  )}
                </Group>
                <Text size="xs" fw={500}>
                  {teamRoleLabels[entry.role]}
                </Text>
                {entry.responsibility && (
                  <Text size="xs" c="dimmed">
                    {entry.responsibility}
                  </Text>
                )}
              </Stack>
              {canEdit && (
                <Group gap={2} wrap="nowrap">
                  <Tooltip label="Change role">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Change ${entry.name}'s role`}
                      onClick={() => setEditing(entry)}
                    >
                      <IconPencil size={16} />
                    </ActionIcon>
                  </Tooltip>
                  {!entry.isOwner && (
                    <Tooltip label="Take off the team">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Take ${entry.name} off the team`}
                        onClick={() => setRemoving(entry)}
                      >
                        <IconUserMinus size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {team.isSuccess && team.data.length === 1 && canEdit && (
        <Text size="xs" c="dimmed">
          Only the owner serves this account. Add a colleague so the relationship never rests on one
          person.
        </Text>
      )}

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing === "new" || editing === null
            ? `Add to the ${account.name} team`
            : `${editing.name} on ${account.name}`
        }
        centered
      >
        {editing !== null && (
          <TeamMemberForm
            account={account}
            entry={editing === "new" ? null : editing}
            team={team.data ?? []}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
      <ConfirmDialog
        opened={removing !== null}
        title="Take off the team"
        confirmLabel="Take off the team"
        danger
        loading={remove.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={confirmRemove}
      >
        <strong>{removing?.name}</strong> will no longer be on the {account.name} team
        {removing ? ` (${teamRoleLabels[removing.role].toLowerCase()})` : ""}. Members may change
        only accounts they own or serve on, so unless their role allows more, they will read it
        without changing it.
      </ConfirmDialog>
    </AccountOverviewCard>
  );
}

const fields = ["memberId", "role", "responsibility"] as const;

function TeamMemberForm({
  account,
  entry,
  team,
  onDone,
}: {
  account: Account;
  /** The entry to change; null to add someone. */
  entry: TeamEntry | null;
  team: TeamEntry[];
  onDone: () => void;
}) {
  const members = useMemberDirectory();
  const save = useSetTeamMember(account.id);
  const [memberId, setMemberId] = useState<string | null>(entry?.memberId ?? null);
  const [role, setRole] = useState<TeamRole>(entry?.role ?? "delivery");
  const [responsibility, setResponsibility] = useState(entry?.responsibility ?? "");
  const errors = useFieldErrors(save.error, fields);

  const candidates = members.active
    .filter((member) => !team.some((current) => current.memberId === member.id))
    .map((member) => ({ value: member.id, label: `${member.name} (${member.email})` }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = { role, responsibility: responsibility.trim() || null };
    const found = {
      ...validate(setTeamMemberInput, input),
      ...(memberId ? {} : { memberId: "Choose a member" }),
    };
    if (!errors.check(found) || !memberId) return;
    save.mutate(
      { memberId, ...input },
      {
        onSuccess: (answer) => {
          const name =
            answer.data.find((current) => current.memberId === memberId)?.name ?? "The member";
          notifications.show({
            color: "rapport",
            title: "Team changed",
            message: `${name} is on the team as ${teamRoleLabels[role].toLowerCase()}.`,
          });
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label={entry ? "Change team role" : "Add to team"}>
      <Stack gap="md">
        {errors.general && (
          <Alert
            color="red"
            icon={<IconAlertCircle size={18} />}
            title="Could not change the team"
            role="alert"
          >
            {errors.general}
          </Alert>
        )}
        {!entry && (
          <Select
            label="Member"
            placeholder={candidates.length ? "Choose a colleague" : "Everyone is on the team"}
            required
            searchable
            data-autofocus
            data={candidates}
            value={memberId}
            error={errors.of("memberId")}
            nothingFoundMessage="No active member by that name"
            onChange={(value) => {
              setMemberId(value);
              errors.edited("memberId");
            }}
          />
        )}
        <Select
          label="Role"
          required
          allowDeselect={false}
          data={teamRoleValues.map((value) => ({ value, label: teamRoleLabels[value] }))}
          value={role}
          error={errors.of("role")}
          onChange={(value) => {
            if (value) setRole(value as TeamRole);
            errors.edited("role");
          }}
        />
        <Textarea
          label="Responsibility"
          description="What they answer for on this account, in a line."
          placeholder="Monthly reporting and the quarterly review"
          autosize
          minRows={2}
          maxLength={500}
          value={responsibility}
          error={errors.of("responsibility")}
          onChange={(event) => {
            setResponsibility(event.currentTarget.value);
            errors.edited("responsibility");
          }}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {entry ? "Save" : "Add to team"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
