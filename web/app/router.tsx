/**
 * Routes. Public pages (onboarding, login, invitation) stand alone; everything else sits
 * behind RequireSession inside the AppShell layout. Unknown paths get a real 404 page.
 */
import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { createBrowserRouter, Link, Navigate, useLocation } from "react-router";
import { FullPageLoader } from "../components/FullPageLoader";
import { QueryErrorAlert } from "../components/QueryErrorAlert";
import { AccountPage } from "../features/accounts/AccountPage";
import { AccountsPage } from "../features/accounts/AccountsPage";
import { InvitationPage } from "../features/auth/InvitationPage";
import { LoginPage } from "../features/auth/LoginPage";
import { CadencePanel } from "../features/cadence/CadencePanel";
import { CalendarPanel } from "../features/calendar/CalendarPanel";
import { WeightsPanel } from "../features/health/WeightsPanel";
import { ImportWizardPage } from "../features/imports/ImportWizardPage";
import { MembersPanel } from "../features/members/MembersPanel";
import { OnboardingPage } from "../features/onboarding/OnboardingPage";
import { OutboxPanel } from "../features/outbox/OutboxPanel";
import { PeoplePage } from "../features/people/PeoplePage";
import { PersonPage } from "../features/people/PersonPage";
import { PortfolioPage } from "../features/portfolio/PortfolioPage";
import { ReportsPage } from "../features/reports/ReportsPage";
import { SettingsPage } from "../features/settings/SettingsPage";
import { WorkspacePanel } from "../features/settings/WorkspacePanel";
import { SurveySettingsPanel } from "../features/surveys/SurveySettingsPanel";
import { TasksPage } from "../features/tasks/TasksPage";
import { TodayPage } from "../features/today/TodayPage";
import { TokensPanel } from "../features/tokens/TokensPanel";
import { AppLayout } from "./AppLayout";
import { useMe, useOnboardingStatus } from "./session";

/** Sends first-run visitors to onboarding and signed-out ones to login (remembering where). */
function RequireSession() {
  const location = useLocation();
  const status = useOnboardingStatus();
  const me = useMe();

  if (status.isPending || me.isPending) return <FullPageLoader />;
  if (status.data?.needed) return <Navigate to="/onboarding" replace />;
  if (me.isError) {
    return (
      <Center component="main" h="100vh" p="md">
        <QueryErrorAlert error={me.error} what="your session" onRetry={() => me.refetch()} />
      </Center>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    const query = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/login${query}`} replace />;
  }
  return <AppLayout me={me.data} />;
}

function NotFoundPage() {
  return (
    <Center py={80}>
      <Stack align="center" gap="sm">
        <Title order={1}>Page not found</Title>
        <Text c="dimmed">There is nothing at this address. It may have moved.</Text>
        <Button component={Link} to="/today" mt="sm">
          Go to Today
        </Button>
      </Stack>
    </Center>
  );
}

export const router = createBrowserRouter([
  { path: "/onboarding", element: <OnboardingPage /> },
  { path: "/login", element: <LoginPage /> },
  { path: "/invite/:token", element: <InvitationPage /> },
  {
    path: "/",
    element: <RequireSession />,
    children: [
      { index: true, element: <Navigate to="/today" replace /> },
      { path: "today", element: <TodayPage /> },
      { path: "tasks", element: <TasksPage /> },
      { path: "portfolio", element: <PortfolioPage /> },
      { path: "accounts", element: <AccountsPage /> },
      { path: "accounts/:id", element: <AccountPage /> },
      { path: "people", element: <PeoplePage /> },
      { path: "people/import", element: <ImportWizardPage /> },
      { path: "people/:id", element: <PersonPage /> },
      { path: "reports", element: <ReportsPage /> },
      {
        path: "settings",
        element: <SettingsPage />,
        children: [
          { index: true, element: <Navigate to="/settings/members" replace /> },
          { path: "members", element: <MembersPanel /> },
          { path: "workspace", element: <WorkspacePanel /> },
          { path: "cadence", element: <CadencePanel /> },
          { path: "surveys", element: <SurveySettingsPanel /> },
          { path: "health", element: <WeightsPanel /> },
          { path: "calendar", element: <CalendarPanel /> },
          { path: "tokens", element: <TokensPanel /> },
          { path: "outbox", element: <OutboxPanel /> },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
