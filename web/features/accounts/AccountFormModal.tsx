/**
 * The account form, for a new account and for editing one. It checks the values with the
 * API's own schemas (createAccountInput / changeAccountInput) before sending, shows the
 * server's field errors under the inputs they concern, and on edit sends only what changed,
 * with If-Match; a 412 offers to reload the latest version into the form.
 */
import {
  Alert,
  Autocomplete,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle } from "@tabler/icons-react";
import { type FormEvent, useMemo, useState } from "react";
import {
  changeAccountInput,
  createAccountInput,
  MAX_TAGS,
  serviceCoverages,
  serviceHours,
} from "../../../src/domains/accounts/accounts.inputs";
import { useCurrentMe } from "../../app/session";
import { useFieldErrors, validate } from "../../components/form-errors";
import { isStaleVersion, withTopLevelPaths } from "../../components/nested-field-errors";
import { StaleVersionAlert } from "../../components/StaleVersionAlert";
import { useWorkspaceSettings } from "../settings/workspace.api";
import {
  type Coverage,
  changesOf,
  type Field,
  fields,
  type Hours,
  inputOf,
  type Values,
  valuesOf,
} from "./account-form.values";
import {
  type Account,
  type AccountStatus,
  useAccount,
  useCreateAccount,
  useMemberDirectory,
  useUpdateAccount,
} from "./accounts.api";
import { coverageLabels, hoursLabels, statusOptions, tierLabel } from "./accounts.model";

type AccountFormModalProps = {
  opened: boolean;
  onClose: () => void;
  /** The account to edit; without it the form creates a new one. */
  account?: Account;
  onCreated?: (account: Account) => void;
};

export function AccountFormModal({ opened, onClose, account, onCreated }: AccountFormModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={account ? `Edit ${account.name}` : "New account"}
      centered
      size="xl"
    >
      {/* The body mounts on each opening, so it starts from the account as it is now. */}
      <AccountForm account={account} onDone={onClose} onCreated={onCreated} />
    </Modal>
  );
}

