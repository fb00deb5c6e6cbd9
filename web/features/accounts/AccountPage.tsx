/**
 * One account (Client 360): the header that says in a glance who they are and how we stand,
 * then tabs kept in the URL (?tab=overview|people|map|activity) so each can be linked to and
 * survives a reload. Permissions mirror the server: viewers see no edit controls, members
 * edit the accounts they own or serve on, managers and above any.
 */
import { Anchor, Button, Card, Center, EmptyState, Loader, Stack, Tabs } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import {
  IconAffiliate,
  IconArrowLeft,
  IconBuildingSkyscraper,
  IconHistory,
  IconLayoutDashboard,
  IconUsers,
} from "@tabler/icons-react";
import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { ApiError, describeError } from "../../app/api";
import { useCurrentMe } from "../../app/session";
import { isStaleVersion } from "../../components/nested-field-errors";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { StaleVersionAlert } from "../../components/StaleVersionAlert";
import { AccountActivityTab } from "./AccountActivityTab";
import { AccountHeader } from "./AccountHeader";
import { AccountMapTab } from "./AccountMapTab";
import { AccountOverviewTab } from "./AccountOverviewTab";
import { AccountPeopleTab } from "./AccountPeopleTab";
import { useAccount, useAccountTeam } from "./accounts.api";
import { mayChangeAccount } from "./accounts.model";

const tabs = [
  { value: "overview", label: "Overview", icon: IconLayoutDashboard },
  { value: "people", label: "People", icon: IconUsers },
  { value: "map", label: "Relationship map", icon: IconAffiliate },
  { value: "activity", label: "Activity", icon: IconHistory },
] as const;
type Tab = (typeof tabs)[number]["value"];

export function AccountPage() {
  const { id = "" } = useParams();
  const me = useCurrentMe();
  const [params, setParams] = useSearchParams();
  const account = useAccount(id);
  const team = useAccountTeam(id);
  const [stale, setStale] = useState(false);

  const requested = params.get("tab");
  const tab: Tab = tabs.some((t) => t.value === requested) ? (requested as Tab) : "overview";
  const selectTab = (value: string | null) => {
    if (!value || value === tab) return;
    const next = new URLSearchParams(params);
    if (value === "overview") next.delete("tab");
    else next.set("tab", value);
    setParams(next);
  };

  if (account.isPending) {
    return (
      <Center py={80} aria-busy="true">
        <Loader aria-label="Loading the account" />
      </Center>
    );
  }
  if (account.isError) {
    const missing = account.error instanceof ApiError && [400, 404].includes(account.error.status);
    return missing ? (
      <AccountNotFound />
    ) : (
      <QueryErrorAlert
        error={account.error}
        what="this account"
        onRetry={() => account.refetch()}
      />
    );
  }

  const current = account.data;
  // Managers need no team to decide; owners neither. Other members wait for the team.
  const mayChange = mayChangeAccount(me, current, team.data ?? []);
  // An archived account is read-only until someone brings it back.
  const canEdit = mayChange && !current.archivedAt;

  /** Every write on this page reports here: a 412 gets the reload banner, the rest a notice. */
  const onWriteError = (error: unknown) => {
    if (isStaleVersion(error)) {
      setStale(true);
      return;
    }
    notifications.show({
      color: "red",
      autoClose: 8000,
      title: "The change was not saved",
      message: describeError(error),
    });
  };
  const reload = async () => {
    await Promise.all([account.refetch(), team.refetch()]);
    setStale(false);
  };

  return (
    <Stack gap="lg">
      <AccountHeader
        account={current}
        team={team.data}
        canEdit={canEdit}
        mayChange={mayChange}
        onWriteError={onWriteError}
      />
      {stale && (
        <StaleVersionAlert what="this account" onReload={reload} reloading={account.isFetching} />
      )}
      <Tabs value={tab} onChange={selectTab} keepMounted={false}>
        <Tabs.List aria-label="Account sections" mb="lg">
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value} leftSection={<t.icon size={16} aria-hidden />}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <AccountOverviewTab
            account={current}
            team={team}
            canEdit={canEdit}
            onWriteError={onWriteError}
          />
        </Tabs.Panel>
        <Tabs.Panel value="people">
          <AccountPeopleTab account={current} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="map">
          <AccountMapTab account={current} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="activity">
          <AccountActivityTab account={current} canEdit={canEdit} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function AccountNotFound() {
  useDocumentTitle("No such account · Rapport");
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/accounts" size="sm">
        <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: "-2px" }} /> Accounts
      </Anchor>
      <Card withBorder radius="lg" py="xl">
        <EmptyState>
          <EmptyState.Indicator>
            <IconBuildingSkyscraper size={28} stroke={1.5} />
          </EmptyState.Indicator>
          <EmptyState.Title order={1}>No such account</EmptyState.Title>
          <EmptyState.Description>
            There is no account at this address in your workspace. The link may be wrong or
            incomplete.
          </EmptyState.Description>
          <EmptyState.Actions>
            <Button component={Link} to="/accounts">
              Go to accounts
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Card>
    </Stack>
  );
}
