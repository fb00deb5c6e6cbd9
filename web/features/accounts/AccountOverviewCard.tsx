/** A titled card on the account overview; its h2 names the section for screen-reader navigation. */
import { Card, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

export function AccountOverviewCard({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const id = `overview-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <Card withBorder radius="md" p="lg" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Group justify="space-between" gap="sm" wrap="nowrap">
            <Title order={2} fz="lg" id={id}>
              {title}
            </Title>
            {actions}
          </Group>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {children}
      </Stack>
    </Card>
  );
}