function AccountForm({
  account,
  onDone,
  onCreated,
}: {
  account?: Account;
  onDone: () => void;
  onCreated?: (account: Account) => void;
}) {
  const me = useCurrentMe();
  const workspace = useWorkspaceSettings();
  const members = useMemberDirectory();
  const create = useCreateAccount();
  const update = useUpdateAccount();
  // The version the member started editing from: If-Match must carry it even when the page
  // refetches meanwhile, or a save would silently overwrite a colleague's change.
  const [base, setBase] = useState(account);
  const latest = useAccount(account?.id ?? "", { enabled: false });
  const [values, setValues] = useState<Values>(() => valuesOf(account, me.member.id));
  const mutation = account ? update : create;
  const serverError = useMemo(
    () => withTopLevelPaths(mutation.error, [{ code: "ALREADY_EXISTS", path: "domain" }]),
    [mutation.error],
  );
  const errors = useFieldErrors(serverError, fields);
  const stale = isStaleVersion(mutation.error);

  const set = <Key extends keyof Values>(key: Key, value: Values[Key]) => {
    setValues((previous) => ({ ...previous, [key]: value }));
    const field = key === "coverage" || key === "hours" ? "serviceLevel" : key;
    errors.edited(field as Field);
  };

  const reloadLatest = async () => {
    const fresh = await latest.refetch();
    if (fresh.data) {
      setBase(fresh.data);
      setValues(valuesOf(fresh.data, fresh.data.ownerId));
    }
    update.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const halfServiceLevel = Boolean(values.coverage) !== Boolean(values.hours);
    const serviceLevelError = halfServiceLevel
      ? { serviceLevel: "Choose both coverage and hours, or neither" }
      : {};
    if (!base) {
      const input = { ...inputOf(values), status: values.status };
      if (errors.check({ ...validate(createAccountInput, input), ...serviceLevelError })) {
        create.mutate(input, {
          onSuccess: (created) => {
            notifications.show({
              color: "rapport",
              title: "Account created",
              message: `${created.name} is ready for its story, milestones and team.`,
            });
            onDone();
            onCreated?.(created);
          },
        });
      }
      return;
    }
    const change = changesOf(base, values);
    if (Object.keys(change).length === 0) {
      onDone();
      return;
    }
    if (
      errors.check({
        ...validate(changeAccountInput, change as Record<Field, unknown>),
        ...serviceLevelError,
      })
    ) {
      update.mutate(
        { account: base, change },
        {
          onSuccess: (saved) => {
            notifications.show({
              color: "rapport",
              title: "Account saved",
              message: `Your changes to ${saved.name} are saved.`,
            });
            onDone();
          },
        },
      );
    }
  };

  const tiers = workspace.data?.tiers ?? [];
  const coreSegments = workspace.data?.coreSegments ?? [];
  const outsideCore =
    coreSegments.length > 0 &&
    !coreSegments.some((core) => core.toLowerCase() === values.segment.trim().toLowerCase());
  const owners = members.active.map((member) => ({
    value: member.id,
    label: member.id === me.member.id ? `${member.name} (you)` : member.name,
  }));
  if (!owners.some((owner) => owner.value === values.ownerId)) {
    const name = members.byId.get(values.ownerId)?.name ?? "Current owner";
    owners.unshift({ value: values.ownerId, label: name });
  }
  const tierOptions = tiers.map((tier) => ({ value: tier, label: tierLabel(tier) }));
  if (values.tier && !tiers.includes(values.tier)) {
    tierOptions.push({ value: values.tier, label: tierLabel(values.tier) });
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={account ? "Edit account" : "New account"}
      aria-busy={mutation.isPending}
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
          <TextInput
            label="Name"
            required
            data-autofocus
            maxLength={200}
            value={values.name}
            error={errors.of("name")}
            onChange={(event) => set("name", event.currentTarget.value)}
          />
          <TextInput
            label="Website or domain"
            placeholder="example.com"
            description="Links the account to its people's email addresses."
            value={values.domain}
            error={errors.of("domain")}
            onChange={(event) => set("domain", event.currentTarget.value)}
          />
          {!account && (
            <Select
              label="Status"
              allowDeselect={false}
              data={statusOptions}
              value={values.status}
              error={errors.of("status")}
              onChange={(value) => value && set("status", value as AccountStatus)}
            />
          )}
          <Select
            label="Owner"
            description="Answers for the relationship; always on the account's team."
            required
            searchable
            allowDeselect={false}
            data={owners}
            value={values.ownerId}
            error={errors.of("ownerId")}
            onChange={(value) => value && set("ownerId", value)}
          />
          <Select
            label="Tier"
            placeholder="No tier"
            description="Your workspace's tiers, most important first."
            clearable
            data={tierOptions}
            value={values.tier}
            error={errors.of("tier")}
            onChange={(value) => set("tier", value)}
          />
          <Autocomplete
            label="Segment"
            placeholder={coreSegments[0] ? `e.g. ${coreSegments[0]}` : "Their market"}
            description={
              values.segment.trim() && outsideCore
                ? "Outside your core markets: it will be marked so."
                : "The market they are in; your core markets are offered."
            }
            data={coreSegments}
            maxLength={100}
            value={values.segment}
            error={errors.of("segment")}
            onChange={(value) => set("segment", value)}
          />
          <Select
            label="Service coverage"
            placeholder="Not agreed yet"
            clearable
            data={serviceCoverages.map((value) => ({ value, label: coverageLabels[value] }))}
            value={values.coverage}
            error={errors.of("serviceLevel")}
            onChange={(value) => set("coverage", value as Coverage | null)}
          />
          <Select
            label="Service hours"
            placeholder="Not agreed yet"
            clearable
            data={serviceHours.map((value) => ({ value, label: hoursLabels[value] }))}
            value={values.hours}
            error={errors.of("serviceLevel") ? true : undefined}
            onChange={(value) => set("hours", value as Hours | null)}
          />
          <TagsInput
            label="Tags"
            description="Press Enter or a comma after each tag."
            splitChars={[","]}
            maxTags={MAX_TAGS}
            clearable
            data={[]}
            value={values.tags}
            error={errors.of("tags")}
            onChange={(tags) => set("tags", tags)}
          />
          {account && (
            <NumberInput
              label="Employees"
              placeholder="Unknown"
              min={0}
              max={10_000_000}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator=","
              value={values.size}
              error={errors.of("size")}
              onChange={(value) => set("size", value)}
            />
          )}
        </SimpleGrid>
        {account && (
          <>
            <Textarea
              label="Where they come from"
              description="Their history, how they grew, what shaped them."
              autosize
              minRows={3}
              maxRows={10}
              value={values.background}
              error={errors.of("background")}
              onChange={(event) => set("background", event.currentTarget.value)}
            />
            <Textarea
              label="Where they are going"
              description="Their plans and ambitions, in their words where you can."
              autosize
              minRows={3}
              maxRows={10}
              value={values.aspirations}
              error={errors.of("aspirations")}
              onChange={(event) => set("aspirations", event.currentTarget.value)}
            />
          </>
        )}
        {/* Beside the button the member just pressed, so the answer is where they look. */}
        {stale && (
          <StaleVersionAlert
            what="this account"
            onReload={reloadLatest}
            reloading={latest.isFetching}
          />
        )}
        {!stale && errors.general && (
          <Alert
            color="red"
            icon={<IconAlertCircle size={18} />}
            title={account ? "Could not save the account" : "Could not create the account"}
            role="alert"
          >
            {errors.general}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending} disabled={stale}>
            {account ? "Save changes" : "Create account"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
