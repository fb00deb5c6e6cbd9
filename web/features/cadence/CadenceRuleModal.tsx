/**
 * "Add a cadence rule" / "Edit cadence rule": which accounts (a tier, every prospect or one
 * account), the kind of touch and how many days may pass. Checked with the API's own schemas
 * before sending; the server's field errors land under the same inputs. What a rule covers
 * cannot change once made (the API's rule), so editing offers only kind and interval.
 */
import {
  Alert,
  Button,
  Group,
  Input,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle } from "@tabler/icons-react";
import { type FormEvent, useId, useState } from "react";
import {
  type CadenceKind,
  changeCadenceRuleInput,
  createCadenceRuleInput,
} from "../../../src/domains/cadence/cadence.inputs";
import { ApiError } from "../../app/api";
import { useFieldErrors, validate } from "../../components/form-errors";
import { isStaleVersion } from "../../components/nested-field-errors";
import { StaleVersionAlert } from "../../components/StaleVersionAlert";
import { AccountPicker } from "../people/AccountPicker";
import {
  type CadenceRule,
  useCadenceRules,
  useCreateCadenceRule,
  useUpdateCadenceRule,
} from "./cadence.api";
import { cadenceKindLabels, cadenceKindOptions, describeRule } from "./cadence.labels";
import {
  createBody,
  type Field,
  fields,
  type RuleDraft,
  type RuleScope,
  scopeOptions,
  type Values,
  valuesOf,
} from "./cadence-form";

type CadenceRuleModalProps = {
  opened: boolean;
  onClose: () => void;
  tiers: string[];
  /** The rule to edit; null to add one, starting from `draft`. */
  rule: CadenceRule | null;
  draft: RuleDraft;
};

export function CadenceRuleModal({ opened, onClose, tiers, rule, draft }: CadenceRuleModalProps) {
  // A fresh form each time the modal opens, and again when a reload brings a newer version.
  const [session, setSession] = useState(0);
  const [wasOpened, setWasOpened] = useState(opened);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) setSession((n) => n + 1);
  }
  const title = rule ? "Edit cadence rule" : "Add a cadence rule";
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered size="lg">
      <RuleForm
        key={`${session}-${rule?.id ?? "new"}-${rule?.version ?? 0}`}
        label={title}
        tiers={tiers}
        rule={rule}
        draft={draft}
        onClose={onClose}
      />
    </Modal>
  );
}

