/**
 * One block of the Today page: a landmark region named by its h2 (screen readers list them,
 * tests find them by name), a count, an optional link, and either its rows or a sentence
 * saying why it is empty and what that means.
 */
import { Badge, Card, Group, Skeleton, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import type { Icon } from "@tabler/icons-react";
import { type ReactNode, useId } from "react";

type AgendaSectionProps = {
  title: string;
  icon: Icon;
  /** Shown as a badge; undefined while loading (placeholders show instead of rows). */
  count?: number;
  /** A badge colour for a count that asks for attention (overdue, late). */
  countColor?: string;
  action?: ReactNode;
  /** The sentence shown when there are no rows. */
  empty: ReactNode;
  children?: ReactNode;
};

export function AgendaSection({
  title,
  icon: SectionIcon,
  count,
  countColor = "gray",
  action,
  empty,
  children,
}: AgendaSectionProps) {
  const id = useId();
  return (
    <Card component="section" aria-labelledby={id} withBorder radius="lg" p="lg">
      <Group justify="space-between" gap="sm" mb="sm" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" size={32} radius="md" aria-hidden>
            <SectionIcon size={18} stroke={1.7} />
          </ThemeIcon>
          <Title order={2} fz="lg" id={id}>
            {title}
          </Title>
          {count !== undefined && count > 0 && (
            <Badge color={countColor} variant="light">
              {count}
            </Badge>
          )}
        </Group>
        {action}
      </Group>
      {count === undefined ? (
        <Stack gap="xs" aria-hidden>
          <Skeleton h={14} w="70%" />
          <Skeleton h={12} w="45%" />
        </Stack>
      ) : count === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        children
      )}
    </Card>
  );
}

/** The rows of a section: a real list, so its length is announced. */
export function AgendaList({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <Stack
      component="ul"
      gap={0}
      aria-label={label}
      style={{ listStyle: "none", margin: 0, padding: 0 }}
    >
      {children}
    </Stack>
  );
}

/** One row: an icon column, the content, and actions on the right; rows are divided. */
export function AgendaRow({
  icon,
  children,
  aside,
}: {
  icon?: ReactNode;
  children: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <Group
      component="li"
      gap="sm"
      wrap="nowrap"
      align="flex-start"
      py="sm"
      style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}
    >
      {icon}
      {/* The aside (a badge, the task buttons) drops below the text on a narrow screen
          rather than squeezing it into a column of single words. */}
      <Group gap="xs" wrap="wrap" align="flex-start" style={{ flex: 1, minWidth: 0 }}>
        <Stack gap={2} style={{ flex: "1 1 220px", minWidth: 0 }}>
          {children}
        </Stack>
        {aside}
      </Group>
    </Group>
  );
}
