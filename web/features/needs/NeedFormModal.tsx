/**
 * "Add a need" / "Edit need": kind, title, detail, priority and the day we learned it,
 * checked with the API's own createNeedInput before sending; the server's field errors land
 * under the same inputs. An edit that lost a race (412) says so and reloads the need.
 */
import "@mantine/dates/styles.css";
import {
  Alert,
  Button,
  Group,
  Input,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle } from "@tabler/icons-react";
import dayjs from "dayjs";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { createNeedInput } from "../../../src/domains/needs/needs.inputs";
import { useFieldErrors, validate } from "../../components/form-errors";
import { isStaleVersion } from "../../components/nested-field-errors";
import { StaleVersionAlert } from "../../components/StaleVersionAlert";
import { type Need, useAccountNeeds, useCreateNeed, useUpdateNeed } from "./needs.api";
import {
  kindDescriptions,
  kindOptions,
  type NeedKind,
  type NeedPriority,
  priorityOptions,
} from "./needs.labels";

const fields = ["kind", "title", "detail", "priority", "learnedOn"] as const;

type Values = {
  kind: NeedKind;
  title: string;
  detail: string;
  priority: NeedPriority;
  learnedOn: string | null;
};

const today = () => dayjs().format("YYYY-MM-DD");

function valuesOf(need: Need | null): Values {
  return need
    ? {
        kind: need.kind,
        title: need.title,
        detail: need.detail ?? "",
        priority: need.priority,
        learnedOn: need.learnedOn,
      }
    : { kind: "need", title: "", detail: "", priority: "medium", learnedOn: today() };
}

/** The body for the values typed: an emptied detail is null (cleared), no date is "today". */
function toInput(values: Values) {
  return {
    kind: values.kind,
    title: values.title.trim(),
    detail: values.detail.trim() ? values.detail.trimEnd() : null,
    priority: values.priority,
    learnedOn: values.learnedOn ?? undefined,
  };
}

type NeedFormModalProps = {
  opened: boolean;
  onClose: () => void;
  accountId: string;
  /** The need to edit; null to add one. */
  need: Need | null;
};

export function NeedFormModal({ opened, onClose, accountId, need }: NeedFormModalProps) {
  // A fresh form each time the modal opens, and again when a reload brings a newer version.
  const [session, setSession] = useState(0);
  const [wasOpened, setWasOpened] = useState(opened);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) setSession((n) => n + 1);
  }
  const title = need ? "Edit need" : "Add a need";
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered size="lg">
      <NeedForm
        key={`${session}-${need?.id ?? "new"}-${need?.version ?? 0}`}
        label={title}
        accountId={accountId}
        need={need}
        onClose={onClose}
      />
    </Modal>
  );
}

function NeedForm({
  label,
  accountId,
  need,
  onClose,
}: {
  label: string;
  accountId: string;
  need: Need | null;
  onClose: () => void;
}) {
  const create = useCreateNeed(accountId);
  const update = useUpdateNeed(accountId);
  const needs = useAccountNeeds(accountId);
  const write = need ? update : create;
  const [values, setValues] = useState<Values>(() => valuesOf(need));
  const stale = isStaleVersion(write.error);
  const errors = useFieldErrors(stale ? null : write.error, fields);

  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    errors.edited(field);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = toInput(values);
    if (!errors.check(validate(createNeedInput, input))) return;
    // The notice leaves the title out: the list shows it, and one copy on screen is clearer.
    const done = () => {
      notifications.show({
        color: "rapport",
        title: need ? "Need saved" : "Need added",
        message: need ? "Your changes are on the account." : "It is on the account's list.",
      });
      onClose();
    };
    if (need) update.mutate({ need, change: input }, { onSuccess: done });
    else create.mutate(input, { onSuccess: done });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="md">
        {stale && (
          <StaleVersionAlert
            what="this need"
            onReload={() => void needs.refetch()}
            reloading={needs.isFetching}
          />
        )}
        {errors.general && (
          <Alert
            color="red"
            icon={<IconAlertCircle size={18} />}
            title={need ? "Could not save the need" : "Could not add the need"}
            role="alert"
          >
            {errors.general}
          </Alert>
        )}
        <ChoiceField
          label="Kind"
          description={kindDescriptions[values.kind]}
          error={errors.of("kind")}
        >
          {(labelling) => (
            <SegmentedControl
              {...labelling}
              fullWidth
              data={kindOptions}
              value={values.kind}
              onChange={(kind) => set("kind", kind as NeedKind)}
            />
          )}
        </ChoiceField>
        <TextInput
          label="Title"
          // The example sits in the description: a placeholder turns red with an error and
          // then reads like a typed value that was refused.
          description="In their words, as short as it can be said: “Open two new depots by spring”."
          required
          data-autofocus
          autoComplete="off"
          maxLength={300}
          value={values.title}
          error={errors.of("title")}
          onChange={(event) => set("title", event.currentTarget.value)}
        />
        <Textarea
          label="Detail"
          placeholder="Who said it, why it matters to them, what they tried (optional)"
          autosize
          minRows={3}
          maxRows={8}
          value={values.detail}
          error={errors.of("detail")}
          onChange={(event) => set("detail", event.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <ChoiceField
            label="Priority"
            description="How much it matters to them."
            error={errors.of("priority")}
          >
            {(labelling) => (
              <SegmentedControl
                {...labelling}
                fullWidth
                data={priorityOptions}
                value={values.priority}
                onChange={(priority) => set("priority", priority as NeedPriority)}
              />
            )}
          </ChoiceField>
          <DateInput
            label="Learned on"
            description="When they told us (not in the future)."
            valueFormat="D MMM YYYY"
            placeholder="Pick or type a date"
            maxDate={today()}
            value={values.learnedOn}
            error={errors.of("learnedOn")}
            onChange={(learnedOn) => set("learnedOn", learnedOn)}
            popoverProps={{ withinPortal: true }}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={write.isPending} disabled={stale}>
            {need ? "Save changes" : "Add need"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * A labelled group for a SegmentedControl, which has no label of its own: the visible label
 * names the radiogroup, and the description and error are read with it.
 */
function ChoiceField({
  label,
  description,
  error,
  children,
}: {
  label: string;
  description?: string;
  error?: string;
  children: (labelling: { "aria-labelledby": string; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [description && `${id}-description`, error && `${id}-error`]
    .filter(Boolean)
    .join(" ");
  return (
    <Stack gap={4}>
      <Input.Label labelElement="div" id={`${id}-label`}>
        {label}
      </Input.Label>
      {/* Above the control, where Mantine puts the descriptions of the other inputs. */}
      {description && <Input.Description id={`${id}-description`}>{description}</Input.Description>}
      {children({
        "aria-labelledby": `${id}-label`,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      })}
      {error && <Input.Error id={`${id}-error`}>{error}</Input.Error>}
    </Stack>
  );
}
