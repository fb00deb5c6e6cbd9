/**
 * The cadence rule form's values and how they become an API body: pure, so the modal stays
 * about layout and errors. Exactly one of tier, accountId or prospects is sent, as the API asks.
 */
import type { CadenceKind } from "../../../src/domains/cadence/cadence.inputs";
import type { CadenceRule } from "./cadence.api";

export type RuleScope = "tier" | "prospects" | "account";

/** Where a new rule starts: the group whose "Add" was pressed. */
export type RuleDraft = { scope: RuleScope; tier?: string | null };

export const fields = ["scope", "tier", "accountId", "kind", "everyDays"] as const;
export type Field = (typeof fields)[number];

export type Values = {
  scope: RuleScope;
  tier: string | null;
  accountId: string | null;
  kind: CadenceKind;
  everyDays: number | string;
};

export const scopeOptions = [
  { value: "tier", label: "A tier" },
  { value: "prospects", label: "Every prospect" },
  { value: "account", label: "One account" },
];

export function valuesOf(rule: CadenceRule | null, draft: RuleDraft, tiers: string[]): Values {
  if (rule) {
    return {
      scope: rule.scope,
      tier: rule.tier,
      accountId: rule.accountId,
      kind: rule.kind,
      everyDays: rule.everyDays,
    };
  }
  const tier = draft.scope === "tier" ? (draft.tier ?? tiers[0] ?? null) : null;
  return { scope: draft.scope, tier, accountId: null, kind: "any", everyDays: 30 };
}

/** The create body for the scope chosen: exactly one of tier, accountId or prospects. */
export function createBody(values: Values) {
  const target =
    values.scope === "tier"
      ? { tier: values.tier ?? undefined }
      : values.scope === "account"
        ? { accountId: values.accountId ?? undefined }
        : { prospects: true as const };
  return { ...target, kind: values.kind, everyDays: Number(values.everyDays) };
}
