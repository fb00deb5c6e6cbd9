/**
 * Edits personal memory (P3): interests, family members, how we met, notes and important
 * dates. A date may have no year (many people share a birthday, not their age) and asks
 * for a yearly reminder by default. Every message lands under its exact row and input.
 */
import {
  ActionIcon,
  Alert,
  Button,
  Divider,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { IconAlertCircle, IconPlus, IconTrash } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { changeContactInput } from "../../../src/domains/contacts/contacts.inputs";
import { ApiError } from "../../app/api";
import { useFieldErrors } from "../../components/form-errors";
import { isStaleVersion } from "../../components/nested-field-errors";
import { StaleVersionAlert } from "../../components/StaleVersionAlert";
import { validatePaths } from "./field-paths";
import { type Contact, useUpdateContact } from "./people.api";
import { dateKindOptions, monthOptions } from "./people.format";

type FamilyRow = { key: number; name: string; relation: string; notes: string };
type DateRow = {
  key: number;
  kind: string;
  label: string;
  day: number | string;
  month: string | null;
  year: number | string;
  remind: boolean;
};
type Values = {
  interests: string[];
  family: FamilyRow[];
  howWeMet: string;
  notes: string;
  importantDates: DateRow[];
};

let nextKey = 1;
const newKey = () => nextKey++;

function valuesOf(contact: Contact): Values {
  return {
    interests: contact.interests,
    family: contact.family.map((member) => ({
      key: newKey(),
      name: member.name,
      relation: member.relation,
      notes: member.notes ?? "",
    })),
    howWeMet: contact.howWeMet ?? "",
    notes: contact.notes ?? "",
    importantDates: contact.importantDates.map((date) => ({
      key: newKey(),
      kind: date.kind,
      label: date.label ?? "",
      day: date.day,
      month: String(date.month),
      year: date.year ?? "",
      remind: date.remind,
    })),
  };
}

const asNumber = (value: number | string | null) =>
  value === "" || value === null ? Number.NaN : Number(value);

function toChange(values: Values) {
  return {
    interests: values.interests.map((interest) => interest.trim()).filter(Boolean),
    family: values.family.map((member) => ({
      name: member.name.trim(),
      relation: member.relation.trim(),
      ...(member.notes.trim() ? { notes: member.notes.trim() } : {}),
    })),
    howWeMet: values.howWeMet.trim() || null,
    notes: values.notes.trim() || null,
    importantDates: values.importantDates.map((date) => ({
      kind: date.kind as Contact["importantDates"][number]["kind"],
      ...(date.label.trim() ? { label: date.label.trim() } : {}),
      day: asNumber(date.day),
      month: asNumber(date.month),
      ...(date.year === "" ? {} : { year: asNumber(date.year) }),
      remind: date.remind,
    })),
  };
}

/** Input paths the form shows messages under (dotted, as zod and the API name them). */
function pathsOf(values: Values): string[] {
  return [
    "interests",
    "family",
    "howWeMet",
    "notes",
    "importantDates",
    ...values.family.flatMap((_, i) => [
      `family.${i}.name`,
      `family.${i}.relation`,
      `family.${i}.notes`,
    ]),
    ...values.importantDates.flatMap((_, i) =>
      ["kind", "label", "day", "month", "year"].map((part) => `importantDates.${i}.${part}`),
    ),
  ];
}

export function EditMemoryModal({
  contact,
  opened,
  onClose,
  onReload,
}: {
  contact: Contact;
  opened: boolean;
  onClose: () => void;
  onReload: () => void;
}) {
  const update = useUpdateContact();
  const [values, setValues] = useState<Values>(() => valuesOf(contact));
  const errors = useFieldErrors<string>(update.error, pathsOf(values));
  // "interests.4" is about the interests input as a whole.
  const interestsError = errors.of("interests") ?? firstUnder(update.error, "interests.");

  const close = () => {
    onClose();
    update.reset();
  };

  const change = (next: Partial<Values>, path: string) => {
    setValues((previous) => ({ ...previous, ...next }));
    errors.edited(path);
  };
  const setFamily = (index: number, patch: Partial<FamilyRow>, part: string) =>
    change(
      { family: values.family.map((row, i) => (i === index ? { ...row, ...patch } : row)) },
      `family.${index}.${part}`,
    );
  const setDate = (index: number, patch: Partial<DateRow>, part: string) =>
    change(
      {
        importantDates: values.importantDates.map((row, i) =>
          i === index ? { ...row, ...patch } : row,
        ),
      },
      `importantDates.${index}.${part}`,
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = toChange(values);
    const found = validatePaths(changeContactInput, body);
    // An empty day or month is "Required", not zod's "expected number, received NaN".
    values.importantDates.forEach((date, index) => {
      if (date.day === "") found[`importantDates.${index}.day`] = "Required";
      if (!date.month) found[`importantDates.${index}.month`] = "Required";
    });
    if (!errors.check(found)) return;
    update.mutate({ contact, change: body }, { onSuccess: close });
  };

  return (
    <Modal opened={opened} onClose={close} title="Edit personal details" centered size="xl">
      <form onSubmit={submit} noValidate aria-label="Edit personal details">
        <Stack gap="md">
          {isStaleVersion(update.error) ? (
            <StaleVersionAlert
              what="this person"
              onReload={() => {
                close();
                onReload();
              }}
            />
          ) : (
            errors.general && (
              <Alert
                color="red"
                icon={<IconAlertCircle size={18} />}
                title="Could not save the personal details"
                role="alert"
              >
                {errors.general}
              </Alert>
            )
          )}
          <TagsInput
            label="Interests"
            description="What they enjoy or care about. Press Enter after each one."
            placeholder="Sailing, jazz, their daughter's football team…"
            data-autofocus
            value={values.interests}
            onChange={(interests) => change({ interests }, "interests")}
            error={interestsError}
            acceptValueOnBlur
            clearable
          />

          <Divider
            label={
              <Text size="sm" fw={600} c="var(--mantine-color-text)">
                Family
              </Text>
            }
            labelPosition="left"
            mt="xs"
          />
          {values.family.length === 0 && (
            <Text size="sm" c="dimmed">
              No family members recorded.
            </Text>
          )}
          {values.family.map((member, index) => (
            <Group key={member.key} align="flex-start" gap="sm" wrap="nowrap">
              <TextInput
                label="Name"
                required
                flex={1}
                value={member.name}
                error={errors.of(`family.${index}.name`)}
                onChange={(event) => setFamily(index, { name: event.currentTarget.value }, "name")}
              />
              <TextInput
                label="Relation"
                placeholder="Partner, son…"
                required
                w={150}
                value={member.relation}
                error={errors.of(`family.${index}.relation`)}
                onChange={(event) =>
                  setFamily(index, { relation: event.currentTarget.value }, "relation")
                }
              />
              <TextInput
                label="Notes"
                flex={1.4}
                value={member.notes}
                error={errors.of(`family.${index}.notes`)}
                onChange={(event) =>
                  setFamily(index, { notes: event.currentTarget.value }, "notes")
                }
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={26}
                size="lg"
                aria-label={`Remove ${member.name || "this family member"}`}
                onClick={() =>
                  change({ family: values.family.filter((_, i) => i !== index) }, "family")
                }
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() =>
                change(
                  {
                    family: [
                      ...values.family,
                      { key: newKey(), name: "", relation: "", notes: "" },
                    ],
                  },
                  "family",
                )
              }
            >
              Add family member
            </Button>
          </Group>

          <Divider
            label={
              <Text size="sm" fw={600} c="var(--mantine-color-text)">
                Important dates
              </Text>
            }
            labelPosition="left"
            mt="xs"
          />
          {values.importantDates.length === 0 && (
            <Text size="sm" c="dimmed">
              No dates recorded. A birthday can be saved without the year.
            </Text>
          )}
          {values.importantDates.map((date, index) => (
            <Paper key={date.key} withBorder p="sm" radius="md">
              <Stack gap="xs">
                <Group align="flex-start" gap="sm" wrap="nowrap">
                  <Select
                    label="What"
                    allowDeselect={false}
                    w={220}
                    data={dateKindOptions}
                    value={date.kind}
                    error={errors.of(`importantDates.${index}.kind`)}
                    onChange={(kind) => kind && setDate(index, { kind }, "kind")}
                  />
                  <TextInput
                    label="Label"
                    required={date.kind === "custom"}
                    placeholder={date.kind === "custom" ? "Joined the board" : "Optional"}
                    flex={1}
                    value={date.label}
                    error={errors.of(`importantDates.${index}.label`)}
                    onChange={(event) =>
                      setDate(index, { label: event.currentTarget.value }, "label")
                    }
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={26}
                    size="lg"
                    aria-label="Remove this date"
                    onClick={() =>
                      change(
                        { importantDates: values.importantDates.filter((_, i) => i !== index) },
                        "importantDates",
                      )
                    }
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
                <Group align="flex-start" gap="sm">
                  <NumberInput
                    label="Day"
                    required
                    w={90}
                    min={1}
                    max={31}
                    allowDecimal={false}
                    allowNegative={false}
                    value={date.day}
                    error={errors.of(`importantDates.${index}.day`)}
                    onChange={(day) => setDate(index, { day }, "day")}
                  />
                  <Select
                    label="Month"
                    required
                    w={150}
                    allowDeselect={false}
                    data={monthOptions}
                    value={date.month}
                    error={errors.of(`importantDates.${index}.month`)}
                    onChange={(month) => setDate(index, { month }, "month")}
                  />
                  <NumberInput
                    label="Year"
                    placeholder="If known"
                    w={160}
                    min={1900}
                    max={2200}
                    allowDecimal={false}
                    allowNegative={false}
                    hideControls
                    value={date.year}
                    error={errors.of(`importantDates.${index}.year`)}
                    onChange={(year) => setDate(index, { year }, "year")}
                  />
                  <Switch
                    label="Remind me yearly"
                    mt={30}
                    checked={date.remind}
                    onChange={(event) =>
                      setDate(index, { remind: event.currentTarget.checked }, "remind")
                    }
                  />
                </Group>
              </Stack>
            </Paper>
          ))}
          <Group>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() =>
                change(
                  {
                    importantDates: [
                      ...values.importantDates,
                      {
                        key: newKey(),
                        kind: values.importantDates.some((d) => d.kind === "birthday")
                          ? "custom"
                          : "birthday",
                        label: "",
                        day: "",
                        month: null,
                        year: "",
                        remind: true,
                      },
                    ],
                  },
                  "importantDates",
                )
              }
            >
              Add a date
            </Button>
          </Group>

          <Divider
            label={
              <Text size="sm" fw={600} c="var(--mantine-color-text)">
                How we know them
              </Text>
            }
            labelPosition="left"
            mt="xs"
          />
          <Textarea
            label="How we met"
            autosize
            minRows={2}
            maxRows={6}
            value={values.howWeMet}
            error={errors.of("howWeMet")}
            onChange={(event) => change({ howWeMet: event.currentTarget.value }, "howWeMet")}
          />
          <Textarea
            label="Notes"
            description="Anything worth remembering next time you talk."
            autosize
            minRows={3}
            maxRows={10}
            value={values.notes}
            error={errors.of("notes")}
            onChange={(event) => change({ notes: event.currentTarget.value }, "notes")}
          />

          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save personal details
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The first server message about any entry under `prefix` ("interests.3"). */
function firstUnder(error: unknown, prefix: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.fieldErrors.find((fieldError) => fieldError.path.startsWith(prefix))?.message;
}
