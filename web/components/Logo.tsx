/** The Rapport mark and word, used in the app header and on the sign-in pages. */
import { Group, Text, ThemeIcon } from "@mantine/core";
import { IconHeartHandshake } from "@tabler/icons-react";

export function Logo({ size = "md" }: { size?: "md" | "lg" }) {
  const large = size === "lg";
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={large ? 40 : 30} radius="md" aria-hidden>
        <IconHeartHandshake size={large ? 24 : 18} stroke={1.8} />
      </ThemeIcon>
      <Text fw={700} fz={large ? 24 : 18} lh={1}>
        Rapport
      </Text>
    </Group>
  );
}
