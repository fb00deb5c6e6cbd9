/**
 * What a health score is made of: one row per component with its own score (a bar), its
 * share of the total and its reason in plain words. The components costing the most points
 * come first, so the reader starts with why the score is low; the ones left out for lack of
 * data come last and say why, since their weight went to the others.
 */
import { Badge, Group, Progress, Stack, Text } from "@mantine/core";
import { bandOf } from "../../../src/domains/health/health.inputs";
import type { HealthComponentView } from "./health.api";
import { bandColor, componentDescriptions, componentLabels } from "./health.labels";

/** Points a component takes off the total: what it misses of 100, times its share. */
const pointsLost = (c: HealthComponentView) => ((100 - (c.score ?? 100)) * c.weight) / 100;

export function orderComponents(components: HealthComponentView[]): HealthComponentView[] {
  const scored = components.filter((c) => c.score !== null);
  const leftOut = components.filter((c) => c.score === null);
  return [...scored.sort((a, b) => pointsLost(b) - pointsLost(a)), ...leftOut];
}

export function HealthComponents({ components }: { components: HealthComponentView[] }) {
  return (
    <Stack
      component="ul"
      aria-label="Health components"
      gap="md"
      p={0}
      m={0}
      style={{ listStyle: "none" }}
    >
      {orderComponents(components).map((component) => (
        <ComponentRow key={component.key} component={component} />
      ))}
    </Stack>
  );
}

function ComponentRow({ component }: { component: HealthComponentView }) {
  const name = componentLabels[component.key];
  const leftOut = component.score === null;
  return (
    <Stack component="li" gap={4}>
      <Group justify="space-between" gap="sm" wrap="nowrap" align="baseline">
        <Text size="sm" fw={600} title={componentDescriptions[component.key]}>
          {name}
        </Text>
        {leftOut ? (
          <Badge color="gray" size="sm" variant="outline">
            Left out
          </Badge>
        ) : (
          <Text size="sm" style={{ whiteSpace: "nowrap" }}>
            <Text span fw={650}>
              {component.score}
            </Text>
            <Text span c="dimmed" size="xs">
              {" "}
              / 100 · weight {component.weight}%
            </Text>
          </Text>
        )}
      </Group>
      {component.score !== null && (
        // The number beside it says the same; the bar is there to compare rows at a glance.
        <Progress
          value={component.score}
          color={bandColor[bandOf(component.score)]}
          size="sm"
          radius="xl"
          aria-hidden
        />
      )}
      <Text size="sm" c={leftOut ? "dimmed" : undefined}>
        {component.reason}
      </Text>
      {leftOut && (
        <Text size="xs" c="dimmed">
          Without data it does not count; its weight went to the other components.
        </Text>
      )}
    </Stack>
  );
}
