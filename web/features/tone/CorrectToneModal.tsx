/**
 * "Correct the tone": a member's reading of a touch or answer (positive, neutral, negative)
 * with an optional note saying why. The correction is kept in a history and audited; it
 * counts in the health score from then on. Sent with If-Match, so a colleague's correction
 * made meanwhile is a 412 to reload rather than one silently overwritten.
 */
import { Alert, Button, Group, Modal, Radio, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import {
  correctToneInput,
  type ToneLabel,
  toneLabels,
} from "../../../src/domains/tone/tone.inputs";
import { describeError } from "../../app/api";
import { formatDateTime } from "../../components/format";
import { isStaleVersion } from "../../components/nested-field-errors";
import { StaleVersionAlert } from "../../components/StaleVersionAlert";
import { type Tone, useCorrectTone, useTone } from "./tone.api";
import { formatToneScore, toneLabelShort, toneLabelWords } from "./tone.labels";

export function CorrectToneModal({
  tone,
  opened,
  onClose,
}: {
  tone: Tone;
  opened: boolean;
  onClose: () => void;
}) {
  const correct = useCorrectTone();
  const reread = useTone(tone.subjectType, tone.subjectId);
  const [label, setLabel] = useState<ToneLabel>(tone.effectiveLabel);
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string>();
  const stale = isStaleVersion(correct.error);
  const latest = tone.corrections.at(-1);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const json = { label, note: note.trim() || null };
    const checked = correctToneInput.safeParse(json);
    if (!checked.success) {
      setNoteError(checked.error.issues[0]?.message);
      return;
    }
    correct.mutate(
      { tone, json },
      {
        onSuccess: () => {
          notifications.show({
            color: "rapport",
            title: "Tone corrected",
            message: `It now reads as ${toneLabelShort[label].toLowerCase()} in the health score and the history.`,
          });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Correct the tone" centered size="md">
      <form onSubmit={submit} noValidate aria-label="Correct the tone">
        <Stack gap="md">
          {stale && (
            <StaleVersionAlert
              what="this tone"
              onReload={() => {
                correct.reset();
                void reread.refetch();
              }}
              reloading={reread.isFetching}
            />
          )}
          {correct.error && !stale && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {describeError(correct.error)}
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            Rapport read this as {toneLabelShort[tone.label].toLowerCase()} (score{" "}
            {formatToneScore(tone.score)}) from the words alone.
            {latest &&
              ` Last corrected ${formatDateTime(latest.at)} to ${toneLabelShort[latest.toLabel].toLowerCase()}.`}{" "}
            Your reading replaces it in the health score.
          </Text>
          <Radio.Group
            label="Tone"
            value={label}
            onChange={(value) => setLabel(value as ToneLabel)}
          >
            <Group gap="lg" mt={6}>
              {[...toneLabels].reverse().map((value) => (
                <Radio key={value} value={value} label={toneLabelWords[value]} />
              ))}
            </Group>
          </Radio.Group>
          <Textarea
            label="Note"
            description="Optional: why, for whoever reads the history."
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            value={note}
            error={noteError}
            onChange={(event) => {
              setNote(event.currentTarget.value);
              setNoteError(undefined);
            }}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={correct.isPending} disabled={stale}>
              Save the tone
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
