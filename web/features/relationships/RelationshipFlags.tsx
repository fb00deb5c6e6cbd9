/**
 * The flags of an account's relationship map: each says what is wrong, why (the API's
 * reason names people and dates), and the next step. No flags is good news, said plainly.
 */
import { Alert, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import type { RelationshipFlag } from "./relationships.api";
import { flagRemedies, flagTitles } from "./relationships.labels";

export function RelationshipFlags({
  flags,
  compact = false,
  whenNone = "Several people, someone senior, a decision maker and an executive sponsor: no flags.",
}: {
  flags: RelationshipFlag[];
  /** One line per flag (the People tab); the map shows the remedy too. */
  compact?: boolean;
  /** What "no flags" means for the flags shown. */
  whenNone?: string;
}) {
  if (flags.length === 0) {
    return (
      <Alert
        color="rapport"
        variant="light"
        icon={<IconCircleCheck size={18} aria-hidden />}
        title="Well connected"
        aria-label="Relationship flags"
      >
        {whenNone}
      </Alert>
    );
  }
  return (
    <Stack gap="xs" role="list" aria-label="Relationship flags">
      {flags.map((flag) => (
        <Alert
          key={flag.code}
          role="listitem"
          data-flag={flag.code}
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle size={18} aria-hidden />}
          title={flagTitles[flag.code]}
          py={compact ? "xs" : undefined}
        >
          <Text size="sm">{flag.reason}</Text>
          {!compact && (
            <Text size="sm" c="dimmed" mt={4}>
              {flagRemedies[flag.code]}
            </Text>
          )}
        </Alert>
      ))}
    </Stack>
  );
}
