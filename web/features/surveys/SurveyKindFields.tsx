/**
 * One kind of survey in Settings → Surveys: its wording (for check-ins, the open questions
 * too), how soon a person may be asked it again, and a live preview of what they will read,
 * with the placeholders filled in as the answer page fills them.
 */
import {
  ActionIcon,
  Button,
  Card,
  Grid,
  Input,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import type { SurveyKind } from "../../../src/domains/surveys/surveys.inputs";
import type { Errors, KindValues } from "./survey-settings.form";
import {
  fillWording,
  surveyKindLabels,
  surveyKindPurposes,
  surveyKindScales,
  type WordingValues,
} from "./surveys.labels";

const MAX_OPEN_QUESTIONS = 5;

type SurveyKindFieldsProps = {
  kind: SurveyKind;
  values: KindValues;
  errors: Errors;
  readOnly: boolean;
  sample: WordingValues;
  onChange: (change: Partial<KindValues>, path: string) => void;
};

export function SurveyKindFields({
  kind,
  values,
  errors,
  readOnly,
  sample,
  onChange,
}: SurveyKindFieldsProps) {
  const at = (field: string) => `templates.${kind}.${field}`;
  const setOpen = (index: number, text: string) =>
    onChange(
      { openQuestions: values.openQuestions.map((q, i) => (i === index ? text : q)) },
      at(`openQuestions.${index}`),
    );
  const wording = { ...sample, about: kind === "csat" ? sample.about : null };
  return (
    <Card
      withBorder
      radius="md"
      p="lg"
      component="section"
      aria-label={`${surveyKindLabels[kind]} survey`}
    >
      <Title order={3} fz="md">
        {surveyKindLabels[kind]}{" "}
        <Text span c="dimmed" fz="sm" fw={400}>
          · {surveyKindPurposes[kind]}
        </Text>
      </Title>
      <Grid gap="lg" mt="sm">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm">
            {kind === "check_in" && (
              <Stack gap={6}>
                <div>
                  <Input.Label labelElement="div">Open questions</Input.Label>
                  <Input.Description>
                    Asked first, each with a free-text answer; one to five.
                  </Input.Description>
                </div>
                {values.openQuestions.map((question, index) => (
                  <Textarea
                    // Questions have no ids; the position is what the form edits.
                    // biome-ignore lint/suspicious/noArrayIndexKey: positions are the identity here
                    key={index}
                    aria-label={`Open question ${index + 1}`}
                    autosize
                    minRows={1}
                    readOnly={readOnly}
                    value={question}
                    error={errors[at(`openQuestions.${index}`)]}
                    onChange={(event) => setOpen(index, event.currentTarget.value)}
                    rightSection={
                      !readOnly &&
                      values.openQuestions.length > 1 && (
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={`Remove open question ${index + 1}`}
                          onClick={() =>
                            onChange(
                              { openQuestions: values.openQuestions.filter((_, i) => i !== index) },
                              at("openQuestions"),
                            )
                          }
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      )
                    }
                  />
                ))}
                {errors[at("openQuestions")] && (
                  <Text size="xs" c="var(--mantine-color-error)">
                    {errors[at("openQuestions")]}
                  </Text>
                )}
                {!readOnly && values.openQuestions.length < MAX_OPEN_QUESTIONS && (
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    w="fit-content"
                    leftSection={<IconPlus size={14} aria-hidden />}
                    onClick={() =>
                      onChange(
                        { openQuestions: [...values.openQuestions, ""] },
                        at("openQuestions"),
                      )
                    }
                  >
                    Add an open question
                  </Button>
                )}
              </Stack>
            )}
            <Textarea
              label={kind === "check_in" ? "Score question" : "Question"}
              description={`Answered with ${surveyKindScales[kind].replace("open questions, then an ", "an ")}.`}
              autosize
              minRows={1}
              required
              readOnly={readOnly}
              value={values.question}
              error={errors[at("question")]}
              onChange={(event) =>
                onChange({ question: event.currentTarget.value }, at("question"))
              }
            />
            <Textarea
              label="Follow-up"
              description="A free-text question after the score."
              autosize
              minRows={1}
              required
              readOnly={readOnly}
              value={values.followUp}
              error={errors[at("followUp")]}
              onChange={(event) =>
                onChange({ followUp: event.currentTarget.value }, at("followUp"))
              }
            />
            <NumberInput
              label="Ask the same person again after"
              description="0 asks whenever you send; at most 730."
              min={0}
              max={730}
              allowDecimal={false}
              allowNegative={false}
              suffix=" days"
              readOnly={readOnly}
              w={260}
              value={values.throttleDays}
              error={errors[`throttleDays.${kind}`]}
              onChange={(throttleDays) => onChange({ throttleDays }, `throttleDays.${kind}`)}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper radius="md" p="md" bg="var(--mantine-color-default-hover)" h="100%">
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: "0.04em" }}>
              Preview for {sample.contact}
            </Text>
            <Stack gap="xs" mt="xs" aria-live="polite">
              {kind === "check_in" &&
                values.openQuestions.map((q, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: mirrors the inputs' positions
                  <Text key={index} size="sm">
                    {fillWording(q, wording) || "…"}
                  </Text>
                ))}
              <Text size="sm" fw={600}>
                {fillWording(values.question, wording) || "…"}
              </Text>
              <Text size="sm">{fillWording(values.followUp, wording) || "…"}</Text>
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    </Card>
  );
}
