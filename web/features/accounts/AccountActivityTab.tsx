/**
 * Activity tab of an account: a placeholder, said plainly, until touchpoints (meetings,
 * calls, visits, check-ins) arrive in the next release.
 */
import { IconHistory } from "@tabler/icons-react";
import { AccountTabPlaceholder } from "./AccountTabPlaceholder";
import type { AccountTabProps } from "./accounts.api";

export function AccountActivityTab({ account }: AccountTabProps) {
  return (
    <AccountTabPlaceholder
      icon={IconHistory}
      title="No activity recorded yet"
      description={`Rapport does not log touchpoints yet. With the next release, every meeting, call, visit and check-in with ${account.name} appears here, with who met whom and what was said, so you can see how often and how well you are in touch.`}
      release="Arrives with the touchpoints release"
    />
  );
}
