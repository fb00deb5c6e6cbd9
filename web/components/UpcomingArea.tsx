/**
 * The first-run face of an area whose records arrive in a later release (Today,
 * Portfolio, ...). It says what will appear, shows its shape, and points at something
 * useful to do now, so an empty page reads as a plan rather than a gap.
 */
import {
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import type { Icon } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";

export type UpcomingFeature = { icon: Icon; title: string; description: string };

type UpcomingAreaProps = {
  icon: Icon;
  /** What the area will hold, as a short heading ("Who needs you today"). */
  headline: string;
  description: ReactNode;
  /** The release that brings the area's records, shown as a badge. */
  release: string;
  features: UpcomingFeature[];
  action?: { label: string; to: string };
};

export function UpcomingArea({
  icon: AreaIcon,
  headline,
  description,
  release,
  features,
  action,
}: UpcomingAreaProps) {
  return (
    <Stack gap="xl">
      <Card withBorder radius="lg" p={{ base: "lg", sm: "xl" }}>
        <EmptyState size="lg" variant="light">
          <EmptyState.Indicator>
            <AreaIcon size={32} stroke={1.6} />
          </EmptyState.Indicator>
          <Badge variant="outline" radius="sm" tt="none" size="lg" fw={600}>
            {release}
          </Badge>
          <EmptyState.Title order={2} fw={650}>
            {headline}
          </EmptyState.Title>
          <EmptyState.Description maw={560}>{description}</EmptyState.Description>
          {action && (
            <EmptyState.Actions>
              <Button component={Link} to={action.to}>
                {action.label}
              </Button>
            </EmptyState.Actions>
          )}
        </EmptyState>
      </Card>
      <section aria-labelledby="upcoming-what-you-will-see">
        <Title order={2} fz="lg" mb="sm" id="upcoming-what-you-will-see">
          What you will find here
        </Title>
        <SimpleGrid
          cols={features.length > 3 ? { base: 1, sm: 2, xl: 4 } : { base: 1, md: 3 }}
          spacing="md"
        >
          {features.map((feature) => (
            <Card key={feature.title} withBorder radius="md" p="md">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon variant="light" size={36} radius="md" aria-hidden>
                  <feature.icon size={20} stroke={1.7} />
                </ThemeIcon>
                <Stack gap={2}>
                  <Title order={3} fz="sm" fw={650}>
                    {feature.title}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {feature.description}
                  </Text>
                </Stack>
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
