/**
 * "Merge a duplicate into this person": pick the other record, see what moves (emails,
 * phones, affiliations, personal details, blanks filled), confirm. The duplicate is
 * archived pointing here; afterwards the dialog links to the survivor.
 */
import { Alert, Anchor, Button, Group, List, Loader, Modal, Stack, Text } from "@mantine/core";
import { IconAlertCircle, IconArrowMerge, IconCircleCheck } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import { describeError } from "../../app/api";
import { ContactPicker } from "./ContactPicker";
import {
  type Affiliation,
  type Contact,
  useAffiliations,
  useContact,
  useMergeContact,
} from "./people.api";
import { channelLabels, formatPeriod, fullName, levelLabels, roleLabels } from "./people.format";

export function MergeDialog({
  survivor,
  opened,
  onClose,
}: {
  survivor: Contact;
  opened: boolean;
  onClose: () => void;
}) {
  const [sourceId, setSourceId] = useState<string | null>(null);
  const merge = useMergeContact(survivor.id);
  const survivorName = fullName(survivor);

  const close = () => {
    onClose();
    setSourceId(null);
    merge.reset();
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={merge.isSuccess ? "People merged" : `Merge a duplicate into ${survivorName}`}
      centered
      size="lg"
    >
      {merge.isSuccess ? (
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <IconCircleCheck size={22} color="var(--mantine-color-rapport-6)" aria-hidden />
            <Text size="sm">
              Everything the duplicate held now belongs to{" "}
              <Anchor component={Link} to={`/people/${merge.data.id}`} onClick={close} fw={600}>
                {fullName(merge.data)}
              </Anchor>
              . The duplicate is archived and points here, so old links still lead to the right
              person.
            </Text>
          </Group>
          <Group justify="flex-end">
            <Button component={Link} to={`/people/${merge.data.id}`} onClick={close} data-autofocus>
              View {fullName(merge.data)}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="sm">
            Pick the other record of the same person. Their emails, phones, accounts and personal
            details move to <strong>{survivorName}</strong>; what {survivorName} already has is
            kept.
          </Text>
          <ContactPicker
            label="The duplicate"
            excludeId={survivor.id}
            value={sourceId}
            onChange={(id) => {
              setSourceId(id);
              merge.reset();
            }}
          />
          {merge.isError && (
            <Alert
              color="red"
              icon={<IconAlertCircle size={18} />}
              title="Could not merge"
              role="alert"
            >
              {describeError(merge.error)}
            </Alert>
          )}
          {sourceId && <MergePreview survivor={survivor} sourceId={sourceId} />}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close} disabled={merge.isPending}>
              Cancel
            </Button>
            <Button
              color="red"
              disabled={!sourceId}
              loading={merge.isPending}
              leftSection={<IconArrowMerge size={16} />}
              onClick={() => sourceId && merge.mutate(sourceId)}
            >
              Merge into {survivorName}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** What the merge will do, worked out from both records as this reader sees them. */
function MergePreview({ survivor, sourceId }: { survivor: Contact; sourceId: string }) {
  const source = useContact(sourceId);
  const sourceAffiliations = useAffiliations(sourceId);
  if (source.isError) {
    return (
      <Alert color="red" icon={<IconAlertCircle size={18} />} title="Could not load that person">
        {describeError(source.error)}
      </Alert>
    );
  }
  if (source.isPending || sourceAffiliations.isPending) {
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          Working out what will move…
        </Text>
      </Group>
    );
  }
  const moves = whatMoves(survivor, source.data, sourceAffiliations.data?.data ?? []);
  // Duplicates often share the name: tell the two records apart by the duplicate's email.
  const sourceName =
    fullName(source.data) === fullName(survivor)
      ? `the duplicate ${fullName(source.data)}${source.data.primaryEmail ? ` (${source.data.primaryEmail})` : ""}`
      : fullName(source.data);
  return (
    <Stack
      gap="xs"
      p="md"
      bg="var(--mantine-color-default-hover)"
      style={{ borderRadius: "var(--mantine-radius-md)" }}
      aria-live="polite"
    >
      <Text size="sm" fw={600}>
        What moves from {sourceName} to {fullName(survivor)}
      </Text>
      {moves.length === 0 ? (
        <Text size="sm">Nothing new: {fullName(survivor)} already holds all of it.</Text>
      ) : (
        <List size="sm" spacing={4}>
          {moves.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      )}
      <Text size="sm" c="dimmed">
        {sourceName.charAt(0).toUpperCase() + sourceName.slice(1)} is then archived with a pointer
        to {fullName(survivor)}. This cannot be undone from Rapport.
      </Text>
    </Stack>
  );
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One line per kind of thing that will move or be filled in. */
export function whatMoves(
  survivor: Contact,
  source: Contact,
  affiliations: Affiliation[],
): string[] {
  const lines: string[] = [];
  const newEmails = source.emails.filter((email) => !survivor.emails.includes(email));
  if (newEmails.length > 0) lines.push(`Email: ${newEmails.join(", ")}`);
  const digits = (phone: string) => phone.replace(/[^0-9+x]/gi, "");
  const survivorPhones = new Set(survivor.phones.map(digits));
  const newPhones = source.phones.filter((phone) => !survivorPhones.has(digits(phone)));
  if (newPhones.length > 0) lines.push(`Phone: ${newPhones.join(", ")}`);
  for (const affiliation of affiliations) {
    const role = affiliation.role ? `, ${roleLabels[affiliation.role]}` : "";
    const when = affiliation.current
      ? "current"
      : formatPeriod(affiliation.startedOn, affiliation.endedOn);
    lines.push(`Account: ${affiliation.accountName}${role} (${when})`);
  }
  const filled: string[] = [];
  if (!survivor.lastName && source.lastName) filled.push(`last name “${source.lastName}”`);
  if (!survivor.title && source.title) filled.push(`title “${source.title}”`);
  if (!survivor.level && source.level) filled.push(`level ${levelLabels[source.level]}`);
  if (!survivor.preferredChannel && source.preferredChannel)
    filled.push(`preferred channel ${channelLabels[source.preferredChannel]}`);
  if (!survivor.timeZone && source.timeZone) filled.push(`time zone ${source.timeZone}`);
  if (filled.length > 0) lines.push(`Fills in ${filled.join(", ")}`);
  if (source.memoryRedacted) {
    lines.push("Personal details you cannot see move too");
  } else {
    const known = new Set(survivor.interests.map((i) => i.toLowerCase()));
    const interests = source.interests.filter((i) => !known.has(i.toLowerCase()));
    if (interests.length > 0) lines.push(`Interests: ${interests.join(", ")}`);
    if (source.family.length > 0)
      lines.push(plural(source.family.length, "family member", "family members"));
    if (source.importantDates.length > 0)
      lines.push(plural(source.importantDates.length, "important date", "important dates"));
    if (source.howWeMet && !survivor.howWeMet) lines.push("How we met");
    if (source.notes && !survivor.notes) lines.push("Notes");
  }
  return lines;
}
