/**
 * The fixed lists of the tasks domain, shared by the schema, routes and web forms.
 * Imports only zod: the browser bundles this file.
 */
export const taskStatuses = ["open", "done", "dismissed"] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const taskPriorities = ["high", "medium", "low"] as const;
export type TaskPriority = (typeof taskPriorities)[number];

/**
 * What raised a task. `manual`: a member; `cadence`: an overdue touch; `next_step`: an
 * interaction's next steps; the listening issue adds `survey`, `trend`, `tone`, `silence`
 * and `health`.
 */
export const taskSources = [
  "manual",
  "cadence",
  "next_step",
  "health",
  "survey",
  "trend",
  "tone",
  "silence",
] as const;
export type TaskSource = (typeof taskSources)[number];
