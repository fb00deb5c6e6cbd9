/**
 * Settings → Outbox (admins): invitations and notifications Rapport sent or is holding.
 * Without SMTP_URL nothing leaves the server, so the page says so up front; that is the
 * usual reason an invited colleague "never got the email".
 */
import {
  Alert,
  Badge,
  Code,
  EmptyState,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { IconInbox, IconLock, IconMailOff } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { hasRole, useCurrentMe } from "../../app/session";
import { statusColor } from "../../app/theme";
import { formatDateTime, formatRelative } from "../../components/format";
import { LoadMore } from "../../components/LoadMore";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { SectionHeader } from "../../components/SectionHeader";
import { SortableTh, useSortedRows } from "../../components/SortableTable";
import { type OutboxMessage, type OutboxStatus, useOutbox } from "./outbox.api";

type Column = "toAddress" | "subject" | "createdAt";

const statusLabels: Record<OutboxStatus, string> = {
  pending: "Waiting",
  sent: "Sent",
  failed: "Failed",
};

const kindLabels: Record<string, string> = { invitation: "Invitation" };

function sortValue(message: OutboxMessage, column: Column): string {
  return message[column];
}

function StatusCell({ message }: { message: OutboxMessage }) {
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={statusColor[message.status]}>{statusLabels[message.status]}</Badge>
      {message.attempts > 0 && message.status !== "sent" && (
        <Text size="xs" c="dimmed">
          {message.attempts} {message.attempts === 1 ? "attempt" : "attempts"}
          {message.lastError ? `: ${message.lastError}` : ""}
        </Text>
      )}
    </Stack>
  );
}

const description =
  "Every email Rapport sends, such as invitations, goes through here first, so none is lost if the mail server is down.";

export function OutboxPanel() {
  const me = useCurrentMe();
  // The tab is hidden below admin; someone following a link gets the reason, not a 403.
  if (!hasRole(me.member.role, "admin")) {
    return (
      <Stack gap={0}>
        <SectionHeader title="Outbox" description={description} />
        <Alert color="gray" icon={<IconLock size={18} />} title="Only admins can see the outbox">
          It lists every address Rapport mails. Ask an admin of {me.workspace.name} if an email did
          not arrive.
        </Alert>
      </Stack>
    );
  }
  return <OutboxList />;
}

function OutboxList() {
  const [status, setStatus] = useState<OutboxStatus | null>(null);
  const outbox = useOutbox(status);
  const loaded = useMemo(
    () => outbox.data?.pages.flatMap((page) => page.data) ?? [],
    [outbox.data],
  );
  const { sorted, sort, toggle } = useSortedRows(
    loaded,
    { column: "createdAt", direction: "desc" },
    sortValue,
  );
  const smtpConfigured = outbox.data?.pages[0]?.smtpConfigured;

  return (
    <Stack gap={0}>
      <SectionHeader title="Outbox" description={description} />

      {smtpConfigured === false && (
        <Alert
          color="yellow"
          icon={<IconMailOff size={18} />}
          title="Mail is not being sent yet"
          mb="md"
        >
          No mail server is configured, so messages wait here. Set <Code>SMTP_URL</Code> (for
          example <Code>smtps://user:password@mail.example.com:465</Code>) in the server's
          environment and restart Rapport; waiting messages are sent then. Until then, share
          invitation links by hand: they are shown when you invite someone.
        </Alert>
      )}

      <Group mb="md">
        <SegmentedControl
          aria-label="Show messages by status"
          value={status ?? "all"}
          onChange={(value) => setStatus(value === "all" ? null : (value as OutboxStatus))}
          data={[
            { value: "all", label: "All" },
            { value: "pending", label: statusLabels.pending },
            { value: "sent", label: statusLabels.sent },
            { value: "failed", label: statusLabels.failed },
          ]}
        />
      </Group>

      {outbox.isError ? (
        <QueryErrorAlert error={outbox.error} what="the outbox" onRetry={() => outbox.refetch()} />
      ) : outbox.isSuccess && sorted.length === 0 ? (
        <EmptyState
          py="xl"
          icon={<IconInbox size={28} stroke={1.5} />}
          title={status ? `No ${statusLabels[status].toLowerCase()} messages` : "No messages yet"}
          description="Invitations and notifications appear here as Rapport sends them."
        />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" highlightOnHover aria-busy={outbox.isPending}>
            <Table.Caption>
              {outbox.isPending ? "Loading messages…" : "Outgoing mail, newest first"}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <SortableTh column="toAddress" label="To" sort={sort} onSort={toggle} />
                <SortableTh column="subject" label="Subject" sort={sort} onSort={toggle} />
                <Table.Th>Kind</Table.Th>
                <Table.Th w={130}>Status</Table.Th>
                <SortableTh column="createdAt" label="Queued" sort={sort} onSort={toggle} />
                <Table.Th>Sent</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((message) => (
                <Table.Tr key={message.id}>
                  <Table.Td>{message.toAddress}</Table.Td>
                  <Table.Td fw={500}>{message.subject}</Table.Td>
                  <Table.Td>{kindLabels[message.kind] ?? message.kind}</Table.Td>
                  <Table.Td>
                    <StatusCell message={message} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" title={formatDateTime(message.createdAt)}>
                      {formatRelative(message.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{message.sentAt ? formatDateTime(message.sentAt) : "—"}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {outbox.isSuccess && sorted.length > 0 && (
        <LoadMore
          shown={sorted.length}
          loaded={loaded.length}
          noun={["message", "messages"]}
          hasMore={outbox.hasNextPage}
          loading={outbox.isFetchingNextPage}
          onLoadMore={() => outbox.fetchNextPage()}
        />
      )}
    </Stack>
  );
}
