/**
 * The send dialog's choice of survey: NPS, CSAT or check-in, each named by its kind alone
 * (the radio is "NPS"; what it is for is its description), and under it the questions the
 * person will read, filled in with the workspace's current wording.
 */
import { Group, Loader, Paper, Radio, Stack, Text } from "@mantine/core";
import { useId } from "react";
import { type SurveyKind, surveyKinds } from "../../../src/domains/surveys/surveys.inputs";
import type { SurveySettings } from "./surveys.api";
import {
  fillWording,
  surveyKindLabels,
  surveyKindPurposes,
  surveyKindScales,
  type WordingValues,
} from "./surveys.labels";

type SurveyKindPickerProps = {
  kind: SurveyKind;
  onChange: (kind: SurveyKind) => void;
  template: SurveySettings["templates"][SurveyKind] | undefined;
  expiresAfterDays: number | undefined;
  wording: WordingValues;
};

export function SurveyKindPicker({
  kind,
  onChange,
  template,
  expiresAfterDays,
  wording,
}: SurveyKindPickerProps) {
  const ids = useId();
  return (
    <Stack gap="sm">
      <Radio.Group
        label="Kind of survey"
        value={kind}
        onChange={(value) => onChange(value as SurveyKind)}
      >
        <Stack gap={6} mt={6}>
          {surveyKinds.map((value) => (
            <Radio.Card
              key={value}
              value={value}
              radius="md"
              px="sm"
              py={10}
              withBorder
              aria-label={surveyKindLabels[value]}
              aria-describedby={`${ids}-${value}`}
            >
              <Group gap="sm" wrap="nowrap">
                <Radio.Indicator size="sm" />
                <Text size="sm" fw={600} w={72}>
                  {surveyKindLabels[value]}
                </Text>
                <Text size="sm" c="dimmed" id={`${ids}-${value}`}>
                  {surveyKindPurposes[value]}
                </Text>
              </Group>
            </Radio.Card>
          ))}
        </Stack>
      </Radio.Group>

      <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-default-hover)">
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: "0.04em" }}>
          {wording.contact} will read
        </Text>
        {template ? (
          <Stack gap={4} mt={4}>
            {template.openQuestions?.map((q) => (
              <Text key={q} size="sm">
                {fillWording(q, wording)}
              </Text>
            ))}
            <Text size="sm" fw={600}>
              {fillWording(template.question, wording)}
            </Text>
            <Text size="sm">{fillWording(template.followUp, wording)}</Text>
            <Text size="xs" c="dimmed">
              Answered with {surveyKindScales[kind]}; the link stays open {expiresAfterDays} days.
            </Text>
          </Stack>
        ) : (
          <Loader size="sm" aria-label="Loading the survey wording" />
        )}
      </Paper>
    </Stack>
  );
}
