/**
 * Settings → Surveys: what each kind of survey asks (with a live preview), how soon the same
 * person may be asked again, and how long a link stays open. Managers and above change them
 * (the surveys API's rule: the wording is how the whole firm addresses its clients); everyone
 * else reads them. Saved with If-Match, so a colleague's save meanwhile is a 412 to reload.
 */
import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  List,
  Loader,
  NumberInput,
  Stack,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconLock } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { type SurveyKind, surveyKinds } from "../../../src/domains/surveys/surveys.inputs";
import { hasRole, useCurrentMe } from "../../app/session";
import { isStaleVersion } from "../../components/nested-field-errors";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { SectionHeader } from "../../components/SectionHeader";
import { StaleVersionAlert } from "../../components/StaleVersionAlert";
import { SurveyKindFields } from "./SurveyKindFields";
import {
  changeOf,
  check,
  type Errors,
  type KindValues,
  serverErrors,
  type Values,
  valuesOf,
} from "./survey-settings.form";
import { type SurveySettings, useSurveySettings, useUpdateSurveySettings } from "./surveys.api";
import { placeholderHelp } from "./surveys.labels";

const description =
  "What each survey asks your clients, how soon the same person may be asked again, and how long a link stays open.";

export function SurveySettingsPanel() {
  const me = useCurrentMe();
  const settings = useSurveySettings();
  const canEdit = hasRole(me.member.role, "manager");
  return (
    <Stack gap={0}>
      <SectionHeader title="Surveys" description={description} />
      {!canEdit && (
        <Alert
          color="gray"
          icon={<IconLock size={18} />}
          title="Only managers and above change survey settings"
          mb="md"
        >
          The wording is how the whole firm addresses its clients. Ask a manager, admin or owner for
          a change.
        </Alert>
      )}
      {settings.isError ? (
        <QueryErrorAlert
          error={settings.error}
          what="the survey settings"
          onRetry={() => settings.refetch()}
        />
      ) : !settings.data ? (
        <Loader aria-label="Loading the survey settings" />
      ) : (
        // A new version (after Reload) starts the form again from it.
        <SurveySettingsForm
          key={settings.data.version}
          loaded={settings.data}
          canEdit={canEdit}
          workspace={me.workspace.name}
          onReload={() => settings.refetch()}
          reloading={settings.isFetching}
        />
      )}
    </Stack>
  );
}

const knownPath = (path: string) => /^(templates|throttleDays)\.|^expiresAfterDays$/.test(path);

function SurveySettingsForm({
  loaded,
  canEdit,
  workspace,
  onReload,
  reloading,
}: {
  loaded: SurveySettings;
  canEdit: boolean;
  workspace: string;
  onReload: () => void;
  reloading: boolean;
}) {
  const update = useUpdateSurveySettings();
  // The version being edited: a background refetch must not move If-Match past a colleague.
  const [settings, setSettings] = useState(loaded);
  const [values, setValues] = useState<Values>(() => valuesOf(loaded));
  const [local, setLocal] = useState<Errors>({});
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const stale = isStaleVersion(update.error);
  const server = serverErrors(stale ? null : update.error, knownPath);
  const errors: Errors = { ...server.fields, ...local };
  for (const path of edited) if (!local[path]) delete errors[path];
  const change = changeOf(settings, values);
  const dirty = Object.keys(change).length > 0;
  const sample = { workspace, contact: "Alex", about: "the website relaunch" };

  const touched = (path: string) => {
    setEdited((previous) => new Set(previous).add(path));
    setLocal(({ [path]: _cleared, ...rest }) => rest);
  };
  const setKind = (kind: SurveyKind, next: Partial<KindValues>, path: string) => {
    setValues((previous) => ({
      ...previous,
      kinds: { ...previous.kinds, [kind]: { ...previous.kinds[kind], ...next } },
    }));
    touched(path);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dirty) return;
    const found = check(change);
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    setEdited(new Set());
    update.mutate(
      { version: settings.version, change },
      {
        onSuccess: (saved) => {
          setSettings(saved);
          setValues(valuesOf(saved));
          notifications.show({
            color: "rapport",
            title: "Survey settings saved",
            message: "Surveys sent from now on use them; links already sent keep their wording.",
          });
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Survey settings">
      <Stack gap="lg" maw={980}>
        {stale && (
          <StaleVersionAlert what="the survey settings" onReload={onReload} reloading={reloading} />
        )}
        {server.general && (
          <Alert
            color="red"
            icon={<IconAlertCircle size={18} />}
            title="Could not save the survey settings"
            role="alert"
          >
            {server.general}
          </Alert>
        )}
        <Card withBorder radius="md" p="md">
          <Text size="sm" fw={600}>
            Placeholders
          </Text>
          <Text size="sm" c="dimmed">
            Wording may name these; each is filled in when the survey is sent. Anything else in
            braces is refused as a typo.
          </Text>
          <List size="sm" mt="xs" spacing={4}>
            {settings.placeholders.map((name) => (
              <List.Item key={name}>
                <Code>{`{${name}}`}</Code> {placeholderHelp[name] ?? ""}
                {name === "workspace" && ` (here: ${workspace})`}
              </List.Item>
            ))}
          </List>
        </Card>

        {surveyKinds.map((kind) => (
          <SurveyKindFields
            key={kind}
            kind={kind}
            values={values.kinds[kind]}
            errors={errors}
            readOnly={!canEdit}
            sample={sample}
            onChange={(next, path) => setKind(kind, next, path)}
          />
        ))}

        <NumberInput
          label="Links stay open for"
          description="After this many days the answer page says the survey has closed; 1 to 90."
          min={1}
          max={90}
          allowDecimal={false}
          allowNegative={false}
          suffix=" days"
          maw={420}
          readOnly={!canEdit}
          value={values.expiresAfterDays}
          error={errors.expiresAfterDays}
          onChange={(expiresAfterDays) => {
            setValues((previous) => ({ ...previous, expiresAfterDays }));
            touched("expiresAfterDays");
          }}
        />

        {canEdit && (
          <Group gap="sm">
            <Button type="submit" loading={update.isPending} disabled={!dirty || stale}>
              Save survey settings
            </Button>
            {dirty && (
              <Button
                variant="default"
                onClick={() => {
                  setValues(valuesOf(settings));
                  setLocal({});
                  update.reset();
                }}
              >
                Discard changes
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </form>
  );
}
