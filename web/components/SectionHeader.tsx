/** The h2 at the top of a settings section, with its one-line purpose and actions. */
import { Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

export function SectionHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end" gap="md" mb="md">
      <Stack gap={2}>
        <Title order={2} fz="xl">
          {title}
        </Title>
        <Text size="sm" c="dimmed" maw={640}>
          {description}
        </Text>
      </Stack>
      {actions}
    </Group>
  );
}
