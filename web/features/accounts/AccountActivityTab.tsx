/**
 * Activity tab of an account: log a touch at the top (any member, on any account that is
 * not archived), then what is coming up, then the history. Permissions mirror the server:
 * viewers see the record and no write controls.
 */
import { Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { describeError } from "../../app/api";
import { useCurrentMe } from "../../app/session";
import { AccountTimeline } from "../interactions/AccountTimeline";
import { mayLogTouch } from "../interactions/interactions.access";
import { LogTouchForm } from "../interactions/LogTouchForm";
import { PlannedInteractions } from "../interactions/PlannedInteractions";
import { AccountOverviewCard } from "./AccountOverviewCard";
import type { AccountTabProps } from "./accounts.api";

/** Writes from the history (a task from next steps) report here; forms show their own. */
function onWriteError(error: unknown) {
  notifications.show({
    color: "red",
    autoClose: 8000,
    title: "The change was not saved",
    message: describeError(error),
  });
}

export function AccountActivityTab({ account, canEdit }: AccountTabProps) {
  const me = useCurrentMe();
  return (
    <Stack gap="lg">
      {mayLogTouch(me, account) && (
        <AccountOverviewCard
          title="Log a touch"
          description="A call, meeting, email or visit with them: who took part and what was said."
        >
          <LogTouchForm account={account} />
        </AccountOverviewCard>
      )}
      <PlannedInteractions account={account} canEdit={canEdit} />
      <AccountTimeline account={account} canEdit={canEdit} onWriteError={onWriteError} />
    </Stack>
  );
}
