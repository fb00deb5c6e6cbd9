/**
 * Today: the signed-in member's agenda, "who needs me today, and what did I promise?".
 * What is planned today and this week, touches due, tasks late or due, important dates and
 * the quietest accounts they lead. The day shown is in the URL (?date=); a workspace with no
 * account yet gets a first-run state instead of six empty boxes.
 */
import { Alert, Anchor, Button, Card, EmptyState, Grid, Stack } from "@mantine/core";
import {
  IconBuildingSkyscraper,
  IconCalendarTime,
  IconCalendarWeek,
  IconInfoCircle,
  IconPlus,
} from "@tabler/icons-react";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { hasRole, useCurrentMe } from "../../app/session";
import { PageHeader } from "../../components/PageHeader";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { teamAction } from "../../components/TeamAction";
import { AccountFormModal } from "../accounts/AccountFormModal";
import { mayCreateAccount } from "../accounts/accounts.model";
import { AgendaTasksSection } from "./AgendaTasksSection";
import { type Agenda, useAccountPresence, useAgenda } from "./agenda.api";
import { DateSwitcher } from "./DateSwitcher";
import { DatesSection } from "./DatesSection";
import { formatLongDay, formatNearDay, isDay, todayIn } from "./days";
import { PlannedSection } from "./PlannedSection";
import { QuietSection } from "./QuietSection";
import { TouchesSection } from "./TouchesSection";

function isEmpty(agenda: Agenda): boolean {
  return (
    agenda.today.interactions.length +
      agenda.week.interactions.length +
      agenda.touches.overdue.length +
      agenda.touches.dueSoon.length +
      agenda.tasks.late.length +
      agenda.tasks.today.length +
      agenda.importantDates.length +
      agenda.quietAccounts.length ===
    0
  );
}

export function TodayPage() {
  const me = useCurrentMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const requested = params.get("date");
  const date = isDay(requested) ? requested : undefined;
  const agenda = useAgenda(date);
  const presence = useAccountPresence(me.member.id);
  const [creating, setCreating] = useState(false);

  const timeZone = agenda.data?.timeZone;
  const today = todayIn(timeZone);
  const shown = date ?? today;
  const isToday = shown === today;
  // While the next day loads, the previous day's rows stay; the sections say which day they are.
  const data = agenda.data;
  const firstName = me.member.name.split(/\s+/)[0] ?? me.member.name;
  const firstRun = presence.any.data === false;

  const changeDate = (next: string | null) =>
    setParams((previous) => {
      const search = new URLSearchParams(previous);
      if (next) search.set("date", next);
      else search.delete("date");
      return search;
    });

  return (
    <>
      <PageHeader
        title="Today"
        description={
          isToday
            ? `${formatLongDay(shown)}. Good to see you, ${firstName}: who needs you today, and what you promised.`
            : `${formatLongDay(shown)}: your agenda as it stands for that day.`
        }
        actions={!firstRun && <DateSwitcher date={shown} today={today} onChange={changeDate} />}
      />

      {firstRun ? (
        <FirstRun
          canCreate={mayCreateAccount(me)}
          onCreate={() => setCreating(true)}
          team={teamAction(me)}
        />
      ) : agenda.isError ? (
        <QueryErrorAlert error={agenda.error} what="your agenda" onRetry={() => agenda.refetch()} />
      ) : (
        <Stack
          gap="lg"
          style={{ opacity: agenda.isPlaceholderData ? 0.6 : 1 }}
          aria-busy={agenda.isFetching}
        >
          {presence.own.data === false && data && isEmpty(data) && (
            <Alert color="blue" icon={<IconInfoCircle size={18} />} title="No account is yours yet">
              Your agenda fills with the accounts you own or serve on the team of: their touches,
              people and quiet spells. Ask for an account, or{" "}
              <Anchor component={Link} to="/accounts" inherit>
                browse the accounts
              </Anchor>{" "}
              your firm has.
            </Alert>
          )}
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Stack gap="lg">
                <PlannedSection
                  title={isToday ? "Today" : formatNearDay(shown, today)}
                  icon={IconCalendarTime}
                  interactions={data?.today.interactions}
                  date={shown}
                  timeZone={timeZone}
                  empty={
                    isToday
                      ? "Nothing planned today: a good day to call one of your quiet accounts."
                      : "Nothing planned that day."
                  }
                />
                <TouchesSection touches={data?.touches} date={shown} timeZone={timeZone} />
                <AgendaTasksSection
                  tasks={data?.tasks}
                  date={shown}
                  timeZone={timeZone}
                  canChange={hasRole(me.member.role, "member")}
                />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <Stack gap="lg">
                <PlannedSection
                  title={isToday ? "This week" : "The 7 days after"}
                  icon={IconCalendarWeek}
                  interactions={data?.week.interactions}
                  date={shown}
                  timeZone={timeZone}
                  empty="Nothing planned in the next 7 days."
                />
                <DatesSection dates={data?.importantDates} />
                <QuietSection accounts={data?.quietAccounts} />
              </Stack>
            </Grid.Col>
          </Grid>
        </Stack>
      )}

      <AccountFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(account) => navigate(`/accounts/${account.id}`)}
      />
    </>
  );
}

function FirstRun({
  canCreate,
  onCreate,
  team,
}: {
  canCreate: boolean;
  onCreate: () => void;
  team: { label: string; to: string };
}) {
  return (
    <Card withBorder radius="lg" p={{ base: "lg", sm: "xl" }}>
      <EmptyState size="lg" variant="light">
        <EmptyState.Indicator>
          <IconBuildingSkyscraper size={32} stroke={1.6} />
        </EmptyState.Indicator>
        <EmptyState.Title order={2}>Your day starts with your clients</EmptyState.Title>
        <EmptyState.Description maw={580}>
          Once your firm's accounts are here, this page gathers who needs you each day: touches due
          by each account's rhythm, what you promised and when, birthdays coming up, and the
          relationships that have gone quiet.
        </EmptyState.Description>
        <EmptyState.Actions>
          {canCreate && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onCreate}>
              Create the first account
            </Button>
          )}
          <Button component={Link} to={team.to} variant="default">
            {team.label}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Card>
  );
}
