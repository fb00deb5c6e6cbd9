/**
 * Reports → Surveys: what clients said over a year or two, for reviews with the partners.
 * The kind (NPS, CSAT, check-in), months or quarters, the range and a tier live in the URL;
 * headline figures, the trend charts, the table by period and the latest answers follow.
 * Everyone in the workspace may read it (viewers too), like the rest of Reports.
 */
import {
  Group,
  Input,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { type ReactNode, useId } from "react";
import { surveyKinds } from "../../../src/domains/surveys/surveys.inputs";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { SectionHeader } from "../../components/SectionHeader";
import { formatDay } from "../reports/reports.format";
import { useWorkspaceSettings } from "../settings/workspace.api";
import { LatestAnswers } from "./LatestAnswers";
import { SurveyResultsCharts } from "./SurveyResultsCharts";
import { SurveyResultsTable } from "./SurveyResultsTable";
import {
  resultsQueryOf,
  type SurveyInterval,
  type SurveyRange,
  surveyRanges,
  useSurveyResultsParams,
} from "./survey-results.params";
import { type SurveyResults, useSurveyResults } from "./surveys.api";
import { surveyKindLabels } from "./surveys.labels";

const TABLE_NAME = "Survey results by period";
const kindOptions = surveyKinds.map((value) => ({ value, label: surveyKindLabels[value] }));
const intervalOptions = [
  { value: "month", label: "Months" },
  { value: "quarter", label: "Quarters" },
];

export function SurveyResultsSection({ today }: { today: string }) {
  const { params, update } = useSurveyResultsParams();
  const results = useSurveyResults(resultsQueryOf(params, today));
  const tiers = useWorkspaceSettings().data?.tiers ?? [];
  const data = results.data;

  return (
    <Stack component="section" aria-label="Surveys" gap="lg" mt={48}>
      <SectionHeader
        title="Surveys"
        description="What clients answered: NPS, satisfaction with a piece of work, and check-ins. Counted by when each survey was sent, so a late answer still counts for its round."
      />
      <Group gap="lg" align="flex-end" wrap="wrap">
        <Labelled label="Survey">
          {(labelling) => (
            <SegmentedControl
              {...labelling}
              data={kindOptions}
              value={params.kind}
              onChange={(kind) => update({ kind: kind as typeof params.kind })}
            />
          )}
        </Labelled>
        <Labelled label="By">
          {(labelling) => (
            <SegmentedControl
              {...labelling}
              data={intervalOptions}
              value={params.interval}
              onChange={(interval) => update({ interval: interval as SurveyInterval })}
            />
          )}
        </Labelled>
        <Select
          label="Period"
          w={180}
          allowDeselect={false}
          data={surveyRanges.map((r) => ({ value: r.id, label: r.label }))}
          value={params.range}
          onChange={(range) => range && update({ range: range as SurveyRange })}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label="Tier"
          w={180}
          placeholder="All tiers"
          clearable
          data={tiers}
          value={params.tier}
          onChange={(tier) => update({ tier })}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>

      {results.isError ? (
        <QueryErrorAlert
          error={results.error}
          what="the survey results"
          onRetry={() => results.refetch()}
        />
      ) : !data ? (
        <Loader aria-label="Loading the survey results" />
      ) : (
        <Stack
          gap="lg"
          aria-busy={results.isFetching}
          style={{ opacity: results.isPlaceholderData ? 0.6 : 1, transition: "opacity 150ms" }}
        >
          <Text size="sm" c="dimmed" aria-live="polite">
            {surveyKindLabels[data.kind]} surveys sent {formatDay(data.from)} – {formatDay(data.to)}
            {params.tier ? `, ${params.tier} tier` : ""}; days in{" "}
            {data.timeZone.replaceAll("_", " ")}.
          </Text>
          <Headline results={data} />
          <SurveyResultsCharts results={data} />
          <Stack gap="xs">
            <Title order={3} fz="md">
              {TABLE_NAME}
            </Title>
            <SurveyResultsTable results={data} name={TABLE_NAME} />
          </Stack>
          <LatestAnswers
            kind={data.kind}
            accountNames={new Map(data.byAccount.map((a) => [a.accountId, a.accountName]))}
          />
        </Stack>
      )}
    </Stack>
  );
}

const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 0 });

function Headline({ results }: { results: SurveyResults }) {
  const t = results.totals;
  const isNps = results.kind === "nps";
  const stats = [
    isNps
      ? {
          label: "NPS",
          value: t.nps === null ? "—" : t.nps > 0 ? `+${t.nps}` : String(t.nps),
          detail: "% promoters minus % detractors, −100 to +100",
        }
      : {
          label: "Average score",
          value: t.average === null ? "—" : t.average.toFixed(1),
          detail: "Of the answers with a score, 1 to 5",
        },
    {
      label: "Response rate",
      value: t.responseRate === null ? "—" : percent.format(t.responseRate),
      detail: `${t.answered} answered of ${t.sent} sent`,
    },
    ...(isNps
      ? [
          {
            label: "Promoters / passives / detractors",
            value: `${t.promoters ?? 0} / ${t.passives ?? 0} / ${t.detractors ?? 0}`,
            detail: "Scores 9–10, 7–8 and 0–6",
          },
        ]
      : []),
  ];
  return (
    <SimpleGrid
      component="ul"
      aria-label="Survey headline figures"
      cols={{ base: 1, xs: 2, md: 3 }}
      spacing="md"
      p={0}
      m={0}
      style={{ listStyle: "none" }}
    >
      {stats.map((stat) => (
        <Paper key={stat.label} component="li" withBorder radius="md" p="md">
          <Text size="sm" c="dimmed" fw={500}>
            {stat.label}
          </Text>
          <Text fz={26} fw={650} lh={1.3} mt={4}>
            {stat.value}
          </Text>
          <Text size="xs" c="dimmed" mt={4}>
            {stat.detail}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** A visible label for a segmented control, which has none of its own. */
function Labelled({
  label,
  children,
}: {
  label: string;
  children: (labelling: { "aria-labelledby": string }) => ReactNode;
}) {
  const id = useId();
  return (
    <Stack gap={4}>
      <Input.Label labelElement="div" id={id}>
        {label}
      </Input.Label>
      {children({ "aria-labelledby": id })}
    </Stack>
  );
}
