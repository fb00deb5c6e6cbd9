/**
 * "Log a touch": the quick form at the top of an account's activity, built for logging
 * several in a row by keyboard. Kind → who → when → summary → Log touch; Enter or
 * Ctrl+Enter sends it, and afterwards the focus is back on the kind with the form cleared
 * for the next one. Checked with the API's own createInteractionInput before sending; the
 * server's field errors land under the same inputs.
 */
import {
  Alert,
  Button,
  Group,
  Kbd,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle } from "@tabler/icons-react";
import { type FormEvent, useMemo, useRef, useState } from "react";
import { createInteractionInput } from "../../../src/domains/interactions/interactions.inputs";
import { useCurrentMe } from "../../app/session";
import { useFieldErrors, validate } from "../../components/form-errors";
import { withTopLevelPaths } from "../../components/nested-field-errors";
import type { Account } from "../accounts/accounts.api";
import { DirectionField, KindField, PeopleFields } from "./InteractionFields";
import {
  fromLocalInput,
  nowLocal,
  submitOnShortcut,
  textOrNull,
  toMinutes,
  useParticipantOptions,
} from "./interaction-form";
import { useCreateInteraction } from "./interactions.api";
import {
  type InteractionDirection,
  type InteractionKind,
  kindNoun,
  needsSummary,
} from "./interactions.labels";
import { MoreDetails } from "./LogTouchMore";

const fields = [
  "kind",
  "direction",
  "contactIds",
  "memberIds",
  "occurredAt",
  "durationMinutes",
  "summary",
  "decisions",
  "nextSteps",
  "needIds",
] as const;
type Field = (typeof fields)[number];
const moreFields: Field[] = ["durationMinutes", "decisions", "nextSteps", "needIds"];

type Values = {
  kind: InteractionKind;
  direction: InteractionDirection;
  contactIds: string[];
  memberIds: string[];
  /** datetime-local text; `whenEdited` false means "now, at the moment it is sent". */
  when: string;
  whenEdited: boolean;
  duration: string | number;
  summary: string;
  decisions: string;
  nextSteps: string;
  needIds: string[];
};

/** A fresh form; the kind and direction carry over, since several calls often come in a row. */
function freshValues(memberId: string, previous?: Values): Values {
  return {
    kind: previous?.kind ?? "call",
    direction: previous?.direction ?? "outbound",
    contactIds: [],
    memberIds: [memberId],
    when: nowLocal(),
    whenEdited: false,
    duration: "",
    summary: "",
    decisions: "",
    nextSteps: "",
    needIds: [],
  };
}

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.userAgent);

