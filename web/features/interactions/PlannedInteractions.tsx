/**
 * "Coming up": the account's planned interactions, soonest first, above the history. Each
 * says when, with whom and what for, and (for those who may change it) offers Mark as done,
 * Reschedule and Cancel; anyone may download its calendar invitation. One planned in the
 * past is marked overdue: it either happened (mark it done) or needs a new time.
 */
import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
} from "@mantine/core";
import {
  IconCalendarPlus,
  IconCalendarTime,
  IconCheck,
  IconDownload,
  IconX,
} from "@tabler/icons-react";
import { useState } from "react";
import { useCurrentMe } from "../../app/session";
import { formatDateTime } from "../../components/format";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { AccountOverviewCard } from "../accounts/AccountOverviewCard";
import type { Account } from "../accounts/accounts.api";
import { CompleteForm, type PlannedFormProps } from "./CompleteForm";
import { Moment, Participants, RescheduleNotes, Written } from "./InteractionBits";
import { mayChangeInteraction, mayLogTouch } from "./interactions.access";
import { type Interaction, invitationUrl, usePlannedInteractions } from "./interactions.api";
import { kindIcons, kindLabels, kindNoun } from "./interactions.labels";
import { CancelForm, RescheduleForm } from "./PlannedChangeForms";
import { ScheduleModal } from "./ScheduleModal";

type Action = "complete" | "reschedule" | "cancel";

const actionTitles: Record<Action, (noun: string) => string> = {
  complete: (noun) => `Mark the ${noun} as done`,
  reschedule: (noun) => `Reschedule the ${noun}`,
  cancel: (noun) => `Cancel the ${noun}`,
};

const actionForms: Record<Action, (props: PlannedFormProps) => React.JSX.Element> = {
  complete: CompleteForm,
  reschedule: RescheduleForm,
  cancel: CancelForm,
};

const listStyle = { listStyle: "none", padding: 0, margin: 0 } as const;

export function PlannedInteractions({ account, canEdit }: { account: Account; canEdit: boolean }) {
  const me = useCurrentMe();
  const planned = usePlannedInteractions(account.id);
  const [scheduling, setScheduling] = useState(false);
  // The modal keeps the interaction it shows while it fades out, hence opened apart from id.
  const [open, setOpen] = useState<{ opened: boolean; id: string; action: Action } | null>(null);
  const mayPlan = mayLogTouch(me, account);
  const list = planned.data?.planned ?? [];
  const current = open ? list.find((interaction) => interaction.id === open.id) : undefined;
  const close = () => setOpen((previous) => previous && { ...previous, opened: false });
  const ActionForm = open ? actionForms[open.action] : null;

  return (
    <AccountOverviewCard
      title="Coming up"
      description="Planned meetings, calls and visits, soonest first."
      actions={
        mayPlan && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconCalendarPlus size={14} aria-hidden />}
            onClick={() => setScheduling(true)}
          >
            Schedule
          </Button>
        )
      }
    >
      {planned.isPending ? (
        <Skeleton height={56} radius="md" />
      ) : planned.isError ? (
        <QueryErrorAlert
          error={planned.error}
          what="the planned interactions"
          onRetry={() => planned.refetch()}
        />
      ) : list.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing planned with {account.name}.
          {mayPlan ? " Schedule the next meeting or call so it is not left to chance." : ""}
        </Text>
      ) : (
        <Stack component="ul" gap={0} style={listStyle} aria-label="Planned interactions">
          {list.map((interaction) => (
            <PlannedItem
              key={interaction.id}
              interaction={interaction}
              mayChange={mayChangeInteraction(me, account, canEdit, interaction)}
              onAction={(action) => setOpen({ opened: true, id: interaction.id, action })}
            />
          ))}
        </Stack>
      )}
      <ScheduleModal opened={scheduling} onClose={() => setScheduling(false)} account={account} />
      <Modal
        opened={Boolean(open?.opened && current)}
        onClose={close}
        title={open && current ? actionTitles[open.action](kindNoun(current.kind)) : ""}
        centered
        size={open?.action === "complete" ? "lg" : "md"}
      >
        {ActionForm && current && (
          <ActionForm
            key={`${current.id}-${current.version}`}
            interaction={current}
            onClose={close}
            onReload={() => void planned.refetch()}
            reloading={planned.isFetching}
          />
        )}
      </Modal>
    </AccountOverviewCard>
  );
}

function PlannedItem({
  interaction,
  mayChange,
  onAction,
}: {
  interaction: Interaction;
  mayChange: boolean;
  onAction: (action: Action) => void;
}) {
  const KindIcon = kindIcons[interaction.kind];
  const at = interaction.scheduledAt ?? interaction.createdAt;
  const overdue = new Date(at).getTime() < Date.now();
  const label = `${kindLabels[interaction.kind]} on ${formatDateTime(at)}`;
  return (
    <Group
      component="li"
      aria-label={label}
      gap="sm"
      wrap="nowrap"
      align="flex-start"
      py="sm"
      style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}
    >
      <ThemeIcon variant="light" color="blue" size={32} radius="md" aria-hidden>
        <KindIcon size={18} />
      </ThemeIcon>
      <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
        <Group gap="xs" wrap="wrap" align="baseline">
          <Text size="sm" fw={600}>
            {kindLabels[interaction.kind]} · {formatDateTime(at)}
            {interaction.durationMinutes ? ` · ${interaction.durationMinutes} min` : ""}
          </Text>
          <Moment iso={at} />
          {overdue && (
            <Badge size="sm" color="yellow">
              Overdue
            </Badge>
          )}
        </Group>
        <Participants interaction={interaction} />
        <Written text={interaction.summary} />
        <RescheduleNotes history={interaction.rescheduleHistory} />
        <Group gap="xs" mt={4} wrap="wrap">
          {mayChange && (
            <>
              <Button
                size="compact-sm"
                variant="light"
                leftSection={<IconCheck size={14} aria-hidden />}
                onClick={() => onAction("complete")}
              >
                Mark as done
              </Button>
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<IconCalendarTime size={14} aria-hidden />}
                onClick={() => onAction("reschedule")}
              >
                Reschedule
              </Button>
              <Button
                size="compact-sm"
                variant="subtle"
                color="red"
                leftSection={<IconX size={14} aria-hidden />}
                onClick={() => onAction("cancel")}
              >
                Cancel
              </Button>
            </>
          )}
          <Anchor href={invitationUrl(interaction.id)} size="sm" download>
            <IconDownload size={14} aria-hidden style={{ verticalAlign: "-2px" }} /> Download
            invitation (.ics)
          </Anchor>
        </Group>
      </Stack>
    </Group>
  );
}
