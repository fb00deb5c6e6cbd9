/**
 * Quiet accounts: of the accounts the member leads, the ones that went longest without a
 * meaningful touch (never-touched first). Not a rule being broken, as touches due are: a
 * nudge to pick up the phone before the silence becomes a problem.
 */
import { Anchor, Badge, Text } from "@mantine/core";
import { IconZzz } from "@tabler/icons-react";
import { Link } from "react-router";
import { accountStatusColor, formatDate, statusLabels } from "../accounts/accounts.model";
import { AgendaList, AgendaRow, AgendaSection } from "./AgendaSection";
import type { QuietAccount } from "./agenda.api";
import { plural } from "./days";

export function QuietSection({ accounts }: { accounts: QuietAccount[] | undefined }) {
  return (
    <AgendaSection
      title="Quiet accounts"
      icon={IconZzz}
      count={accounts?.length}
      empty="You lead no account yet, so none can go quiet. Accounts you own or lead appear here when they have been silent longest."
    >
      <AgendaList>
        {accounts?.map((account) => (
          <AgendaRow
            key={account.accountId}
            aside={
              <Badge
                color={accountStatusColor[account.status]}
                variant="light"
                style={{ flexShrink: 0 }}
              >
                {statusLabels[account.status]}
              </Badge>
            }
          >
            <Anchor
              component={Link}
              to={`/accounts/${account.accountId}?tab=activity`}
              size="sm"
              fw={600}
            >
              {account.accountName}
            </Anchor>
            <Text size="xs" c="dimmed">
              {account.lastTouchAt && account.daysSinceTouch !== null
                ? `No touch in ${plural(account.daysSinceTouch, "day")} (last ${formatDate(account.lastTouchAt)})`
                : "Never touched"}
            </Text>
          </AgendaRow>
        ))}
      </AgendaList>
    </AgendaSection>
  );
}