export function LogTouchForm({ account }: { account: Account }) {
  const me = useCurrentMe();
  const create = useCreateInteraction();
  const people = useParticipantOptions(account.id);
  const [values, setValues] = useState<Values>(() => freshValues(me.member.id));
  const [moreOpen, setMoreOpen] = useState(false);
  const serverError = useMemo(() => withTopLevelPaths(create.error), [create.error]);
  const errors = useFieldErrors(serverError, fields);
  const kindGroup = useRef<HTMLDivElement>(null);
  const summaryRequired = needsSummary(values.kind);
  // An error on a field behind "More" must not stay hidden there.
  const moreShown = moreOpen || moreFields.some((field) => errors.of(field));

  const set = <K extends keyof Values>(field: K, value: Values[K], errorField?: Field) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    const named = errorField ?? fields.find((name) => name === field);
    if (named) errors.edited(named);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const occurredAt = values.whenEdited ? fromLocalInput(values.when) : new Date().toISOString();
    const input = {
      accountId: account.id,
      kind: values.kind,
      direction: values.kind === "note" ? null : values.direction,
      occurredAt,
      durationMinutes: toMinutes(values.duration),
      summary: textOrNull(values.summary),
      decisions: textOrNull(values.decisions),
      nextSteps: textOrNull(values.nextSteps),
      contactIds: values.contactIds,
      memberIds: values.memberIds,
      needIds: values.needIds,
    };
    const local = validate(createInteractionInput, input);
    if (!occurredAt) local.occurredAt = "Required: when did it happen?";
    // The API refuses it too, in its own terms; say it in the member's: use Schedule.
    else if (new Date(occurredAt).getTime() > Date.now() + 60_000) {
      local.occurredAt = "Must not be in the future: use Schedule for what is still to come";
    }
    if (summaryRequired && !input.summary) {
      local.summary = `Required for a ${kindNoun(values.kind)}: what was said, what matters`;
    }
    if (!errors.check(local)) return;
    create.mutate(input, {
      onSuccess: () => {
        notifications.show({
          color: "rapport",
          title: "Touch logged",
          message: `The ${kindNoun(values.kind)} is on the timeline.`,
        });
        setValues((previous) => freshValues(me.member.id, previous));
        setMoreOpen(false);
        // Ready for the next one: back on the kind, the first field in the tab order.
        requestAnimationFrame(() =>
          kindGroup.current?.querySelector<HTMLInputElement>("input:checked")?.focus(),
        );
      },
    });
  };

  return (
    <form onSubmit={submit} onKeyDown={submitOnShortcut} noValidate aria-label="Log a touch">
      <Stack gap="md">
        {errors.general && (
          <Alert
            color="red"
            icon={<IconAlertCircle size={18} />}
            title="The touch was not logged"
            role="alert"
          >
            {errors.general}
          </Alert>
        )}
        <KindField
          value={values.kind}
          onChange={(kind) => set("kind", kind)}
          error={errors.of("kind")}
          groupRef={kindGroup}
        />
        <PeopleFields
          accountName={account.name}
          theirs={people.theirs}
          ours={people.ours}
          hasContacts={people.hasContacts || people.loading}
          contactIds={values.contactIds}
          memberIds={values.memberIds}
          onContacts={(ids) => set("contactIds", ids)}
          onMembers={(ids) => set("memberIds", ids)}
          contactError={errors.of("contactIds")}
          memberError={errors.of("memberIds")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            type="datetime-local"
            label="When"
            description={values.whenEdited ? "When it happened" : "Now, unless you change it"}
            required
            max={nowLocal()}
            value={values.when}
            error={errors.of("occurredAt")}
            onChange={(event) => {
              const when = event.currentTarget.value;
              setValues((previous) => ({ ...previous, when, whenEdited: true }));
              errors.edited("occurredAt");
            }}
          />
          {values.kind !== "note" && (
            <DirectionField
              value={values.direction}
              onChange={(direction) => set("direction", direction)}
              error={errors.of("direction")}
            />
          )}
        </SimpleGrid>
        <Textarea
          label="Summary"
          description={
            summaryRequired
              ? `Required for a ${kindNoun(values.kind)}: what was said, what matters to them`
              : "What was said, what matters to them (optional)"
          }
          required={summaryRequired}
          autosize
          minRows={2}
          maxRows={8}
          value={values.summary}
          error={errors.of("summary")}
          onChange={(event) => set("summary", event.currentTarget.value)}
        />
        <MoreDetails
          accountId={account.id}
          opened={moreShown}
          onToggle={() => setMoreOpen(!moreShown)}
          decisions={values.decisions}
          nextSteps={values.nextSteps}
          needIds={values.needIds}
          onDecisions={(text) => set("decisions", text)}
          onNextSteps={(text) => set("nextSteps", text)}
          onNeeds={(ids) => set("needIds", ids)}
          duration={values.duration}
          onDuration={(duration) => set("duration", duration, "durationMinutes")}
          errorOf={errors.of}
        />
        <Group justify="space-between" gap="sm">
          <Text size="xs" c="dimmed">
            <Kbd size="xs">{isMac ? "⌘" : "Ctrl"}</Kbd> + <Kbd size="xs">Enter</Kbd> logs it from
            any field
          </Text>
          <Button type="submit" loading={create.isPending}>
            Log touch
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
