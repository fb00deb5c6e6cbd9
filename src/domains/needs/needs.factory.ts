/** Needs for tests, demo data and benchmarks. */
import type { CreateNeedInput } from "./needs.inputs";

let seq = 0;

export function buildNeed(overrides: Partial<CreateNeedInput> = {}): CreateNeedInput {
  seq += 1;
  return {
    kind: (["goal", "challenge", "need"] as const)[seq % 3] ?? "need",
    title: `Reduce ticket backlog ${seq}`,
    detail: "Their support queue doubled after the merger.",
    priority: "medium",
    ...overrides,
  };
}
