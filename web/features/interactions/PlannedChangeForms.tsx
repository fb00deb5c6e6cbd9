/**
 * Reschedule and cancel a planned interaction. A reschedule keeps the old time in the
 * history ("moved from … to …") and the calendar invitation's sequence goes up, so an
 * imported invitation updates; a cancel needs a reason, since "why did this not happen?"
 * is the first question later. Both are checked with the API's own schemas.
 */
import { Alert, Button, Group, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import {
  cancelInteractionInput,
  changeInteractionInput,
} from "../../../src/domains/interactions/interactions.inputs";
import { useFieldErrors, validate } from "../../components/form-errors";
import { formatDateTime } from "../../components/format";
import { isStaleVersion } from "../../components/nested-field-errors";
import { StaleVersionAlert } from "../../components/StaleVersionAlert";
import type { PlannedFormProps } from "./CompleteForm";
import { fromLocalInput, submitOnShortcut, toLocalInput } from "./interaction-form";
import { useCancelInteraction, useChangeInteraction } from "./interactions.api";
import { kindNoun } from "./interactions.labels";

function FormAlert({ title, message }: { title: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <Alert color="red" icon={<IconAlertCircle size={18} />} title={title} role="alert">
      {message}
    </Alert>
  );
}

const rescheduleFields = ["scheduledAt", "rescheduleReason"] as const;

export function RescheduleForm({ interaction, onClose, onReload, reloading }: PlannedFormProps) {
  const change = useChangeInteraction();
  const [when, setWhen] = useState(() => toLocalInput(interaction.scheduledAt));
  const [reason, setReason] = useState("");
  const stale = isStaleVersion(change.error);
  const errors = useFieldErrors(stale ? null : change.error, rescheduleFields);
  const noun = kindNoun(interaction.kind);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const scheduledAt = fromLocalInput(when);
    const input = {
      scheduledAt: scheduledAt ?? undefined,
      ...(reason.trim() ? { rescheduleReason: reason.trim() } : {}),
    };
    const local = validate(changeInteractionInput, { rescheduleReason: undefined, ...input });
    if (!scheduledAt) local.scheduledAt = "Required: when is it planned for now?";
    else if (
      interaction.scheduledAt &&
      new Date(scheduledAt).getTime() === new Date(interaction.scheduledAt).getTime()
    ) {
      local.scheduledAt = "Pick a time other than the one planned";
    }
    if (!errors.check(local)) return;
    change.mutate(
      { interaction, change: input },
      {
        onSuccess: () => {
          notifications.show({
            color: "rapport",
            title: "Rescheduled",
            message: `Download the invitation again so calendars move the ${noun} too.`,
          });
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} onKeyDown={submitOnShortcut} noValidate aria-label="Reschedule">
      <Stack gap="md">
        {stale && (
          <StaleVersionAlert what={`this ${noun}`} onReload={onReload} reloading={reloading} />
        )}
        <FormAlert title="It was not rescheduled" message={errors.general} />
        <TextInput
          type="datetime-local"
          label="New time"
          description={
            interaction.scheduledAt
              ? `Planned for ${formatDateTime(interaction.scheduledAt)} until now`
              : undefined
          }
          required
          data-autofocus
          value={when}
          error={errors.of("scheduledAt")}
          onChange={(event) => {
            setWhen(event.currentTarget.value);
            errors.edited("scheduledAt");
          }}
        />
        <Textarea
          label="Reason"
          description="Kept with the move in the history (optional)"
          autosize
          minRows={2}
          maxRows={5}
          value={reason}
          error={errors.of("rescheduleReason")}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            errors.edited("rescheduleReason");
          }}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Keep the time
          </Button>
          <Button type="submit" loading={change.isPending} disabled={stale}>
            Reschedule
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const cancelFields = ["reason"] as const;

export function CancelForm({ interaction, onClose, onReload, reloading }: PlannedFormProps) {
  const cancel = useCancelInteraction();
  const [reason, setReason] = useState("");
  const stale = isStaleVersion(cancel.error);
  const errors = useFieldErrors(stale ? null : cancel.error, cancelFields);
  const noun = kindNoun(interaction.kind);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.check(validate(cancelInteractionInput, { reason }))) return;
    cancel.mutate(
      { interaction, reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({
            color: "rapport",
            title: "Cancelled",
            message: `The ${noun} stays in the history with the reason.`,
          });
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} onKeyDown={submitOnShortcut} noValidate aria-label="Cancel it">
      <Stack gap="md">
        {stale && (
          <StaleVersionAlert what={`this ${noun}`} onReload={onReload} reloading={reloading} />
        )}
        <FormAlert title="It was not cancelled" message={errors.general} />
        <Textarea
          label="Reason"
          description="Why it will not happen: kept in the history"
          required
          data-autofocus
          autosize
          minRows={2}
          maxRows={5}
          value={reason}
          error={errors.of("reason")}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            errors.edited("reason");
          }}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Keep it
          </Button>
          <Button type="submit" color="red" loading={cancel.isPending} disabled={stale}>
            Cancel the {noun}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
