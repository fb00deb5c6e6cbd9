/** Interactions for tests, demo data and benchmarks: a valid create input with overrides. */
import type { CreateInteractionInput, InteractionKind } from "./interactions.inputs";

let seq = 0;

const KINDS: InteractionKind[] = ["meeting", "call", "video_call", "email", "visit", "check_in"];

/**
 * A completed touch an hour before `now` (pass scheduledAt and occurredAt: null for a
 * planned one), with a summary so every kind is valid.
 */
export function buildInteraction(
  overrides: Partial<CreateInteractionInput> & { accountId: string },
  now: Date = new Date("2026-01-15T09:00:00Z"),
): CreateInteractionInput {
  seq += 1;
  return {
    kind: KINDS[seq % KINDS.length] ?? "call",
    direction: "outbound",
    occurredAt: new Date(now.getTime() - 3_600_000).toISOString(),
    durationMinutes: 30,
    summary: `Quarterly review ${seq}: went through open tickets and the renewal.`,
    ...overrides,
  };
}
