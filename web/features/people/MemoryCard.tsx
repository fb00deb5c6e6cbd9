/**
 * Personal memory (P3): what the person enjoys, their family, how we met, notes, and the
 * dates that matter to them. Readers who may not see it get a calm explanation, not a
 * wall of empty fields that would suggest nobody knows this person.
 */
import { Badge, Button, Card, Group, Stack, Text, ThemeIcon, Title, Tooltip } from "@mantine/core";
import { IconBell, IconBellOff, IconLock, IconPencil, IconPlus } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { Contact } from "./people.api";
import {
  daysUntilNext,
  describeNext,
  formatImportantDay,
  importantDateTitle,
} from "./people.format";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" component="h3" m={0}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

export function MemoryCard({
  contact,
  canEdit,
  canJoinTeam,
  onEdit,
}: {
  contact: Contact;
  canEdit: boolean;
  /** The reader could see memory by joining an account's team (members, not viewers). */
  canJoinTeam: boolean;
  onEdit: () => void;
}) {
  const isEmpty =
    contact.interests.length === 0 &&
    contact.family.length === 0 &&
    contact.importantDates.length === 0 &&
    !contact.howWeMet &&
    !contact.notes;
  const showEdit = canEdit && !contact.memoryRedacted;

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="memory-title">
      <Group justify="space-between" mb="md">
        <Title order={2} fz="lg" id="memory-title">
          Personal details
        </Title>
        {showEdit && !isEmpty && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPencil size={14} />}
            onClick={onEdit}
            aria-label="Edit personal details"
          >
            Edit
          </Button>
        )}
      </Group>

      {contact.memoryRedacted ? (
        <Group gap="md" align="flex-start" wrap="nowrap" py="xs">
          <ThemeIcon variant="light" color="gray" size={40} radius="xl">
            <IconLock size={20} aria-hidden />
          </ThemeIcon>
          <Stack gap={4}>
            <Text fw={600} size="sm">
              Personal details are visible to the account team and managers
            </Text>
            <Text size="sm" c="dimmed">
              Interests, family, important dates and notes about {contact.firstName} are kept for
              the people who look after their accounts.
              {canJoinTeam &&
                ` If you work with ${contact.firstName}, ask the account's owner to add you to its team.`}
            </Text>
          </Stack>
        </Group>
      ) : isEmpty ? (
        <Stack gap="sm" align="flex-start" py="xs">
          <Text size="sm" c="dimmed">
            Nothing recorded yet. What does {contact.firstName} enjoy? When is their birthday? How
            did you meet? Small things remembered make people feel known.
          </Text>
          {showEdit && (
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={onEdit}>
              Add personal details
            </Button>
          )}
        </Stack>
      ) : (
        <Stack gap="lg">
          {contact.interests.length > 0 && (
            <Section title="Interests">
              <Group gap={6}>
                {contact.interests.map((interest) => (
                  <Badge key={interest} color="rapport" tt="none" size="lg" fw={500}>
                    {interest}
                  </Badge>
                ))}
              </Group>
            </Section>
          )}
          {contact.importantDates.length > 0 && (
            <Section title="Important dates">
              <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
                {contact.importantDates.map((date) => {
                  const days = daysUntilNext(date);
                  return (
                    <Group
                      key={`${date.kind}-${date.label ?? ""}-${date.month}-${date.day}`}
                      component="li"
                      gap="xs"
                      wrap="nowrap"
                    >
                      <Tooltip
                        label={date.remind ? "Reminded every year" : "No yearly reminder"}
                        withArrow
                      >
                        <span>
                          {date.remind ? (
                            <IconBell size={16} aria-label="Reminded every year" />
                          ) : (
                            <IconBellOff size={16} aria-label="No yearly reminder" opacity={0.5} />
                          )}
                        </span>
                      </Tooltip>
                      <Text size="sm" fw={500}>
                        {importantDateTitle(date)}
                      </Text>
                      <Text size="sm">{formatImportantDay(date)}</Text>
                      <Text size="sm" c="dimmed">
                        · {describeNext(days)}
                      </Text>
                    </Group>
                  );
                })}
              </Stack>
            </Section>
          )}
          {contact.family.length > 0 && (
            <Section title="Family">
              <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
                {contact.family.map((member) => (
                  <Text key={`${member.name}-${member.relation}`} size="sm" component="li">
                    <Text span fw={500} inherit>
                      {member.name}
                    </Text>
                    <Text span c="dimmed" inherit>
                      {" "}
                      · {member.relation}
                    </Text>
                    {member.notes && <Text span inherit>{` — ${member.notes}`}</Text>}
                  </Text>
                ))}
              </Stack>
            </Section>
          )}
          {contact.howWeMet && (
            <Section title="How we met">
              <Text size="sm" style={{ whiteSpace: "pre-line" }}>
                {contact.howWeMet}
              </Text>
            </Section>
          )}
          {contact.notes && (
            <Section title="Notes">
              <Text size="sm" style={{ whiteSpace: "pre-line" }}>
                {contact.notes}
              </Text>
            </Section>
          )}
        </Stack>
      )}
    </Card>
  );
}
