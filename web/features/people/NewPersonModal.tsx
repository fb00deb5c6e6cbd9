/**
 * "New person": the few fields that identify someone, checked with the API's own
 * createContactInput. An email already in Rapport answers 409 with the existing person,
 * shown as a link instead of an error to puzzle over. Optionally places them at an account
 * with their role there; from an account's People tab it stays on the account (`onCreated`)
 * so several people can be added in a row.
 */
import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconUserCheck, IconUserPlus } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import {
  type ContactLevel,
  createContactInput,
  type RelationshipRole,
} from "../../../src/domains/contacts/contacts.inputs";
import { api, describeError, readJson } from "../../app/api";
import { useFieldErrors, validate } from "../../components/form-errors";
import { AccountPicker } from "./AccountPicker";
import { useRemappedError } from "./field-paths";
import { type Contact, DuplicateContactError, useContact, useCreateContact } from "./people.api";
import { fullName, levelOptions, roleOptions } from "./people.format";

const fields = ["firstName", "lastName", "emails", "phones", "title", "level"] as const;
type Field = (typeof fields)[number];

type Values = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  title: string;
  level: string | null;
};

const empty: Values = { firstName: "", lastName: "", email: "", phone: "", title: "", level: null };

/** The request body for the values typed (empty optional fields are undefined, so not sent). */
function toInput(values: Values) {
  const optional = (value: string) => value.trim() || undefined;
  const email = optional(values.email);
  const phone = optional(values.phone);
  return {
    firstName: values.firstName.trim(),
    lastName: optional(values.lastName),
    emails: email ? [email] : undefined,
    phones: phone ? [phone] : undefined,
    title: optional(values.title),
    level: (values.level ?? undefined) as ContactLevel | undefined,
  };
}

export function NewPersonModal({
  opened,
  onClose,
  accountId: presetAccountId,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  /** Preselects the account (the list is filtered to one, or we are on its page). */
  accountId?: string | null;
  /** Called with the new person instead of opening their page. */
  onCreated?: (contact: Contact) => void;
}) {
  const navigate = useNavigate();
  const create = useCreateContact();
  const [values, setValues] = useState<Values>(empty);
  const [accountId, setAccountId] = useState<string | null>(presetAccountId ?? null);
  const [role, setRole] = useState<RelationshipRole | null>(null);
  // "emails.0" and "phones.0" are the single email and phone inputs here.
  const serverError = useRemappedError(create.error, (path) => path.split(".")[0] ?? path);
  const errors = useFieldErrors(serverError, fields);
  const duplicate = create.error instanceof DuplicateContactError ? create.error : null;
  const existing = useContact(duplicate?.existingId);

  const close = () => {
    onClose();
    setValues(empty);
    setAccountId(presetAccountId ?? null);
    setRole(null);
    create.reset();
  };

  const field = (name: keyof Values, errorField: Field) => ({
    value: values[name] ?? "",
    error: errors.of(errorField),
    onChange: (event: { currentTarget: { value: string } }) => {
      const { value } = event.currentTarget;
      setValues((previous) => ({ ...previous, [name]: value }));
      errors.edited(errorField);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = toInput(values);
    if (!errors.check(validate(createContactInput, input))) return;
    create.mutate(input, {
      onSuccess: async (contact) => {
        if (accountId) {
          try {
            await readJson(
              api.v1.contacts[":id"].affiliations.$post({
                param: { id: contact.id },
                json: { accountId, ...(role ? { role } : {}) },
              }),
            );
          } catch (error) {
            notifications.show({
              color: "red",
              title: `${fullName(contact)} was added, but not to the account`,
              message: `${describeError(error)} Add the account from their page.`,
              autoClose: 10_000,
            });
          }
        }
        notifications.show({
          color: "rapport",
          title: "Person added",
          message: `${fullName(contact)} is in Rapport.`,
        });
        close();
        if (onCreated) onCreated(contact);
        else navigate(`/people/${contact.id}`);
      },
    });
  };

  return (
    <Modal opened={opened} onClose={close} title="New person" centered size="lg">
      <form onSubmit={submit} noValidate aria-label="New person">
        <Stack gap="md">
          {duplicate ? (
            <Alert
              color="yellow"
              icon={<IconUserCheck size={18} />}
              title="This person may already be in Rapport"
              role="alert"
            >
              Already in Rapport:{" "}
              <Anchor
                component={Link}
                to={`/people/${duplicate.existingId}`}
                onClick={close}
                inherit
                fw={600}
              >
                {existing.data ? fullName(existing.data) : "open the existing person"}
              </Anchor>
              . Open their record to add to it rather than creating a second one.
            </Alert>
          ) : (
            errors.general && (
              <Alert
                color="red"
                icon={<IconAlertCircle size={18} />}
                title="Could not add the person"
                role="alert"
              >
                {errors.general}
              </Alert>
            )
          )}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput
              label="First name"
              required
              data-autofocus
              autoComplete="off"
              {...field("firstName", "firstName")}
            />
            <TextInput label="Last name" autoComplete="off" {...field("lastName", "lastName")} />
          </SimpleGrid>
          <TextInput
            label="Email"
            type="email"
            description="Work email. More addresses can be added on their page."
            autoComplete="off"
            {...field("email", "emails")}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput label="Phone" type="tel" autoComplete="off" {...field("phone", "phones")} />
            <TextInput label="Job title" autoComplete="off" {...field("title", "title")} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <Select
              label="Level in their organisation"
              placeholder="Not known"
              clearable
              data={levelOptions}
              value={values.level}
              error={errors.of("level")}
              onChange={(level) => {
                setValues((previous) => ({ ...previous, level }));
                errors.edited("level");
              }}
            />
            <AccountPicker
              label="Works at"
              placeholder="Search accounts"
              value={accountId}
              onChange={(next) => {
                setAccountId(next);
                if (!next) setRole(null);
              }}
              comboboxProps={{ withinPortal: true }}
            />
          </SimpleGrid>
          {accountId && (
            <Select
              label="Role at the account"
              description="How they take part in decisions and in the work with us."
              placeholder="Not known yet"
              clearable
              data={roleOptions}
              value={role}
              onChange={(next) => setRole(next as RelationshipRole | null)}
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={create.isPending}
              leftSection={<IconUserPlus size={16} />}
            >
              Add person
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
