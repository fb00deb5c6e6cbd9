/**
 * Reports → Activity: what the firm did with its clients over a period, for reviews with the
 * team and the partners. The period, grouping and client type live in the URL; the same
 * report downloads as CSV. Everyone in the workspace may read it (viewers too).
 */
import { Button, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { PageHeader } from "../../components/PageHeader";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { SectionHeader } from "../../components/SectionHeader";
import { useWorkspaceSettings } from "../settings/workspace.api";
import { SurveyResultsSection } from "../surveys/SurveyResultsSection";
import { ActivityChart } from "./ActivityChart";
import { ActivityStats } from "./ActivityStats";
import { ActivityTable, tableName } from "./ActivityTable";
import { ReportFilters } from "./ReportFilters";
import { activityCsvUrl, useActivityReport } from "./reports.api";
import { formatDay } from "./reports.format";
import { todayIn, useReportParams } from "./reports.params";
import { UntouchedAccounts } from "./UntouchedAccounts";

export function ReportsPage() {
  const workspace = useWorkspaceSettings();
  return (
    <>
      <PageHeader
        title="Reports"
        description="Trends across your clients, for reviews with the team and the partners."
      />
      {workspace.isPending ? (
        <Loader aria-label="Loading the report" />
      ) : (
        // Presets are the firm's days, like the server's: wait for its time zone to know "today".
        <>
          <ActivityReportSection timeZone={workspace.data?.timeZone} />
          <SurveyResultsSection today={todayIn(workspace.data?.timeZone)} />
        </>
      )}
    </>
  );
}

function ActivityReportSection({ timeZone }: { timeZone: string | undefined }) {
  const today = todayIn(timeZone);
  const { params, update, preset } = useReportParams(today);
  const report = useActivityReport(params);
  const data = report.data;

  return (
    <Stack component="section" aria-label="Activity" gap="lg">
      <SectionHeader
        title="Activity"
        description="Touches logged with clients: how often, how regularly, how punctually, and which accounts nobody reached. Notes count as touches but not as meaningful ones."
        actions={
          <Button
            component="a"
            href={activityCsvUrl(params)}
            download
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            Download CSV
          </Button>
        }
      />
      <ReportFilters params={params} today={today} preset={preset} onChange={update} />

      {report.isError ? (
        <QueryErrorAlert
          error={report.error}
          what="the activity report"
          onRetry={() => report.refetch()}
        />
      ) : !data ? (
        <Loader aria-label="Loading the activity report" />
      ) : (
        <Stack
          gap="lg"
          aria-busy={report.isFetching}
          // The last report stays while the next loads; fading it says it is about to change.
          style={{ opacity: report.isPlaceholderData ? 0.6 : 1, transition: "opacity 150ms" }}
        >
          <Text size="sm" c="dimmed" aria-live="polite">
            {formatDay(data.from)} – {formatDay(data.to)}, days in{" "}
            {data.timeZone.replaceAll("_", " ")}
            {data.clientType === "prospect"
              ? "; prospects only"
              : data.clientType === "existing"
                ? "; existing clients only"
                : ""}
            .
          </Text>
          <ActivityStats totals={data.totals} />
          <ActivityChart report={data} />
          <Stack gap="xs">
            <Group justify="space-between" align="flex-end">
              <Title order={3} fz="md">
                {tableName(data.groupBy)}
              </Title>
              <Text size="xs" c="dimmed">
                Scroll sideways for every measure; select a heading to sort.
              </Text>
            </Group>
            <ActivityTable key={data.groupBy} report={data} />
          </Stack>
          <UntouchedAccounts totals={data.totals} />
        </Stack>
      )}
    </Stack>
  );
}
