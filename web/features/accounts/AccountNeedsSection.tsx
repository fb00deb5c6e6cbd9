/**
 * Needs on the account overview (P1): their goals, challenges and needs with priority and
 * status. A placeholder until the needs screens land; it keeps this props contract so it
 * can be swapped alone.
 */
import { IconTargetArrow } from "@tabler/icons-react";
import { AccountTabPlaceholder } from "./AccountTabPlaceholder";
import type { AccountTabProps } from "./accounts.api";

export function AccountNeedsSection(_: AccountTabProps) {
  return (
    <AccountTabPlaceholder
      icon={IconTargetArrow}
      title="What they need"
      description="Their goals, challenges and needs, each with its priority and status, so nothing is pitched before it is understood."
      release="Coming with the needs screens"
    />
  );
}
