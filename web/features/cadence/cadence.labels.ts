/**
 * Words for cadence rules ("any touch every 14 days", "a strategy session every 90 days"),
 * built on the interactions' own kind labels so rules and reports name kinds alike.
 */
import type { CadenceKind } from "../../../src/domains/cadence/cadence.inputs";
import { interactionKinds } from "../../../src/domains/interactions/interactions.inputs";
import { kindLabels } from "../interactions/interactions.labels";

// One set of words for kinds across the app (the timeline, the forms, these rules, reports).
export const interactionKindLabels = kindLabels;

/** Every kind, in the API's order: the report's per-kind columns. */
export const reportedKinds = interactionKinds;

export const cadenceKindLabels: Record<CadenceKind, string> = {
  any: "Any meaningful touch",
  ...interactionKindLabels,
};

/**
 * A note is internal and never counts as a touch, so a rule for it could never be met:
 * the form does not offer it even though the API's list includes it.
 */
export const cadenceKindOptions = (Object.keys(cadenceKindLabels) as CadenceKind[])
  .filter((kind) => kind !== "note")
  .map((kind) => ({ value: kind, label: cadenceKindLabels[kind] }));

// "a strategy session", "an email", "an event": the article follows the sound.
const article = (noun: string) => (/^[aeiou]/i.test(noun) ? "an" : "a");

/** "any touch every 14 days", "a strategy session every 90 days", "a check-in every day". */
export function describeRule(rule: { kind: CadenceKind; everyDays: number }): string {
  const what =
    rule.kind === "any"
      ? "any touch"
      : `${article(interactionKindLabels[rule.kind])} ${interactionKindLabels[rule.kind].toLowerCase()}`;
  const every = rule.everyDays === 1 ? "every day" : `every ${rule.everyDays} days`;
  return `${what} ${every}`;
}
