/** A person's profile: how to reach them, their title and level, and when it is for them. */
import { Anchor, Badge, Button, Card, DataList, Group, Stack, Text, Title } from "@mantine/core";
import { IconPencil } from "@tabler/icons-react";
import type { Contact } from "./people.api";
import { channelLabels, levelColors, levelLabels } from "./people.format";

function localTime(timeZone: string): string | null {
  try {
    return new Intl.DateTimeFormat(undefined, { timeStyle: "short", timeZone }).format(new Date());
  } catch {
    return null;
  }
}

function Missing() {
  return (
    <Text span size="sm" c="dimmed">
      Not recorded
    </Text>
  );
}

export function ProfileCard({
  contact,
  canEdit,
  onEdit,
}: {
  contact: Contact;
  canEdit: boolean;
  onEdit: () => void;
}) {
  const time = contact.timeZone ? localTime(contact.timeZone) : null;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="profile-title">
      <Group justify="space-between" mb="md">
        <Title order={2} fz="lg" id="profile-title">
          Profile
        </Title>
        {canEdit && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPencil size={14} />}
            onClick={onEdit}
            aria-label="Edit profile"
          >
            Edit
          </Button>
        )}
      </Group>
      <DataList labelWidth={130} gap="sm">
        <DataList.Item>
          <DataList.ItemLabel>Email</DataList.ItemLabel>
          <DataList.ItemValue>
            {contact.emails.length === 0 ? (
              <Missing />
            ) : (
              <Stack gap={2}>
                {contact.emails.map((email, index) => (
                  <Group key={email} gap={6} wrap="nowrap">
                    <Anchor href={`mailto:${email}`} size="sm">
                      {email}
                    </Anchor>
                    {index === 0 && contact.emails.length > 1 && (
                      <Badge size="xs" color="gray">
                        Primary
                      </Badge>
                    )}
                  </Group>
                ))}
              </Stack>
            )}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Phone</DataList.ItemLabel>
          <DataList.ItemValue>
            {contact.phones.length === 0 ? (
              <Missing />
            ) : (
              <Stack gap={2}>
                {contact.phones.map((phone) => (
                  <Anchor key={phone} href={`tel:${phone.replace(/[^\d+]/g, "")}`} size="sm">
                    {phone}
                  </Anchor>
                ))}
              </Stack>
            )}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Job title</DataList.ItemLabel>
          <DataList.ItemValue>{contact.title ?? <Missing />}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Level</DataList.ItemLabel>
          <DataList.ItemValue>
            {contact.level ? (
              <Badge color={levelColors[contact.level]}>{levelLabels[contact.level]}</Badge>
            ) : (
              <Missing />
            )}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Prefers</DataList.ItemLabel>
          <DataList.ItemValue>
            {contact.preferredChannel ? channelLabels[contact.preferredChannel] : <Missing />}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Time zone</DataList.ItemLabel>
          <DataList.ItemValue>
            {contact.timeZone ? (
              <>
                {contact.timeZone.replaceAll("_", " ")}
                {time && (
                  <Text span size="sm" c="dimmed">
                    {" "}
                    · {time} there now
                  </Text>
                )}
              </>
            ) : (
              <Missing />
            )}
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
    </Card>
  );
}
