/**
 * Settings → Workspace (admins): the workspace's name, the tiers accounts are ranked by
 * (ordered, most important first) and the core markets the firm means to grow in (P25).
 * Saved with If-Match; a tier that accounts still use cannot be dropped (409), and the
 * panel says which accounts to move first. Everyone else sees the settings read-only.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconLock, IconStack3, IconWorld } from "@tabler/icons-react";
import { type FormEvent, useMemo, useState } from "react";
import { type ToneLanguage, toneLanguages } from "../../../src/domains/tone/tone.inputs";
import { changeWorkspaceInput } from "../../../src/domains/workspaces/workspaces.inputs";
import { ApiError } from "../../app/api";
import { hasRole, useCurrentMe } from "../../app/session";
import { useFieldErrors, validate } from "../../components/form-errors";
import { isStaleVersion, withTopLevelPaths } from "../../components/nested-field-errors";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { SectionHeader } from "../../components/SectionHeader";
import { StaleVersionAlert } from "../../components/StaleVersionAlert";
import { WorkspaceTiersField } from "./WorkspaceTiersField";
import {
  useUpdateWorkspace,
  useWorkspaceSettings,
  type WorkspaceChange,
  type WorkspaceSettings,
} from "./workspace.api";

const description =
  "Your firm's name as members see it, the tiers you rank accounts by, and the core markets you mean to grow in.";

const fields = ["name", "tiers", "coreSegments", "timeZone", "toneLanguage"] as const;
type Field = (typeof fields)[number];
type Values = {
  name: string;
  tiers: string[];
  coreSegments: string[];
  timeZone: string;
  toneLanguage: ToneLanguage;
};

const valuesOf = (settings: WorkspaceSettings): Values => ({
  name: settings.name,
  tiers: settings.tiers,
  coreSegments: settings.coreSegments,
  timeZone: settings.timeZone,
  toneLanguage: settings.toneLanguage as ToneLanguage,
});

const toneLanguageLabels: Record<ToneLanguage, string> = { en: "English" };

/** Every IANA zone the browser knows, UTC first (it is the default). */
const timeZoneOptions = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];

const sameList = (a: string[], b: string[]) =>
  a.length === b.length && a.every((value, index) => value === b[index]);

function changesOf(settings: WorkspaceSettings, values: Values): WorkspaceChange {
  const change: WorkspaceChange = {};
  if (values.name.trim() !== settings.name) change.name = values.name.trim();
  if (!sameList(values.tiers, settings.tiers)) change.tiers = values.tiers;
  if (!sameList(values.coreSegments, settings.coreSegments)) {
    change.coreSegments = values.coreSegments;
  }
  if (values.timeZone !== settings.timeZone) change.timeZone = values.timeZone;
  if (values.toneLanguage !== settings.toneLanguage) change.toneLanguage = values.toneLanguage;
  return change;
}

export function WorkspacePanel() {
  const me = useCurrentMe();
  const settings = useWorkspaceSettings();
  const isAdmin = hasRole(me.member.role, "admin");

  return (
    <Stack gap={0}>
      <SectionHeader title="Workspace" description={description} />
      {settings.isError ? (
        <QueryErrorAlert
          error={settings.error}
          what="the workspace settings"
          onRetry={() => settings.refetch()}
        />
      ) : !settings.data ? (
        <Loader aria-label="Loading the workspace settings" />
      ) : isAdmin ? (
        <WorkspaceForm settings={settings.data} />
      ) : (
        <WorkspaceReadOnly settings={settings.data} />
      )}
    </Stack>
  );
}

function WorkspaceReadOnly({ settings }: { settings: WorkspaceSettings }) {
  return (
    <Stack gap="md">
      <Alert color="gray" icon={<IconLock size={18} />} title="Only admins change these settings">
        Ask an admin or owner of {settings.name} to change the tiers or core markets.
      </Alert>
      <Card withBorder radius="md" p="lg">
        <Stack gap="md">
          <div>
            <Text size="sm" fw={600}>
              Account tiers, most important first
            </Text>
            <Group gap={6} mt={6}>
              {settings.tiers.map((tier, index) => (
                <Badge key={tier} variant="light" tt="none">
                  {index + 1}. {tier}
                </Badge>
              ))}
            </Group>
          </div>
          <div>
            <Text size="sm" fw={600}>
              Time zone
            </Text>
            <Text size="sm">{settings.timeZone}</Text>
          </div>
          <div>
            <Text size="sm" fw={600}>
              Core markets
            </Text>
            {settings.coreSegments.length ? (
              <Group gap={6} mt={6}>
                {settings.coreSegments.map((segment) => (
                  <Badge key={segment} variant="outline" color="gray" tt="none">
                    {segment}
                  </Badge>
                ))}
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                None set: no account is marked as outside them.
              </Text>
            )}
          </div>
        </Stack>
      </Card>
    </Stack>
  );
}

