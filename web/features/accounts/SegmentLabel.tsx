/** An account's segment, marked when it is none of the firm's core markets (P25). */
import { Badge, Stack, Text } from "@mantine/core";
import type { Account } from "./accounts.api";

export function SegmentLabel({
  account,
}: {
  account: Pick<Account, "segment" | "outsideCoreMarkets">;
}) {
  return (
    <Stack gap={4} align="flex-start">
      <Text size="sm" c={account.segment ? undefined : "dimmed"}>
        {account.segment ?? "No segment"}
      </Text>
      {account.outsideCoreMarkets && (
        <Badge size="xs" variant="outline" color="orange" tt="none">
          Outside core markets
        </Badge>
      )}
    </Stack>
  );
}
