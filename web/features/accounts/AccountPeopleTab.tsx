/**
 * People tab of an account: the contacts at the client and their roles there. A placeholder
 * until the contacts screens land; it keeps this props contract so it can be swapped alone.
 */
import { IconUsers } from "@tabler/icons-react";
import { AccountTabPlaceholder } from "./AccountTabPlaceholder";
import type { AccountTabProps } from "./accounts.api";

export function AccountPeopleTab({ account }: AccountTabProps) {
  return (
    <AccountTabPlaceholder
      icon={IconUsers}
      title={`The people at ${account.name}`}
      description="Their contacts, each with their role, authority and what they care about, will be listed here."
      release="Coming with the people screens"
    />
  );
}
