/** Tasks for tests, demo data and benchmarks. */
import type { CreateTaskInput } from "./tasks.inputs";

let seq = 0;

export function buildTask(
  assigneeId: string,
  overrides: Partial<CreateTaskInput> = {},
): CreateTaskInput {
  seq += 1;
  return {
    title: `Send the renewal proposal ${seq}`,
    detail: "They asked for it at the quarterly review.",
    assigneeId,
    priority: "medium",
    ...overrides,
  };
}
