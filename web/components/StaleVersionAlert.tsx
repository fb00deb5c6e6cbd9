/**
 * What a 412 means, in words: someone else saved a change after this page loaded, so ours
 * was not applied (never silently over theirs). Reload fetches their version.
 */
import { Alert, Button, Group, Text } from "@mantine/core";
import { IconRefresh, IconUsers } from "@tabler/icons-react";

export function StaleVersionAlert({
  what,
  onReload,
  reloading = false,
}: {
  /** "this account", "the workspace settings" */
  what: string;
  onReload: () => void;
  reloading?: boolean;
}) {
  return (
    <Alert
      color="yellow"
      icon={<IconUsers size={18} />}
      title="Changed by someone else — reload"
      role="alert"
    >
      <Group justify="space-between" align="center" gap="sm">
        <Text size="sm" maw={560}>
          Someone else saved a change to {what} after you opened it, so yours was not applied.
          Reload to see the latest version, then make your change again.
        </Text>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconRefresh size={14} aria-hidden />}
          loading={reloading}
          onClick={onReload}
        >
          Reload
        </Button>
      </Group>
    </Alert>
  );
}
