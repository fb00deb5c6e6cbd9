/**
 * The top of an account page: its name and website, then the facts a new account manager
 * needs first (status, tier, owner, service level, segment, tags), and the actions the
 * member's role allows: edit, change status (dated in the history), archive.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import {
  IconArchive,
  IconArchiveOff,
  IconArrowLeft,
  IconCheck,
  IconChevronDown,
  IconDots,
  IconExternalLink,
  IconMessageCircleQuestion,
  IconPencil,
} from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import { Link } from "react-router";
import { hasRole, useCurrentMe } from "../../app/session";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { formatDateTime } from "../../components/format";
import { AccountHealthBadge } from "../health/HealthBadge";
import { SendSurveyModal } from "../surveys/SendSurveyModal";
import { AccountFormModal } from "./AccountFormModal";
import {
  type Account,
  type AccountStatus,
  type TeamEntry,
  useMemberDirectory,
  useSetArchived,
  useUpdateAccount,
} from "./accounts.api";
import {
  accountStatusColor,
  accountsListHref,
  serviceLevelLabel,
  statusDescriptions,
  statusLabels,
  statusOptions,
  tierLabel,
} from "./accounts.model";
import { SegmentLabel } from "./SegmentLabel";

type AccountHeaderProps = {
  account: Account;
  /** Undefined while loading: the read-only hint waits for it rather than flashing. */
  team: TeamEntry[] | undefined;
  /** May change the account's fields (and it is not archived). */
  canEdit: boolean;
  /** May change the account at all: archive or bring it back. */
  mayChange: boolean;
  onWriteError: (error: unknown) => void;
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" style={{ letterSpacing: "0.04em" }}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

