/**
 * Needs on the account overview (P1): their goals, challenges and needs with priority and
 * status, so nothing is pitched before it is understood. Open ones lead, by priority; the
 * addressed and dropped ones wait behind a toggle, still on record.
 */
import { Button, Collapse, Skeleton, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconChevronDown, IconPlus } from "@tabler/icons-react";
import { useId, useState } from "react";
import type { NeedStatus } from "../../../src/domains/needs/needs.inputs";
import { describeError } from "../../app/api";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { isStaleVersion } from "../../components/nested-field-errors";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { StaleVersionAlert } from "../../components/StaleVersionAlert";
import { NeedFormModal } from "../needs/NeedFormModal";
import { NeedItem } from "../needs/NeedItem";
import { type Need, useAccountNeeds, useArchiveNeed, useUpdateNeed } from "../needs/needs.api";
import { AccountOverviewCard } from "./AccountOverviewCard";
import type { AccountTabProps } from "./accounts.api";

// Notices do not repeat the need's title: it is on screen already, and a second copy of it
// in a toast makes "find the text" ambiguous for screen-reader users and journeys alike.
const statusNotice: Record<NeedStatus, { title: string; message: string }> = {
  open: { title: "Need reopened", message: "It is back among the open ones." },
  addressed: { title: "Marked addressed", message: "It moves to the addressed and dropped ones." },
  dropped: { title: "Marked dropped", message: "It moves to the addressed and dropped ones." },
};

const listStyle = { listStyle: "none", padding: 0, margin: 0 } as const;

export function AccountNeedsSection({ account, canEdit }: AccountTabProps) {
  const needs = useAccountNeeds(account.id);
  const update = useUpdateNeed(account.id);
  const archive = useArchiveNeed(account.id);
  // The form keeps the need it shows while it fades out, hence opened apart from needId.
  const [form, setForm] = useState<{ opened: boolean; needId: string | null }>({
    opened: false,
    needId: null,
  });
  const [archiving, setArchiving] = useState<Need | null>(null);
  // The title of the need whose change lost a race (412), to name it in the reload banner.
  const [stale, setStale] = useState<string | null>(null);
  const [showClosed, setShowClosed] = useState(false);
  const closedListId = useId();

  const all = needs.data ?? [];
  const open = all.filter((need) => need.status === "open");
  const closed = all.filter((need) => need.status !== "open");
  const editing = form.needId ? (all.find((need) => need.id === form.needId) ?? null) : null;
  // Someone archived the need being edited (seen after a reload): nothing left to edit.
  const formOpened = form.opened && (form.needId === null || editing !== null);
  const busyId = update.isPending ? update.variables?.need.id : undefined;

  const onWriteError = (need: Need) => (error: unknown) => {
    if (isStaleVersion(error)) {
      setStale(need.title);
      return;
    }
    notifications.show({
      color: "red",
      autoClose: 8000,
      title: "The change was not saved",
      message: describeError(error),
    });
  };

  const changeStatus = (need: Need, status: NeedStatus) =>
    update.mutate(
      { need, change: { status } },
      {
        onSuccess: () => notifications.show({ color: "rapport", ...statusNotice[status] }),
        onError: onWriteError(need),
      },
    );

  const confirmArchive = () => {
    if (!archiving) return;
    archive.mutate(archiving, {
      onSuccess: () =>
        notifications.show({
          color: "rapport",
          title: "Need archived",
          message: "It is off the list; the account's audit log keeps it.",
        }),
      onError: onWriteError(archiving),
      onSettled: () => setArchiving(null),
    });
  };

  const reload = async () => {
    await needs.refetch();
    setStale(null);
  };

  const openForm = (needId: string | null) => setForm({ opened: true, needId });
  const item = (need: Need) => (
    <NeedItem
      key={need.id}
      need={need}
      canEdit={canEdit}
      busy={busyId === need.id}
      onEdit={(n) => openForm(n.id)}
      onStatus={changeStatus}
      onArchive={setArchiving}
    />
  );
  const addButton = (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconPlus size={14} aria-hidden />}
      onClick={() => openForm(null)}
    >
      Add a need
    </Button>
  );

  return (
    <AccountOverviewCard
      title="What they need"
      description="Their goals, the challenges in their way, and what they need: open ones first, by priority."
      // The empty state carries its own button; one "Add a need" on screen at a time.
      actions={canEdit && all.length > 0 && addButton}
    >
      {stale !== null && (
        <StaleVersionAlert what={`“${stale}”`} onReload={reload} reloading={needs.isFetching} />
      )}
      {needs.isPending ? (
        <Stack gap="xs" aria-busy="true" aria-label="Loading their needs">
          <Skeleton height={18} width="70%" />
          <Skeleton height={14} width="40%" />
        </Stack>
      ) : needs.isError ? (
        <QueryErrorAlert error={needs.error} what="their needs" onRetry={() => needs.refetch()} />
      ) : all.length === 0 ? (
        <Stack gap="xs" align="flex-start">
          <Text size="sm" c="dimmed">
            {canEdit
              ? "Record what they told you they need: a goal they are working towards, a challenge in their way, something they need from us. Each gets a priority, and is marked addressed when it is."
              : "Nobody has recorded their goals, challenges or needs yet."}
          </Text>
          {canEdit && addButton}
        </Stack>
      ) : (
        <Stack gap={0}>
          {open.length > 0 ? (
            <Stack component="ul" gap={0} style={listStyle} aria-label="Open">
              {open.map(item)}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              Nothing open: everything recorded is addressed or dropped.
            </Text>
          )}
          {closed.length > 0 && (
            <>
              <Button
                variant="subtle"
                color="gray"
                size="xs"
                mt="xs"
                style={{ alignSelf: "flex-start" }}
                leftSection={
                  <IconChevronDown
                    size={14}
                    aria-hidden
                    style={{ transform: showClosed ? "rotate(180deg)" : undefined }}
                  />
                }
                aria-expanded={showClosed}
                aria-controls={closedListId}
                onClick={() => setShowClosed((shown) => !shown)}
              >
                {showClosed ? "Hide" : "Show"} {closed.length} addressed or dropped
              </Button>
              <Collapse expanded={showClosed} id={closedListId}>
                <Stack component="ul" gap={0} style={listStyle} aria-label="Addressed or dropped">
                  {closed.map(item)}
                </Stack>
              </Collapse>
            </>
          )}
        </Stack>
      )}
      <NeedFormModal
        opened={formOpened}
        onClose={() => setForm((previous) => ({ ...previous, opened: false }))}
        accountId={account.id}
        need={editing}
      />
      <ConfirmDialog
        opened={archiving !== null}
        title="Archive need"
        confirmLabel="Archive need"
        danger
        loading={archive.isPending}
        onClose={() => setArchiving(null)}
        onConfirm={confirmArchive}
      >
        Archive <strong>{archiving?.title}</strong>? It leaves this list; the account's audit log
        keeps it. Archive what was recorded by mistake or twice; if it was met or no longer matters,
        mark it addressed or dropped instead, so its history stays visible.
      </ConfirmDialog>
    </AccountOverviewCard>
  );
}
