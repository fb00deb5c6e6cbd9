/**
 * "Someone already in Rapport": places an existing person at this account (someone who moved
 * here from another client, or was imported without a company) with their role, instead of
 * creating a second record of them.
 */
import { Alert, Button, Group, Modal, Select, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconLink } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { RelationshipRole } from "../../../src/domains/contacts/contacts.inputs";
import { api, describeError, readJson } from "../../app/api";
import { ContactPicker } from "../people/ContactPicker";
import { contactsQueryKey } from "../people/people.api";
import { roleOptions } from "../people/people.format";

export function LinkPersonModal({
  accountId,
  accountName,
  opened,
  onClose,
  onLinked,
}: {
  accountId: string;
  accountName: string;
  opened: boolean;
  onClose: () => void;
  onLinked: () => void;
}) {
  const queryClient = useQueryClient();
  const [contactId, setContactId] = useState<string | null>(null);
  const [role, setRole] = useState<RelationshipRole | null>(null);
  const [missing, setMissing] = useState(false);
  const link = useMutation({
    mutationFn: (id: string) =>
      readJson(
        api.v1.contacts[":id"].affiliations.$post({
          param: { id },
          json: { accountId, ...(role ? { role } : {}) },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: contactsQueryKey }),
  });

  const close = () => {
    onClose();
    setContactId(null);
    setRole(null);
    setMissing(false);
    link.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!contactId) {
      setMissing(true);
      return;
    }
    link.mutate(contactId, {
      onSuccess: () => {
        notifications.show({
          color: "rapport",
          title: "Added to the account",
          message: `They now show among the people at ${accountName}.`,
        });
        onLinked();
        close();
      },
    });
  };

  return (
    <Modal opened={opened} onClose={close} title="Add someone already in Rapport" centered>
      <form onSubmit={submit} noValidate aria-label="Add someone already in Rapport">
        <Stack gap="md">
          {link.isError && (
            <Alert
              color="red"
              icon={<IconAlertCircle size={18} />}
              title="Could not add them"
              role="alert"
            >
              {describeError(link.error)}
            </Alert>
          )}
          <ContactPicker
            label="Person"
            value={contactId}
            onChange={(id) => {
              setContactId(id);
              setMissing(false);
            }}
            error={missing ? "Choose the person" : undefined}
          />
          <Select
            label="Role at the account"
            placeholder="Not known yet"
            clearable
            data={roleOptions}
            value={role}
            onChange={(next) => setRole(next as RelationshipRole | null)}
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={link.isPending} leftSection={<IconLink size={16} />}>
              Add to account
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
