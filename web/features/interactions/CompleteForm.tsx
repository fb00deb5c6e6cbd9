/**
 * "Mark as done" for a planned interaction: when it happened (the planned time if that has
 * passed, else now), when it really started (so punctuality is known), and what was said,
 * decided and agreed next. Checked with the API's own changeInteractionInput; a change that
 * lost a race (412) says so and offers a reload.
 */

import { Alert, Button, Group, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle } from "@tabler/icons-react";
import { type FormEvent, useMemo, useState } from "react";
import { changeInteractionInput } from "../../../src/domains/interactions/interactions.inputs";
import { useFieldErrors, validate } from "../../components/form-errors";
import { formatDateTime } from "../../components/format";
import { isStaleVersion } from "../../components/nested-field-errors";
import { StaleVersionAlert } from "../../components/StaleVersionAlert";
import { DurationField } from "./InteractionFields";
import {
  fromLocalInput,
  nowLocal,
  submitOnShortcut,
  textOrNull,
  toLocalInput,
  toMinutes,
} from "./interaction-form";
import { type Interaction, useChangeInteraction } from "./interactions.api";
import { kindNoun, needsSummary } from "./interactions.labels";

const fields = [
  "occurredAt",
  "startedAt",
  "durationMinutes",
  "summary",
  "decisions",
  "nextSteps",
] as const;

export type PlannedFormProps = {
  interaction: Interaction;
  onClose: () => void;
  /** Fetches the latest version after a 412. */
  onReload: () => void;
  reloading: boolean;
};

/** The planned time once it has passed (the usual case: it is logged afterwards), else now. */
function defaultOccurredAt(interaction: Interaction): Date {
  const planned = interaction.scheduledAt ? new Date(interaction.scheduledAt) : null;
  return planned && planned.getTime() < Date.now() ? planned : new Date();
}

export function CompleteForm({ interaction, onClose, onReload, reloading }: PlannedFormProps) {
  const change = useChangeInteraction();
  const [occurredAt, setOccurredAt] = useState(() => toLocalInput(defaultOccurredAt(interaction)));
  // Untouched, the default is sent to the second (the input holds minutes), so the history
  // keeps touches logged in the same minute in the order they happened.
  const [occurredEdited, setOccurredEdited] = useState(false);
  const [startedAt, setStartedAt] = useState("");
  const [duration, setDuration] = useState<string | number>(interaction.durationMinutes ?? "");
  // The agenda is where the summary starts: edit what was planned into what happened.
  const [summary, setSummary] = useState(interaction.summary ?? "");
  const [decisions, setDecisions] = useState(interaction.decisions ?? "");
  const [nextSteps, setNextSteps] = useState(interaction.nextSteps ?? "");
  const stale = isStaleVersion(change.error);
  const errors = useFieldErrors(stale ? null : change.error, fields);
  const summaryRequired = needsSummary(interaction.kind);
  const noun = kindNoun(interaction.kind);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      occurredAt: occurredEdited
        ? (fromLocalInput(occurredAt) ?? undefined)
        : defaultOccurredAt(interaction).toISOString(),
      ...(startedAt ? { startedAt: fromLocalInput(startedAt) } : {}),
      durationMinutes: toMinutes(duration),
      summary: textOrNull(summary),
      decisions: textOrNull(decisions),
      nextSteps: textOrNull(nextSteps),
    };
    const local = validate(changeInteractionInput, { startedAt: undefined, ...input });
    if (!input.occurredAt) local.occurredAt = "Required: when did it happen?";
    if (summaryRequired && !input.summary) local.summary = `Required once a ${noun} happened`;
    if (!errors.check(local)) return;
    change.mutate(
      { interaction, change: input },
      {
        onSuccess: () => {
          notifications.show({
            color: "rapport",
            title: "Marked as done",
            message: `The ${noun} moved to the history.`,
          });
          onClose();
        },
      },
    );
  };

  const planned = useMemo(
    () => (interaction.scheduledAt ? formatDateTime(interaction.scheduledAt) : null),
    [interaction.scheduledAt],
  );

  return (
    <form onSubmit={submit} onKeyDown={submitOnShortcut} noValidate aria-label="Mark as done">
      <Stack gap="md">
        {stale && (
          <StaleVersionAlert what={`this ${noun}`} onReload={onReload} reloading={reloading} />
        )}
        {errors.general && (
          <Alert
            color="red"
            icon={<IconAlertCircle size={18} />}
            title="It was not marked as done"
            role="alert"
          >
            {errors.general}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <TextInput
            type="datetime-local"
            label="When it happened"
            description={
              occurredEdited ? "When it took place" : "The planned time if it has passed, else now"
            }
            required
            max={nowLocal()}
            value={occurredAt}
            error={errors.of("occurredAt")}
            onChange={(event) => {
              setOccurredAt(event.currentTarget.value);
              setOccurredEdited(true);
              errors.edited("occurredAt");
            }}
          />
          <TextInput
            type="datetime-local"
            label="Actual start"
            description={planned ? `Planned for ${planned}` : "Optional"}
            max={nowLocal()}
            value={startedAt}
            error={errors.of("startedAt")}
            onChange={(event) => {
              setStartedAt(event.currentTarget.value);
              errors.edited("startedAt");
            }}
          />
          <DurationField
            description="How long it took"
            value={duration}
            error={errors.of("durationMinutes")}
            onChange={(value) => {
              setDuration(value);
              errors.edited("durationMinutes");
            }}
          />
        </SimpleGrid>
        <Textarea
          label="Summary"
          description={summaryRequired ? `Required for a ${noun}` : "Optional"}
          required={summaryRequired}
          data-autofocus
          autosize
          minRows={3}
          maxRows={8}
          value={summary}
          error={errors.of("summary")}
          onChange={(event) => {
            setSummary(event.currentTarget.value);
            errors.edited("summary");
          }}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Textarea
            label="Decisions"
            autosize
            minRows={2}
            maxRows={6}
            value={decisions}
            error={errors.of("decisions")}
            onChange={(event) => {
              setDecisions(event.currentTarget.value);
              errors.edited("decisions");
            }}
          />
          <Textarea
            label="Next steps"
            autosize
            minRows={2}
            maxRows={6}
            value={nextSteps}
            error={errors.of("nextSteps")}
            onChange={(event) => {
              setNextSteps(event.currentTarget.value);
              errors.edited("nextSteps");
            }}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Not yet
          </Button>
          <Button type="submit" loading={change.isPending} disabled={stale}>
            Mark as done
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
