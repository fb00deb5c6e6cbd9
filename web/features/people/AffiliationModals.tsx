/**
 * The two ways an affiliation changes: a person starts at an account (with their role,
 * responsibility, authority and accountability), and a person leaves one. Leaving ends the
 * affiliation on a date; its history stays on the person and the account.
 */
import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconDoorExit, IconPlus } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import {
  changeAffiliationInput,
  createAffiliationInput,
} from "../../../src/domains/contacts/contacts.inputs";
import { useFieldErrors, validate } from "../../components/form-errors";
import { isStaleVersion } from "../../components/nested-field-errors";
import { StaleVersionAlert } from "../../components/StaleVersionAlert";
import { AccountPicker } from "./AccountPicker";
import { type Affiliation, useAddAffiliation, useEndAffiliation } from "./people.api";
import { formatCalendarDay, roleOptions, todayIso } from "./people.format";

const addFields = [
  "accountId",
  "role",
  "responsibility",
  "authority",
  "accountability",
  "startedOn",
  "endedOn",
] as const;
type AddField = (typeof addFields)[number];

type AddValues = Record<Exclude<AddField, "accountId" | "role">, string> & {
  accountId: string | null;
  role: string | null;
};

const emptyAdd: AddValues = {
  accountId: null,
  role: null,
  responsibility: "",
  authority: "",
  accountability: "",
  startedOn: "",
  endedOn: "",
};

export function AddAffiliationModal({
  contactId,
  personName,
  opened,
  onClose,
}: {
  contactId: string;
  personName: string;
  opened: boolean;
  onClose: () => void;
}) {
  const add = useAddAffiliation(contactId);
  const [values, setValues] = useState<AddValues>(emptyAdd);
  const errors = useFieldErrors(add.error, addFields);

  const close = () => {
    onClose();
    setValues(emptyAdd);
    add.reset();
  };
  const set = (name: AddField, value: string | null) => {
    setValues((previous) => ({ ...previous, [name]: value }));
    errors.edited(name);
  };
  const text = (
    name: "responsibility" | "authority" | "accountability" | "startedOn" | "endedOn",
  ) => ({
    value: values[name],
    error: errors.of(name),
    onChange: (event: { currentTarget: { value: string } }) => set(name, event.currentTarget.value),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Every field named (undefined when empty), as validate() checks each input.
    const optional = (value: string) => value.trim() || undefined;
    const input = {
      accountId: values.accountId ?? "",
      role: (values.role ?? undefined) as Affiliation["role"] | undefined,
      responsibility: optional(values.responsibility),
      authority: optional(values.authority),
      accountability: optional(values.accountability),
      startedOn: values.startedOn || undefined,
      endedOn: values.endedOn || undefined,
    };
    const found = validate(createAffiliationInput, input);
    if (!values.accountId) found.accountId = "Choose the account";
    if (!errors.check(found)) return;
    add.mutate(input, {
      onSuccess: () => {
        notifications.show({
          color: "rapport",
          title: "Affiliation added",
          message: `${personName}'s place at the account is recorded.`,
        });
        close();
      },
    });
  };

  return (
    <Modal opened={opened} onClose={close} title="Add to an account" centered size="lg">
      <form onSubmit={submit} noValidate aria-label="Add to an account">
        <Stack gap="md">
          {errors.general && (
            <Alert
              color="red"
              icon={<IconAlertCircle size={18} />}
              title="Could not add the affiliation"
              role="alert"
            >
              {errors.general}
            </Alert>
          )}
          <AccountPicker
            label="Account"
            placeholder="Search accounts"
            required
            data-autofocus
            value={values.accountId}
            onChange={(accountId) => set("accountId", accountId)}
            error={errors.of("accountId")}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label="Role in the relationship"
            placeholder="Not known"
            clearable
            data={roleOptions}
            value={values.role}
            error={errors.of("role")}
            onChange={(role) => set("role", role)}
          />
          <Textarea
            label="Responsibility"
            description="What they are responsible for at the client."
            autosize
            minRows={1}
            {...text("responsibility")}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput
              label="Authority"
              description="What they may decide or sign."
              placeholder="Signs up to €50k"
              {...text("authority")}
            />
            <TextInput
              label="Accountability"
              description="What they answer for."
              placeholder="Uptime of the shop"
              {...text("accountability")}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput
              label="Started on"
              type="date"
              description="Leave empty if unknown."
              {...text("startedOn")}
            />
            <TextInput
              label="Ended on"
              type="date"
              description="Leave empty while they are there."
              {...text("endedOn")}
            />
          </SimpleGrid>
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending} leftSection={<IconPlus size={16} />}>
              Add affiliation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const endFields = ["endedOn"] as const;

/** "Left the company": ends a current affiliation on the day they left (today by default). */
export function LeftCompanyModal({
  contactId,
  personName,
  affiliation,
  onClose,
  onReload,
}: {
  contactId: string;
  personName: string;
  affiliation: Affiliation | null;
  onClose: () => void;
  onReload: () => void;
}) {
  const end = useEndAffiliation(contactId);
  const [endedOn, setEndedOn] = useState(todayIso());
  const errors = useFieldErrors(end.error, endFields);

  const close = () => {
    onClose();
    setEndedOn(todayIso());
    end.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!affiliation) return;
    const found = validate(changeAffiliationInput, { startedOn: affiliation.startedOn, endedOn });
    if (!endedOn) found.endedOn = "Required";
    if (found.endedOn === "Must not be before startedOn" && affiliation.startedOn) {
      found.endedOn = `Must not be before they started (${formatCalendarDay(affiliation.startedOn)})`;
    }
    if (!errors.check({ endedOn: found.endedOn })) return;
    end.mutate(
      { affiliation, endedOn },
      {
        onSuccess: () => {
          notifications.show({
            color: "rapport",
            title: "Affiliation ended",
            message: `${personName} is recorded as having left ${affiliation.accountName}. Their history there stays.`,
          });
          close();
        },
      },
    );
  };

  return (
    <Modal
      opened={affiliation !== null}
      onClose={close}
      title={`${personName} left ${affiliation?.accountName ?? "the company"}`}
      centered
    >
      <form onSubmit={submit} noValidate aria-label="Left the company">
        <Stack gap="md">
          {isStaleVersion(end.error) ? (
            <StaleVersionAlert
              what="this affiliation"
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
                title="Could not end the affiliation"
                role="alert"
              >
                {errors.general}
              </Alert>
            )
          )}
          <Text size="sm">
            People move on. The affiliation ends on this date and moves to their past accounts; the
            account is flagged if {personName} was its only senior contact.
          </Text>
          <TextInput
            label="Left on"
            type="date"
            required
            data-autofocus
            value={endedOn}
            error={errors.of("endedOn")}
            onChange={(event) => {
              setEndedOn(event.currentTarget.value);
              errors.edited("endedOn");
            }}
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={end.isPending} leftSection={<IconDoorExit size={16} />}>
              End affiliation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