function RuleForm({
  label,
  tiers,
  rule,
  draft,
  onClose,
}: {
  label: string;
  tiers: string[];
  rule: CadenceRule | null;
  draft: RuleDraft;
  onClose: () => void;
}) {
  const create = useCreateCadenceRule();
  const update = useUpdateCadenceRule();
  const rules = useCadenceRules();
  const write = rule ? update : create;
  const [values, setValues] = useState<Values>(() => valuesOf(rule, draft, tiers));
  const stale = isStaleVersion(write.error);
  const twin = write.error instanceof ApiError && write.error.code === "ALREADY_EXISTS";
  const errors = useFieldErrors(stale || twin ? null : write.error, fields);
  const scopeId = useId();

  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    errors.edited(field);
    if (twin) write.reset();
  };

  const change = rule
    ? {
        ...(values.kind !== rule.kind ? { kind: values.kind } : {}),
        ...(Number(values.everyDays) !== rule.everyDays
          ? { everyDays: Number(values.everyDays) }
          : {}),
      }
    : null;
  const dirty = !change || Object.keys(change).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const done = () => {
      notifications.show({
        color: "rapport",
        title: rule ? "Rule saved" : "Rule added",
        message: `Accounts it covers now expect ${describeRule({ kind: values.kind, everyDays: Number(values.everyDays) })}.`,
      });
      onClose();
    };
    // An empty number input is "" to Mantine: say so in words, not "expected number".
    const everyDaysMissing = values.everyDays === "" ? { everyDays: "Required" } : {};
    if (rule && change) {
      if (!dirty) return onClose();
      const found = validate(changeCadenceRuleInput, change as Record<Field, unknown>);
      if (!errors.check({ ...found, ...everyDaysMissing })) return;
      update.mutate({ rule, change }, { onSuccess: done });
      return;
    }
    const body = createBody(values);
    const missing = {
      ...(values.scope === "tier" && !values.tier ? { tier: "Choose a tier" } : {}),
      ...(values.scope === "account" && !values.accountId
        ? { accountId: "Choose an account" }
        : {}),
    };
    // A missing tier or account is said under its input, not as the schema's "exactly one of".
    const found = Object.keys(missing).length
      ? missing
      : validate(createCadenceRuleInput, body as Record<Field, unknown>);
    if (!errors.check({ ...found, ...everyDaysMissing })) return;
    create.mutate(body, { onSuccess: done });
  };

  const kindOptions =
    values.kind === "note" || rule?.kind === "note"
      ? [...cadenceKindOptions, { value: "note", label: cadenceKindLabels.note }]
      : cadenceKindOptions;

  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="md">
        {stale && (
          <StaleVersionAlert
            what="this rule"
            onReload={() => void rules.refetch()}
            reloading={rules.isFetching}
          />
        )}
        {errors.general && (
          <Alert
            color="red"
            icon={<IconAlertCircle size={18} />}
            title={rule ? "Could not save the rule" : "Could not add the rule"}
            role="alert"
          >
            {errors.general}
          </Alert>
        )}

        {rule ? (
          <Text size="sm">
            Applies to{" "}
            <strong>
              {rule.scope === "tier"
                ? `accounts in the ${rule.tier} tier`
                : rule.scope === "prospects"
                  ? "every prospect"
                  : "one account"}
            </strong>
            . To cover other accounts, archive this rule and add another.
          </Text>
        ) : (
          <Stack gap={4}>
            <Input.Label labelElement="div" id={`${scopeId}-label`}>
              Applies to
            </Input.Label>
            <SegmentedControl
              aria-labelledby={`${scopeId}-label`}
              fullWidth
              data={scopeOptions}
              value={values.scope}
              onChange={(scope) => set("scope", scope as RuleScope)}
            />
            {errors.of("scope") && <Input.Error>{errors.of("scope")}</Input.Error>}
          </Stack>
        )}

        {!rule && values.scope === "tier" && (
          <Select
            label="Tier"
            description="Every account in this tier, now and later."
            required
            allowDeselect={false}
            data={tiers}
            value={values.tier}
            error={errors.of("tier")}
            onChange={(tier) => set("tier", tier)}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        {!rule && values.scope === "account" && (
          <AccountPicker
            label="Account"
            description="A rule for one account applies on top of its tier's rules."
            placeholder="Type part of its name"
            required
            value={values.accountId}
            error={errors.of("accountId")}
            onChange={(accountId) => set("accountId", accountId)}
            comboboxProps={{ withinPortal: true }}
          />
        )}

        <Group grow align="flex-start">
          <Select
            label="Kind of touch"
            description="“Any” counts every kind but notes."
            required
            allowDeselect={false}
            data={kindOptions}
            value={values.kind}
            error={
              errors.of("kind") ??
              (twin
                ? "These accounts already have a rule for this kind: edit that one instead."
                : undefined)
            }
            onChange={(kind) => kind && set("kind", kind as CadenceKind)}
            comboboxProps={{ withinPortal: true }}
          />
          <NumberInput
            label="At least every"
            description="Days between touches, 1 to 3650."
            required
            min={1}
            max={3650}
            step={1}
            allowDecimal={false}
            allowNegative={false}
            suffix=" days"
            value={values.everyDays}
            error={errors.of("everyDays")}
            onChange={(everyDays) => set("everyDays", everyDays)}
          />
        </Group>

        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            loading={write.isPending}
            disabled={stale || (rule !== null && !dirty)}
          >
            {rule ? "Save changes" : "Add rule"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
