/**
 * Edits how to reach someone and where they sit: names, emails (the first is primary),
 * phones, title, level, preferred channel and time zone. Sends only the profile fields, so
 * anyone who may change the contact can use it, whether or not they see personal memory.
 */
import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  TextInput,
} from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { type FormEvent, useMemo, useState } from "react";
import { changeContactInput } from "../../../src/domains/contacts/contacts.inputs";
import { useFieldErrors } from "../../components/form-errors";
import { isStaleVersion } from "../../components/nested-field-errors";
import { StaleVersionAlert } from "../../components/StaleVersionAlert";
import { useRemappedError, validatePaths } from "./field-paths";
import { type Contact, useUpdateContact } from "./people.api";
import { channelOptions, levelOptions } from "./people.format";

const fields = [
  "firstName",
  "lastName",
  "emails",
  "phones",
  "title",
  "level",
  "preferredChannel",
  "timeZone",
] as const;
type Field = (typeof fields)[number];

type Values = {
  firstName: string;
  lastName: string;
  emails: string[];
  phones: string[];
  title: string;
  level: string | null;
  preferredChannel: string | null;
  timeZone: string | null;
};

function valuesOf(contact: Contact): Values {
  return {
    firstName: contact.firstName,
    lastName: contact.lastName ?? "",
    emails: contact.emails,
    phones: contact.phones,
    title: contact.title ?? "",
    level: contact.level,
    preferredChannel: contact.preferredChannel,
    timeZone: contact.timeZone,
  };
}

function toChange(values: Values) {
  return {
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim() || null,
    emails: values.emails.map((email) => email.trim()).filter(Boolean),
    phones: values.phones.map((phone) => phone.trim()).filter(Boolean),
    title: values.title.trim() || null,
    level: values.level as Contact["level"],
    preferredChannel: values.preferredChannel as Contact["preferredChannel"],
    timeZone: values.timeZone,
  };
}

/** "emails.2: Must be an email address" → the message under Emails, naming the entry. */
function listMessage(path: string, message: string, values: Values): string {
  const [field, index] = path.split(".");
  if ((field === "emails" || field === "phones") && index !== undefined) {
    const entry = values[field][Number(index)];
    if (entry) return `${message}: ${entry}`;
  }
  return message;
}

let timeZones: string[] | undefined;
function allTimeZones(): string[] {
  timeZones ??= Intl.supportedValuesOf("timeZone");
  return timeZones;
}

export function EditProfileModal({
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
  const serverError = useRemappedError(update.error, (path) => path.split(".")[0] ?? path);
  const errors = useFieldErrors(serverError, fields);
  const zones = useMemo(() => {
    const list = allTimeZones();
    return contact.timeZone && !list.includes(contact.timeZone)
      ? [contact.timeZone, ...list]
      : list;
  }, [contact.timeZone]);

  const close = () => {
    onClose();
    update.reset();
  };

  const set = <K extends keyof Values>(name: K, value: Values[K]) => {
    setValues((previous) => ({ ...previous, [name]: value }));
    errors.edited(name);
  };

  const text = (name: "firstName" | "lastName" | "title") => ({
    value: values[name],
    error: errors.of(name),
    onChange: (event: { currentTarget: { value: string } }) => set(name, event.currentTarget.value),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const change = toChange(values);
    const found = validatePaths(changeContactInput, change);
    const byField: Partial<Record<Field, string>> = {};
    for (const [path, message] of Object.entries(found)) {
      const field = path.split(".")[0] as Field;
      byField[field] ??= listMessage(path, message, values);
    }
    if (!errors.check(byField)) return;
    update.mutate({ contact, change }, { onSuccess: close });
  };

  return (
    <Modal opened={opened} onClose={close} title="Edit profile" centered size="lg">
      <form onSubmit={submit} noValidate aria-label="Edit profile">
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
                title="Could not save the profile"
                role="alert"
              >
                {errors.general}
              </Alert>
            )
          )}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput label="First name" required data-autofocus {...text("firstName")} />
            <TextInput label="Last name" {...text("lastName")} />
          </SimpleGrid>
          <TagsInput
            label="Emails"
            description="Press Enter after each address. The first one is the primary email."
            value={values.emails}
            onChange={(emails) => set("emails", emails)}
            error={errors.of("emails")}
            splitChars={[",", " ", ";"]}
            acceptValueOnBlur
            clearable
          />
          <TagsInput
            label="Phones"
            description="Press Enter after each number."
            value={values.phones}
            onChange={(phones) => set("phones", phones)}
            error={errors.of("phones")}
            splitChars={[",", ";"]}
            acceptValueOnBlur
            clearable
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput label="Job title" {...text("title")} />
            <Select
              label="Level in their organisation"
              placeholder="Not known"
              clearable
              data={levelOptions}
              value={values.level}
              error={errors.of("level")}
              onChange={(level) => set("level", level)}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <Select
              label="Preferred channel"
              placeholder="Not known"
              clearable
              data={channelOptions}
              value={values.preferredChannel}
              error={errors.of("preferredChannel")}
              onChange={(channel) => set("preferredChannel", channel)}
            />
            <Select
              label="Time zone"
              placeholder="Type a city, e.g. Paris"
              searchable
              clearable
              limit={50}
              data={zones}
              value={values.timeZone}
              error={errors.of("timeZone")}
              onChange={(zone) => set("timeZone", zone)}
              comboboxProps={{ withinPortal: true }}
            />
          </SimpleGrid>
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save profile
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