function WorkspaceForm({ settings: loaded }: { settings: WorkspaceSettings }) {
  const workspace = useWorkspaceSettings();
  const update = useUpdateWorkspace();
  // The version being edited: a background refetch must neither wipe the admin's edits nor
  // move If-Match past a colleague's save.
  const [settings, setSettings] = useState(loaded);
  const [values, setValues] = useState<Values>(() => valuesOf(loaded));
  const serverError = useMemo(() => withTopLevelPaths(update.error), [update.error]);
  const errors = useFieldErrors(serverError, fields);
  const startFrom = (next: WorkspaceSettings) => {
    setSettings(next);
    setValues(valuesOf(next));
    errors.check({});
  };
  const stale = isStaleVersion(update.error);
  const tierInUse = update.error instanceof ApiError && update.error.code === "CONFLICT";
  const change = changesOf(settings, values);
  const dirty = Object.keys(change).length > 0;

  const set = <Key extends keyof Values>(key: Key, value: Values[Key]) => {
    setValues((previous) => ({ ...previous, [key]: value }));
    errors.edited(key as Field);
    if (tierInUse && key === "tiers") update.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dirty) return;
    if (!errors.check(validate(changeWorkspaceInput, change as Record<Field, unknown>))) return;
    update.mutate(
      { settings, change },
      {
        onSuccess: (saved) => {
          startFrom(saved);
          notifications.show({
            color: "rapport",
            title: "Workspace saved",
            message: "Accounts now use these tiers and core markets.",
          });
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Workspace settings">
      <Stack gap="lg" maw={720}>
        <TextInput
          label="Workspace name"
          description="Shown in the header and in invitations."
          required
          maxLength={200}
          value={values.name}
          error={errors.of("name")}
          onChange={(event) => set("name", event.currentTarget.value)}
        />

        <WorkspaceTiersField
          tiers={values.tiers}
          savedTiers={settings.tiers}
          error={errors.of("tiers")}
          conflict={tierInUse && update.error instanceof ApiError ? update.error.detail : null}
          onChange={(tiers) => set("tiers", tiers)}
          onEdited={() => errors.edited("tiers")}
          onDuplicate={(tier) => errors.check({ tiers: `“${tier}” is already a tier` })}
        />

        <TagsInput
          label="Core markets"
          description="The segments your firm means to grow in. Accounts in any other segment are marked “outside core markets”. Press Enter or a comma after each."
          placeholder={values.coreSegments.length ? "" : "e.g. Healthcare, Fintech"}
          splitChars={[","]}
          clearable
          value={values.coreSegments}
          error={errors.of("coreSegments")}
          onChange={(segments) => set("coreSegments", segments)}
          leftSection={<IconStack3 size={16} aria-hidden />}
        />

        <Select
          label="Time zone"
          description="The firm's days: when a touch is due, what “today” is on the agenda, and the periods of reports."
          searchable
          allowDeselect={false}
          data={timeZoneOptions}
          value={values.timeZone}
          error={errors.of("timeZone")}
          onChange={(zone) => zone && set("timeZone", zone)}
          leftSection={<IconWorld size={16} aria-hidden />}
          maw={360}
          comboboxProps={{ withinPortal: true }}
        />

        <Select
          label="Language of notes and answers"
          description="The tone of call summaries and survey comments is read in this language. English is the only one for now."
          allowDeselect={false}
          data={toneLanguages.map((value) => ({ value, label: toneLanguageLabels[value] }))}
          value={values.toneLanguage}
          error={errors.of("toneLanguage")}
          onChange={(language) => language && set("toneLanguage", language as ToneLanguage)}
          maw={360}
          comboboxProps={{ withinPortal: true }}
        />

        {stale && (
          <StaleVersionAlert
            what="the workspace settings"
            onReload={async () => {
              const fresh = await workspace.refetch();
              if (fresh.data) startFrom(fresh.data);
              update.reset();
            }}
            reloading={workspace.isFetching}
          />
        )}
        {!stale && !tierInUse && errors.general && (
          <Alert
            color="red"
            icon={<IconAlertCircle size={18} />}
            title="Could not save the workspace"
            role="alert"
          >
            {errors.general}
          </Alert>
        )}

        <Group gap="sm">
          <Button type="submit" loading={update.isPending} disabled={!dirty || stale}>
            Save changes
          </Button>
          <Button
            variant="default"
            disabled={!dirty || update.isPending}
            onClick={() => {
              startFrom(settings);
              update.reset();
            }}
          >
            Discard changes
          </Button>
          {dirty && (
            <Text size="sm" c="dimmed" aria-live="polite">
              Unsaved changes
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
