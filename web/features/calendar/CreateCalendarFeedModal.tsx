/**
 * Create a calendar link. The URL carries its own secret and exists in exactly one response,
 * so the dialog shows it once, with a copy button and the steps to subscribe in the common
 * calendar apps, and never again after it closes.
 */
import { Alert, Button, Group, List, Modal, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconAlertCircle, IconAlertTriangle } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { createCalendarFeedInput } from "../../../src/domains/agenda/agenda.inputs";
import { CopyField } from "../../components/CopyField";
import { useFieldErrors, validate } from "../../components/form-errors";
import { type NewCalendarFeed, useCreateCalendarFeed } from "./calendar.api";

const fields = ["label"] as const;

export function CreateCalendarFeedModal({
  opened,
  onClose,
}: {
  opened: boolean;
  onClose: () => void;
}) {
  const create = useCreateCalendarFeed();
  const [label, setLabel] = useState("");
  const errors = useFieldErrors(create.error, fields);

  const close = () => {
    onClose();
    // Forget the URL as soon as the dialog closes.
    setLabel("");
    create.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The label is optional: an empty one is sent as null, not as a too-short string.
    const value = label.trim() ? label.trim() : null;
    if (errors.check(validate(createCalendarFeedInput, { label: value }))) create.mutate(value);
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={create.data ? "Subscribe to your calendar link" : "Create a calendar link"}
      centered
      size="lg"
      // Closing by a stray click outside would lose the URL: require an explicit close.
      closeOnClickOutside={!create.data}
    >
      {create.data ? (
        <FeedUrl feed={create.data} onDone={close} />
      ) : (
        <form onSubmit={submit} noValidate aria-label="Create a calendar link">
          <Stack gap="md">
            {errors.general && (
              <Alert
                color="red"
                icon={<IconAlertCircle size={18} />}
                title="Could not create the calendar link"
                role="alert"
              >
                {errors.general}
              </Alert>
            )}
            <Text size="sm">
              Your calendar app reads the link every few hours and shows your planned meetings and
              calls, tasks due, touches that are due or overdue, and your contacts' important dates.
              It is read-only: nothing you change in the calendar comes back to Rapport.
            </Text>
            <TextInput
              label="Label"
              description="Optional: where you will use it, so you recognise it later."
              placeholder="Phone, Outlook at work…"
              data-autofocus
              maxLength={100}
              value={label}
              error={errors.of("label")}
              onChange={(event) => {
                setLabel(event.currentTarget.value);
                errors.edited("label");
              }}
            />
            <Group justify="flex-end" gap="sm" mt="xs">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create link
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function FeedUrl({ feed, onDone }: { feed: NewCalendarFeed; onDone: () => void }) {
  return (
    <Stack gap="md">
      <Alert
        color="yellow"
        icon={<IconAlertTriangle size={18} />}
        title="This is the only time you will see it"
      >
        Anyone with the link can read your Rapport calendar, so keep it to yourself. Rapport keeps
        only a fingerprint and cannot show it again; if you lose it, create another.
      </Alert>
      <CopyField
        label={feed.label ? `Calendar link “${feed.label}”` : "Calendar link"}
        value={feed.url}
      />
      <div>
        <Title order={3} fz="sm" mb={6}>
          Subscribe to it
        </Title>
        <List size="sm" spacing={6}>
          <List.Item>
            <strong>Google Calendar</strong> (on the web): Other calendars, +, From URL; paste the
            link and choose Add calendar.
          </List.Item>
          <List.Item>
            <strong>Apple Calendar</strong>: File, New Calendar Subscription; paste the link. On
            iPhone: Settings, Calendar, Accounts, Add Account, Other, Add Subscribed Calendar.
          </List.Item>
          <List.Item>
            <strong>Outlook</strong>: Add calendar, Subscribe from web; paste the link and name it.
          </List.Item>
        </List>
        <Text size="xs" c="dimmed" mt="xs">
          Calendar apps refresh subscriptions on their own schedule, from every few minutes to once
          a day, so a change in Rapport can take a while to appear.
        </Text>
      </div>
      <Group justify="flex-end">
        <Button onClick={onDone}>I have copied it</Button>
      </Group>
    </Stack>
  );
}
