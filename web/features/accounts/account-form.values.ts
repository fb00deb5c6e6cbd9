/**
 * The account form's values and how they become API input: empty text means "not set"
 * (null), and an edit sends only the fields that changed.
 */
import type { serviceCoverages, serviceHours } from "../../../src/domains/accounts/accounts.inputs";
import type { Account, AccountChange, AccountStatus } from "./accounts.api";

export const fields = [
  "name",
  "domain",
  "status",
  "tier",
  "segment",
  "ownerId",
  "serviceLevel",
  "tags",
  "size",
  "background",
  "aspirations",
] as const;
export type Field = (typeof fields)[number];

export type Coverage = (typeof serviceCoverages)[number];
export type Hours = (typeof serviceHours)[number];

export type Values = {
  name: string;
  domain: string;
  status: AccountStatus;
  tier: string | null;
  segment: string;
  ownerId: string;
  coverage: Coverage | null;
  hours: Hours | null;
  tags: string[];
  size: number | string;
  background: string;
  aspirations: string;
};

export function valuesOf(account: Account | undefined, ownerId: string): Values {
  return {
    name: account?.name ?? "",
    domain: account?.domain ?? "",
    status: account?.status ?? "prospect",
    tier: account?.tier ?? null,
    segment: account?.segment ?? "",
    ownerId: account?.ownerId ?? ownerId,
    coverage: account?.serviceLevel?.coverage ?? null,
    hours: account?.serviceLevel?.hours ?? null,
    tags: account?.tags ?? [],
    size: account?.size ?? "",
    background: account?.background ?? "",
    aspirations: account?.aspirations ?? "",
  };
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);

/** The values as the API's input: empty text is "not set" (null). */
export function inputOf(values: Values) {
  return {
    name: values.name.trim(),
    domain: orNull(values.domain),
    tier: values.tier,
    segment: orNull(values.segment),
    ownerId: values.ownerId,
    serviceLevel:
      values.coverage && values.hours ? { coverage: values.coverage, hours: values.hours } : null,
    tags: values.tags,
    size: typeof values.size === "number" ? values.size : null,
    background: values.background.trim() ? values.background : null,
    aspirations: values.aspirations.trim() ? values.aspirations : null,
  };
}

/** Only the fields that differ from the account, so a save touches nothing else. */
export function changesOf(account: Account, values: Values): AccountChange {
  const next = inputOf(values);
  const before = inputOf(valuesOf(account, account.ownerId));
  const change: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) change[key] = next[key];
  }
  return change as AccountChange;
}