export function AccountHeader({
  account,
  team,
  canEdit,
  mayChange,
  onWriteError,
}: AccountHeaderProps) {
  useDocumentTitle(`${account.name} · Rapport`);
  const me = useCurrentMe();
  const members = useMemberDirectory();
  const update = useUpdateAccount();
  const setArchived = useSetArchived();
  const [editing, setEditing] = useState(false);
  const [confirmingArchive, setConfirmingArchive] = useState(false);
  const [surveying, setSurveying] = useState(false);

  const owner = team?.find((entry) => entry.isOwner);
  const ownerName =
    account.ownerId === me.member.id
      ? `${me.member.name} (you)`
      : (owner?.name ?? members.byId.get(account.ownerId)?.name ?? "…");

  const changeStatus = (status: AccountStatus) => {
    if (status === account.status) return;
    update.mutate(
      { account, change: { status } },
      {
        onSuccess: () =>
          notifications.show({
            color: "rapport",
            title: "Status changed",
            message: `${account.name} is now ${statusLabels[status].toLowerCase()}. The change is dated in its status history.`,
          }),
        onError: onWriteError,
      },
    );
  };

  const archive = (archived: boolean) =>
    setArchived.mutate(
      { account, archived },
      {
        onSuccess: () =>
          notifications.show({
            color: "rapport",
            title: archived ? "Account archived" : "Account restored",
            message: archived
              ? `${account.name} is hidden from lists. Nothing is deleted; restore it any time.`
              : `${account.name} is back in the accounts list.`,
          }),
        onError: onWriteError,
        onSettled: () => setConfirmingArchive(false),
      },
    );

  const website = account.domain ? `https://${account.domain}` : null;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/accounts" size="sm" w="fit-content">
        <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: "-2px" }} /> Accounts
      </Anchor>

      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={4}>
          <Title order={1} fz={28}>
            {account.name}
          </Title>
          {website ? (
            <Anchor href={website} target="_blank" rel="noopener noreferrer" size="sm">
              {account.domain}{" "}
              <IconExternalLink size={14} aria-label="(opens in a new tab)" role="img" />
            </Anchor>
          ) : (
            <Text size="sm" c="dimmed">
              No website recorded
            </Text>
          )}
        </Stack>
        {!mayChange && team && (
          <Text size="sm" c="dimmed" maw={320} ta="right">
            {hasRole(me.member.role, "member")
              ? "You can read this account. Its owner, its team and managers change it."
              : "Your role reads accounts without changing them."}
          </Text>
        )}
        {(canEdit || mayChange) && (
          <Group gap="sm">
            {/* Surveying follows who may change the account (the surveys API's rule). */}
            {mayChange && !account.archivedAt && (
              <Button
                variant="default"
                leftSection={<IconMessageCircleQuestion size={16} aria-hidden />}
                onClick={() => setSurveying(true)}
              >
                Send a survey
              </Button>
            )}
            {canEdit && (
              <Button
                variant="default"
                leftSection={<IconPencil size={16} aria-hidden />}
                onClick={() => setEditing(true)}
              >
                Edit details
              </Button>
            )}
            {canEdit && (
              <Menu position="bottom-end" width={260} shadow="md">
                <Menu.Target>
                  <Button
                    rightSection={<IconChevronDown size={16} aria-hidden />}
                    loading={update.isPending && update.variables?.change.status !== undefined}
                  >
                    Change status
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>Currently {statusLabels[account.status].toLowerCase()}</Menu.Label>
                  {statusOptions.map((option) => {
                    const current = option.value === account.status;
                    return (
                      <Menu.Item
                        key={option.value}
                        disabled={current}
                        leftSection={
                          current ? (
                            <IconCheck size={16} aria-hidden />
                          ) : (
                            <span style={{ width: 16, display: "inline-block" }} />
                          )
                        }
                        onClick={() => changeStatus(option.value)}
                      >
                        <Text size="sm" fw={500}>
                          {option.label}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {statusDescriptions[option.value]}
                        </Text>
                      </Menu.Item>
                    );
                  })}
                </Menu.Dropdown>
              </Menu>
            )}
            {mayChange && !account.archivedAt && (
              <Menu position="bottom-end" shadow="md">
                <Menu.Target>
                  <Button variant="default" px="xs" aria-label="More actions">
                    <IconDots size={18} aria-hidden />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    color="red"
                    leftSection={<IconArchive size={16} aria-hidden />}
                    onClick={() => setConfirmingArchive(true)}
                  >
                    Archive account
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
        )}
      </Group>

      {account.archivedAt && (
        <Alert
          color="gray"
          icon={<IconArchive size={18} />}
          title={`Archived ${formatDateTime(account.archivedAt)}`}
        >
          <Group justify="space-between" gap="sm">
            <Text size="sm">
              This account is hidden from lists and cannot be changed. Its history is kept.
            </Text>
            {mayChange && (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconArchiveOff size={14} aria-hidden />}
                loading={setArchived.isPending}
                onClick={() => archive(false)}
              >
                Restore account
              </Button>
            )}
          </Group>
        </Alert>
      )}

      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="lg" verticalSpacing="md">
          <Fact label="Status">
            <Badge size="lg" color={accountStatusColor[account.status]}>
              {statusLabels[account.status]}
            </Badge>
          </Fact>
          <Fact label="Health">
            <AccountHealthBadge accountId={account.id} />
          </Fact>
          <Fact label="Tier">
            <Text size="sm" fw={500} c={account.tier ? undefined : "dimmed"}>
              {account.tier ? tierLabel(account.tier) : "No tier"}
            </Text>
          </Fact>
          <Fact label="Owner">
            <Text size="sm" fw={500}>
              {ownerName}
            </Text>
          </Fact>
          <Fact label="Service level">
            <Text size="sm" fw={500} c={account.serviceLevel ? undefined : "dimmed"}>
              {serviceLevelLabel(account.serviceLevel) ?? "Not agreed yet"}
            </Text>
          </Fact>
          <Fact label="Segment">
            <SegmentLabel account={account} />
          </Fact>
        </SimpleGrid>
        {account.tags.length > 0 && (
          <Group gap={6} mt="md">
            <Text size="xs" fw={600} c="dimmed" tt="uppercase" style={{ letterSpacing: "0.04em" }}>
              Tags
            </Text>
            {account.tags.map((tag) => (
              <Badge
                key={tag}
                component={Link}
                to={accountsListHref({ tag })}
                variant="outline"
                color="gray"
                tt="none"
                style={{ cursor: "pointer" }}
                title={`Accounts tagged ${tag}`}
              >
                {tag}
              </Badge>
            ))}
          </Group>
        )}
      </Paper>

      <AccountFormModal opened={editing} onClose={() => setEditing(false)} account={account} />
      <SendSurveyModal
        opened={surveying}
        onClose={() => setSurveying(false)}
        target={{ type: "account", accountId: account.id }}
      />
      <ConfirmDialog
        opened={confirmingArchive}
        title="Archive account"
        confirmLabel="Archive account"
        danger
        loading={setArchived.isPending}
        onClose={() => setConfirmingArchive(false)}
        onConfirm={() => archive(true)}
      >
        <strong>{account.name}</strong> leaves the accounts list and can no longer be changed, and
        its domain becomes free for another account. Nothing is deleted: you can restore it from the
        archived accounts at any time.
      </ConfirmDialog>
    </Stack>
  );
}
