/**
 * Relationship map tab of an account: their people by level, our team, who covers whom and
 * the flags (single-threaded, no executive sponsor…). A placeholder until the map lands; it
 * keeps this props contract so it can be swapped alone.
 */
import { IconAffiliate } from "@tabler/icons-react";
import { AccountTabPlaceholder } from "./AccountTabPlaceholder";
import type { AccountTabProps } from "./accounts.api";

export function AccountMapTab({ account }: AccountTabProps) {
  return (
    <AccountTabPlaceholder
      icon={IconAffiliate}
      title={`How we are connected to ${account.name}`}
      description="A map of their people by level and ours beside them, showing who covers whom and where the relationship rests on a single person."
      release="Coming with the relationship map"
    />
  );
}
