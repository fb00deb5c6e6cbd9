/**
 * Settings → Health weights: how much each component counts in every account's score.
 * Managers and above change them (saved with If-Match, a 412 explained); everyone else reads
 * them, because the weights are part of every score's reasons. Each row shows its share of
 * the total, since the weights need not add up to 100.
 */
import {
  Alert,
  Button,
  Card,
  Divider,
  Group,
  Loader,
  NumberInput,
  Progress,
  Stack,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconLock } from "@tabler/icons-react";
import { type FormEvent, Fragment, useMemo, useState } from "react";
import {
  type HealthComponentKey,
  type HealthWeights,
  healthComponentKeys,
  healthWeightsInput,
} from "../../../src/domains/health/health.inputs";
import { hasRole, useCurrentMe } from "../../app/session";
import { useFieldErrors, validate } from "../../components/form-errors";
import { isStaleVersion } from "../../components/nested-field-errors";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";
import { SectionHeader } from "../../components/SectionHeader";
import { StaleVersionAlert } from "../../components/StaleVersionAlert";
import { type HealthSettings, useHealthSettings, useUpdateHealthSettings } from "./health.api";
import { componentDescriptions, componentLabels } from "./health.labels";
import { changesOf, numberOr0, sharesOf, type Values, withKeyPaths } from "./weights.form";

const description =
  "How much each signal counts in every account's health score. A component without data for an account is left out there, and its weight goes to the others.";

export function WeightsPanel() {
  const me = useCurrentMe();
  const settings = useHealthSettings();
  const canEdit = hasRole(me.member.role, "manager");
  return (
    <Stack gap={0}>
      <SectionHeader title="Health weights" description={description} />
      {!canEdit && (
        <Alert
          color="gray"
          icon={<IconLock size={18} />}
          title="Only managers and above change the weights"
          mb="md"
        >
          Ask a manager, admin or owner when a signal should count for more or less.
        </Alert>
      )}
      {settings.isError ? (
        <QueryErrorAlert
          error={settings.error}
          what="the health weights"
          onRetry={() => settings.refetch()}
        />
      ) : !settings.data ? (
        <Loader aria-label="Loading the health weights" />
      ) : (
        <WeightsForm settings={settings.data} canEdit={canEdit} />
      )}
    </Stack>
  );
}

function WeightsForm({
  settings: loaded,
  canEdit,
}: {
  settings: HealthSettings;
  canEdit: boolean;
}) {
  const query = useHealthSettings();
  const update = useUpdateHealthSettings();
  // The version being edited: a background refetch must neither wipe the edits nor move
  // If-Match past a colleague's save.
  const [settings, setSettings] = useState(loaded);
  const [values, setValues] = useState<Values>(loaded.weights);
  const serverError = useMemo(() => withKeyPaths(update.error), [update.error]);
  const errors = useFieldErrors(serverError, healthComponentKeys);
  const stale = isStaleVersion(update.error);
  const change = changesOf(settings.weights, values);
  const dirty = Object.keys(change).length > 0;
  const atDefaults = healthComponentKeys.every((key) => values[key] === settings.defaults[key]);
  const shares = sharesOf(values);
  const total = healthComponentKeys.reduce((sum, key) => sum + numberOr0(values[key]), 0);

  const startFrom = (next: HealthSettings) => {
    setSettings(next);
    setValues(next.weights);
    errors.check({});
  };
  const set = (key: HealthComponentKey, value: number | string) => {
    setValues((previous) => ({ ...previous, [key]: typeof value === "number" ? value : "" }));
    errors.edited(key);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dirty || !canEdit) return;
    if (
      !errors.check(validate(healthWeightsInput, change as Record<HealthComponentKey, unknown>))
    ) {
      return;
    }
    update.mutate(
      { version: settings.version, weights: change as Partial<HealthWeights> },
      {
        onSuccess: (saved) => {
          startFrom(saved);
          notifications.show({
            color: "rapport",
            title: "Weights saved",
            message: "Every account's health is being recomputed with the new weights.",
          });
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Health weights">
      <Stack gap="lg" maw={760}>
        <Card withBorder radius="md" p="lg">
          <Stack gap="md">
            {healthComponentKeys.map((key, index) => (
              <Fragment key={key}>
                {index > 0 && <Divider />}
                <WeightRow
                  componentKey={key}
                  value={values[key]}
                  share={shares[key]}
                  error={errors.of(key)}
                  canEdit={canEdit}
                  onChange={(value) => set(key, value)}
                />
              </Fragment>
            ))}
            <Divider />
            <Group justify="space-between" gap="sm">
              <Text size="sm" fw={600}>
                Total weight {total}
              </Text>
              <Text size="sm" c="dimmed" aria-live="polite" maw={460} ta="right">
                {total === 0
                  ? "With every weight at 0, each component with data counts equally."
                  : total === 100
                    ? "The weights add up to 100, so each is its share in percent."
                    : `Each share is its weight divided by ${total}; they need not add up to 100.`}
              </Text>
            </Group>
          </Stack>
        </Card>

        {stale && (
          <StaleVersionAlert
            what="the health weights"
            onReload={async () => {
              const fresh = await query.refetch();
              if (fresh.data) startFrom(fresh.data);
              update.reset();
            }}
            reloading={query.isFetching}
          />
        )}
        {!stale && errors.general && (
          <Alert
            color="red"
            icon={<IconAlertCircle size={18} />}
            title="Could not save the weights"
            role="alert"
          >
            {errors.general}
          </Alert>
        )}

        {canEdit && (
          <Group gap="sm">
            <Button type="submit" loading={update.isPending} disabled={!dirty || stale}>
              Save weights
            </Button>
            <Button
              variant="default"
              disabled={atDefaults || update.isPending}
              onClick={() => {
                setValues(settings.defaults);
                errors.check({});
              }}
            >
              Reset to defaults
            </Button>
            <Button
              variant="subtle"
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
                Unsaved changes: scores change once you save.
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </form>
  );
}

function WeightRow({
  componentKey,
  value,
  share,
  error,
  canEdit,
  onChange,
}: {
  componentKey: HealthComponentKey;
  value: number | "";
  share: number;
  error: string | undefined;
  canEdit: boolean;
  onChange: (value: number | string) => void;
}) {
  const id = `weight-${componentKey}`;
  const name = componentLabels[componentKey];
  return (
    <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
      <Stack gap={2} style={{ flex: "1 1 260px" }}>
        <Text component="label" htmlFor={canEdit ? id : undefined} size="sm" fw={600}>
          {name}
        </Text>
        <Text size="xs" c="dimmed" id={`${id}-description`}>
          {componentDescriptions[componentKey]}
        </Text>
      </Stack>
      <Group gap="md" align="flex-start" wrap="nowrap">
        {canEdit ? (
          <NumberInput
            id={id}
            aria-describedby={`${id}-description`}
            w={110}
            min={0}
            max={100}
            step={5}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="strict"
            value={value}
            error={error}
            onChange={onChange}
          />
        ) : (
          <Text size="sm" fw={600} w={110} ta="right">
            Weight {value}
          </Text>
        )}
        <Stack gap={4} w={140} pt={canEdit ? 8 : 0}>
          <Text size="sm" ta="right">
            {share}% of the score
          </Text>
          <Progress value={share} size="sm" radius="xl" aria-hidden />
        </Stack>
      </Group>
    </Group>
  );
}
