/** Filling the vocabulary's `{slot}` templates (demo.words.ts) with names and topics. */

export type Slots = Record<string, string | undefined>;

/** Replaces each `{slot}` with its value; a slot without a value is left out with its braces. */
export function fillText(template: string, slots: Slots): string {
  return template
    .replace(/\{(\w+)\}/g, (_, key: string) => slots[key] ?? "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The text tone scoring reads (as the tone domain joins it): non-empty parts, blank-line apart. */
export function joinParts(parts: (string | null | undefined)[]): string {
  return parts
    .map((part) => part?.trim() ?? "")
    .filter((part) => part.length > 0)
    .join("\n\n");
}
