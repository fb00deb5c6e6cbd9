/** The honest face of an account section that a coming release fills in. */
import { Badge, Card, EmptyState } from "@mantine/core";
import type { Icon } from "@tabler/icons-react";
import type { ReactNode } from "react";

export function AccountTabPlaceholder({
  icon: SectionIcon,
  title,
  description,
  release,
  headingOrder = 2,
}: {
  icon: Icon;
  title: string;
  description: ReactNode;
  /** What brings it, e.g. "Arrives with the touchpoints release". */
  release: string;
  headingOrder?: 2 | 3;
}) {
  return (
    <Card withBorder radius="md" py="xl">
      <EmptyState>
        <EmptyState.Indicator>
          <SectionIcon size={28} stroke={1.5} />
        </EmptyState.Indicator>
        <Badge variant="outline" radius="sm" tt="none">
          {release}
        </Badge>
        <EmptyState.Title order={headingOrder}>{title}</EmptyState.Title>
        <EmptyState.Description maw={520}>{description}</EmptyState.Description>
      </EmptyState>
    </Card>
  );
}
