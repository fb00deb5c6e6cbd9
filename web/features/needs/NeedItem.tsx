/**
 * One goal, challenge or need in the account's list: what it is, how much it matters, where
 * it stands, and (for those who may change it) a menu to edit, address, drop, reopen or
 * archive it. Addressed and dropped ones are drawn quieter so the open ones lead.
 */
import { ActionIcon, Badge, Group, Menu, Stack, Text, ThemeIcon } from "@mantine/core";
import {
  IconArchive,
  IconArrowBackUp,
  IconCircleCheck,
  IconCircleX,
  IconDots,
  IconPencil,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { NeedStatus } from "../../../src/domains/needs/needs.inputs";
import { formatDate, formatDay } from "../accounts/accounts.model";
import type { Need } from "./needs.api";
import {
  kindColor,
  kindIcons,
  kindLabels,
  priorityColor,
  priorityLabels,
  statusColor,
  statusLabels,
} from "./needs.labels";

type NeedItemProps = {
  need: Need;
  canEdit: boolean;
  /** A change of this need is on its way: its menu waits. */
  busy: boolean;
  onEdit: (need: Need) => void;
  onStatus: (need: Need, status: NeedStatus) => void;
  onArchive: (need: Need) => void;
};

export function NeedItem({ need, canEdit, busy, onEdit, onStatus, onArchive }: NeedItemProps) {
  const closed = need.status !== "open";
  const KindIcon = kindIcons[need.kind];
  return (
    <Group component="li" gap="sm" wrap="nowrap" align="flex-start" py="sm">
      <ThemeIcon
        variant="light"
        color={closed ? "gray" : kindColor[need.kind]}
        size={32}
        radius="md"
        aria-hidden
      >
        <KindIcon size={18} />
      </ThemeIcon>
      <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Text size="sm" fw={closed ? 500 : 600} c={closed ? "dimmed" : undefined} mt={4}>
            {need.title}
          </Text>
          {canEdit && (
            <NeedMenu
              need={need}
              busy={busy}
              onEdit={onEdit}
              onStatus={onStatus}
              onArchive={onArchive}
            />
          )}
        </Group>
        <Group gap={6} wrap="wrap">
          <Badge size="sm" color={closed ? "gray" : priorityColor[need.priority]}>
            {priorityLabels[need.priority]} priority
          </Badge>
          <Badge size="sm" color={statusColor[need.status]}>
            {statusLabels[need.status]}
          </Badge>
          <Text size="xs" c="dimmed">
            {kindLabels[need.kind]} · <Nowrap>learned {formatDay(need.learnedOn)}</Nowrap>
            {closed && need.statusChangedAt && (
              <>
                {" · "}
                <Nowrap>
                  {statusLabels[need.status].toLowerCase()} {formatDate(need.statusChangedAt)}
                </Nowrap>
              </>
            )}
          </Text>
        </Group>
        {need.detail && (
          <Text size="sm" c={closed ? "dimmed" : undefined} style={{ whiteSpace: "pre-wrap" }}>
            {need.detail}
          </Text>
        )}
      </Stack>
    </Group>
  );
}

/** Keeps "learned 1 Dec 2026" on one line when the meta line wraps on a phone. */
function Nowrap({ children }: { children: ReactNode }) {
  return <span style={{ whiteSpace: "nowrap" }}>{children}</span>;
}

/** The other statuses this one can move to, in the order a member usually wants them. */
const moves: Record<NeedStatus, NeedStatus[]> = {
  open: ["addressed", "dropped"],
  addressed: ["open", "dropped"],
  dropped: ["open", "addressed"],
};

const moveLabels: Record<NeedStatus, string> = {
  open: "Reopen",
  addressed: "Mark addressed",
  dropped: "Mark dropped",
};

const moveIcons = { open: IconArrowBackUp, addressed: IconCircleCheck, dropped: IconCircleX };

function NeedMenu({ need, busy, onEdit, onStatus, onArchive }: Omit<NeedItemProps, "canEdit">) {
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          loading={busy}
          aria-label={`Change “${need.title}”`}
        >
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={14} aria-hidden />} onClick={() => onEdit(need)}>
          Edit
        </Menu.Item>
        {moves[need.status].map((status) => {
          const Icon = moveIcons[status];
          return (
            <Menu.Item
              key={status}
              leftSection={<Icon size={14} aria-hidden />}
              onClick={() => onStatus(need, status)}
            >
              {moveLabels[status]}
            </Menu.Item>
          );
        })}
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconArchive size={14} aria-hidden />}
          onClick={() => onArchive(need)}
        >
          Archive
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
