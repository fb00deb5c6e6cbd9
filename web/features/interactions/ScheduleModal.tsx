/**
 * "Schedule": plans an interaction with the account (kind, when, how long, who, agenda).
 * It joins "Coming up" with its calendar invitation, and the member marks it done,
 * reschedules or cancels it there. Checked with the API's own createInteractionInput.
 */
import { Alert, Button, Group, Modal, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle } from "@tabler/icons-react";
import dayjs from "dayjs";
import { type FormEvent, useMemo, useState } from "react";
import { createInteractionInput } from "../../../src/domains/interactions/interactions.inputs";
import { useCurrentMe } from "../../app/session";
import { useFieldErrors, validate } from "../../components/form-errors";
import { withTopLevelPaths } from "../../components/nested-field-errors";
import type { Account } from "../accounts/accounts.api";
import { DurationField, KindField, PeopleFields } from "./InteractionFields";
import {
  fromLocalInput,
  nowLocal,
  submitOnShortcut,
  textOrNull,
  toLocalInput,
  toMinutes,
  useParticipantOptions,
} from "./interaction-form";
import { useCreateInteraction } from "./interactions.api";
import { type InteractionKind, kindNoun, plannableKinds } from "./interactions.labels";

const fields = [
  "kind",
  "scheduledAt",
  "durationMinutes",
  "contactIds",
  "memberIds",
  "summary",
] as const;

/** Tomorrow at ten: a reasonable first guess that the member moves in one keystroke. */
const defaultWhen = () => toLocalInput(dayjs().add(1, "day").hour(10).minute(0).toDate());

type ScheduleModalProps = { opened: boolean; onClose: () => void; account: Account };

export function ScheduleModal({ opened, onClose, account }: ScheduleModalProps) {
  // A fresh form each time the modal opens.
  const [session, setSession] = useState(0);
  const [wasOpened, setWasOpened] = useState(opened);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) setSession((n) => n + 1);
  }
  return (
    <Modal opened={opened} onClose={onClose} title="Schedule an interaction" centered size="lg">
      <ScheduleForm key={session} account={account} onClose={onClose} />
    </Modal>
  );
}

function ScheduleForm({ account, onClose }: { account: Account; onClose: () => void }) {
  const me = useCurrentMe();
  const create = useCreateInteraction();
  const people = useParticipantOptions(account.id);
  const [kind, setKind] = useState<InteractionKind>("meeting");
  const [when, setWhen] = useState(defaultWhen);
  const [duration, setDuration] = useState<string | number>(60);
  const [contactIds, setContactIds] = useState<string[]>([]);
  const [memberIds, setMemberIds] = useState<string[]>([me.member.id]);
  const [agenda, setAgenda] = useState("");
  const serverError = useMemo(() => withTopLevelPaths(create.error), [create.error]);
  const errors = useFieldErrors(serverError, fields);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const scheduledAt = fromLocalInput(when);
    const input = {
      accountId: account.id,
      kind,
      scheduledAt,
      durationMinutes: toMinutes(duration),
      summary: textOrNull(agenda),
      contactIds,
      memberIds,
    };
    const local = validate(createInteractionInput, input);
    if (!scheduledAt) local.scheduledAt = "Required: when is it planned for?";
    if (!errors.check(local)) return;
    create.mutate(input, {
      onSuccess: () => {
        notifications.show({
          color: "rapport",
          title: "Scheduled",
          message: `The ${kindNoun(kind)} is under Coming up, with its calendar invitation.`,
        });
        onClose();
      },
    });
  };

  return (
    <form
      onSubmit={submit}
      onKeyDown={submitOnShortcut}
      noValidate
      aria-label="Schedule an interaction"
    >
      <Stack gap="md">
        {errors.general && (
          <Alert
            color="red"
            icon={<IconAlertCircle size={18} />}
            title="It was not scheduled"
            role="alert"
          >
            {errors.general}
          </Alert>
        )}
        <KindField
          value={kind}
          kinds={plannableKinds}
          onChange={(next) => {
            setKind(next);
            errors.edited("kind");
          }}
          error={errors.of("kind")}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <TextInput
            type="datetime-local"
            label="When"
            description="The time it is planned for"
            required
            data-autofocus
            min={nowLocal()}
            value={when}
            error={errors.of("scheduledAt")}
            onChange={(event) => {
              setWhen(event.currentTarget.value);
              errors.edited("scheduledAt");
            }}
          />
          <DurationField
            description="Sets the end in the invitation"
            value={duration}
            error={errors.of("durationMinutes")}
            onChange={(value) => {
              setDuration(value);
              errors.edited("durationMinutes");
            }}
          />
        </SimpleGrid>
        <PeopleFields
          accountName={account.name}
          theirs={people.theirs}
          ours={people.ours}
          hasContacts={people.hasContacts || people.loading}
          contactIds={contactIds}
          memberIds={memberIds}
          onContacts={(ids) => {
            setContactIds(ids);
            errors.edited("contactIds");
          }}
          onMembers={(ids) => {
            setMemberIds(ids);
            errors.edited("memberIds");
          }}
          contactError={errors.of("contactIds")}
          memberError={errors.of("memberIds")}
        />
        <Textarea
          label="Agenda"
          description="What it is for; it goes into the invitation (optional)"
          autosize
          minRows={3}
          maxRows={8}
          value={agenda}
          error={errors.of("summary")}
          onChange={(event) => {
            setAgenda(event.currentTarget.value);
            errors.edited("summary");
          }}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Schedule
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
