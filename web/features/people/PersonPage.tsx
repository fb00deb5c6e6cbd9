/**
 * One person (/people/:id): profile, personal memory, accounts over time, and the actions
 * on them (edit, vCard, merge a duplicate in, archive). A merged record says where its
 * person lives now; an archived one can be brought back.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Menu,
  SimpleGrid,
  Stack,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  IconArchive,
  IconArrowBackUp,
  IconArrowMerge,
  IconChevronDown,
  IconChevronLeft,
  IconDownload,
  IconMessageCircleQuestion,
} from "@tabler/icons-react";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, describeError } from "../../app/api";
import { hasRole, useCurrentMe } from "../../app/session";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { formatDateTime } from "../../components/format";
import { PageHeader } from "../../components/PageHeader";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { SendSurveyModal } from "../surveys/SendSurveyModal";
import { AddAffiliationModal, LeftCompanyModal } from "./AffiliationModals";
import { AffiliationsCard } from "./AffiliationsCard";
import { EditMemoryModal } from "./EditMemoryModal";
import { EditProfileModal } from "./EditProfileModal";
import { MemoryCard } from "./MemoryCard";
import { MergeDialog } from "./MergeDialog";
import { ProfileCard } from "./ProfileCard";
import {
  type Affiliation,
  type Contact,
  useArchiveContact,
  useContact,
  useUnarchiveContact,
  vcardUrl,
} from "./people.api";
import { fullName, levelColors, levelLabels } from "./people.format";

type Dialog = "profile" | "memory" | "affiliation" | "merge" | "archive" | "survey" | null;

function BackToPeople() {
  return (
    <Anchor component={Link} to="/people" size="sm" mb="xs" display="inline-block">
      <Group gap={4} component="span">
        <IconChevronLeft size={14} aria-hidden />
        People
      </Group>
    </Anchor>
  );
}

export function PersonPage() {
  const { id } = useParams();
  const contact = useContact(id);

  if (contact.isPending) {
    return (
      <Center py={80}>
        <Loader aria-label="Loading the person" />
      </Center>
    );
  }
  if (contact.isError) {
    const missing = contact.error instanceof ApiError && contact.error.status === 404;
    return (
      <Stack gap="md">
        <BackToPeople />
        {missing ? (
          <Alert color="gray" title="No such person">
            There is no one at this address in your workspace. They may have been merged or the link
            may be wrong.
          </Alert>
        ) : (
          <QueryErrorAlert
            error={contact.error}
            what="this person"
            onRetry={() => contact.refetch()}
          />
        )}
      </Stack>
    );
  }
  // A new key per record resets every dialog's form when moving from one person to another.
  return <PersonView key={contact.data.id} contact={contact.data} reload={contact.refetch} />;
}

function PersonView({ contact, reload }: { contact: Contact; reload: () => void }) {
  const me = useCurrentMe();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [leaving, setLeaving] = useState<Affiliation | null>(null);
  const archive = useArchiveContact();
  const unarchive = useUnarchiveContact();
  const name = fullName(contact);
  const archived = contact.archivedAt !== null;
  // The API's rule (contacts.policies): managers change anyone; members change the people at
  // accounts they serve, which is exactly when they may see personal memory.
  const canEdit =
    hasRole(me.member.role, "manager") ||
    (hasRole(me.member.role, "member") && !contact.memoryRedacted);
  const canWrite = canEdit && !archived;
  const close = () => setDialog(null);

  const places = contact.currentAffiliations.map((a) => a.accountName).join(", ");
  const description = [contact.title, places && `at ${places}`].filter(Boolean).join(" ");

  const doArchive = () =>
    archive.mutate(contact, {
      onSuccess: () => {
        notifications.show({
          color: "rapport",
          title: "Person archived",
          message: `${name} is hidden from lists. Their history stays.`,
        });
        close();
      },
      onError: (error) => {
        notifications.show({
          color: "red",
          title: "Could not archive",
          message: describeError(error),
        });
        close();
      },
    });

  const doUnarchive = () =>
    unarchive.mutate(contact, {
      onSuccess: () =>
        notifications.show({
          color: "rapport",
          title: "Person restored",
          message: `${name} is back in the People list.`,
        }),
      onError: (error) =>
        notifications.show({
          color: "red",
          title: "Could not restore",
          message: describeError(error),
          autoClose: 10_000,
        }),
    });

  return (
    <>
      <BackToPeople />
      <PageHeader
        title={name}
        description={
          <Group gap="xs" component="span">
            {description && <span>{description}</span>}
            {contact.level && (
              <Badge component="span" color={levelColors[contact.level]}>
                {levelLabels[contact.level]}
              </Badge>
            )}
            {archived && (
              <Badge component="span" color="gray">
                Archived
              </Badge>
            )}
          </Group>
        }
        actions={
          <>
            <Button
              component="a"
              href={vcardUrl(contact.id)}
              download
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              Download vCard
            </Button>
            {/* A survey goes to someone at an account now; the API says if it is not yours. */}
            {canWrite && !contact.mergedIntoId && contact.currentAffiliations.length > 0 && (
              <Button
                variant="default"
                leftSection={<IconMessageCircleQuestion size={16} aria-hidden />}
                onClick={() => setDialog("survey")}
              >
                Send a survey
              </Button>
            )}
            {canWrite && (
              <Button
                variant="default"
                leftSection={<IconArrowMerge size={16} />}
                onClick={() => setDialog("merge")}
              >
                Merge a duplicate
              </Button>
            )}
            {canEdit && !contact.mergedIntoId && (
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button variant="default" rightSection={<IconChevronDown size={14} />}>
                    More
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {archived ? (
                    <Menu.Item leftSection={<IconArrowBackUp size={16} />} onClick={doUnarchive}>
                      Restore from archive
                    </Menu.Item>
                  ) : (
                    <Menu.Item
                      color="red"
                      leftSection={<IconArchive size={16} />}
                      onClick={() => setDialog("archive")}
                    >
                      Archive
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            )}
          </>
        }
      />

      {contact.mergedIntoId ? (
        <Alert color="blue" icon={<IconArrowMerge size={18} />} title="Merged" mb="lg">
          This record was merged into another on {formatDateTime(contact.archivedAt)}.{" "}
          <Anchor component={Link} to={`/people/${contact.mergedIntoId}`} fw={600}>
            Open the person it was merged into
          </Anchor>
          .
        </Alert>
      ) : (
        archived && (
          <Alert color="gray" icon={<IconArchive size={18} />} title="Archived" mb="lg">
            <Text size="sm">
              Archived {formatDateTime(contact.archivedAt)}. {name} is hidden from lists and
              imports; nothing about them was deleted.
            </Text>
            {canEdit && (
              <Button
                size="xs"
                variant="default"
                mt="sm"
                loading={unarchive.isPending}
                leftSection={<IconArrowBackUp size={14} />}
                onClick={doUnarchive}
              >
                Restore from archive
              </Button>
            )}
          </Alert>
        )
      )}

      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <ProfileCard contact={contact} canEdit={canWrite} onEdit={() => setDialog("profile")} />
          <MemoryCard
            contact={contact}
            canEdit={canWrite}
            canJoinTeam={me.member.role === "member"}
            onEdit={() => setDialog("memory")}
          />
        </SimpleGrid>
        <AffiliationsCard
          contactId={contact.id}
          personName={contact.firstName}
          canEdit={canWrite}
          onAdd={() => setDialog("affiliation")}
          onLeft={setLeaving}
        />
      </Stack>

      {dialog === "profile" && (
        <EditProfileModal contact={contact} opened onClose={close} onReload={reload} />
      )}
      {dialog === "memory" && (
        <EditMemoryModal contact={contact} opened onClose={close} onReload={reload} />
      )}
      <AddAffiliationModal
        contactId={contact.id}
        personName={contact.firstName}
        opened={dialog === "affiliation"}
        onClose={close}
      />
      <LeftCompanyModal
        contactId={contact.id}
        personName={contact.firstName}
        affiliation={leaving}
        onClose={() => setLeaving(null)}
        onReload={reload}
      />
      <MergeDialog survivor={contact} opened={dialog === "merge"} onClose={close} />
      <SendSurveyModal
        opened={dialog === "survey"}
        onClose={close}
        target={{
          type: "person",
          person: {
            id: contact.id,
            name,
            firstName: contact.firstName,
            email: contact.primaryEmail,
          },
          accountName: places,
        }}
      />
      <ConfirmDialog
        opened={dialog === "archive"}
        title={`Archive ${name}`}
        confirmLabel="Archive"
        danger
        loading={archive.isPending}
        onClose={close}
        onConfirm={doArchive}
      >
        {name} is hidden from the People list and their email addresses are freed, so a new record
        or an import may use them. Their history stays, and you can restore them later.
      </ConfirmDialog>
    </>
  );
}
