/**
 * Input schemas of the needs API (an account's goals, challenges and needs), shared by the
 * routes and the web forms. Imports only zod: the browser bundles this file.
 */
import { z } from "zod";

export const needKinds = ["goal", "challenge", "need"] as const;
export const needPriorities = ["high", "medium", "low"] as const;
export const needStatuses = ["open", "addressed", "dropped"] as const;
export type NeedStatus = (typeof needStatuses)[number];

const isoDate = z.iso.date({ error: "Must be a date (YYYY-MM-DD)" });

export const createNeedInput = z.strictObject({
  kind: z.enum(needKinds),
  title: z.string().trim().min(1, "Required").max(300),
  detail: z.string().max(20_000).nullable().optional(),
  priority: z.enum(needPriorities).optional(),
  status: z.enum(needStatuses).optional(),
  /** When we learned it (defaults to today). */
  learnedOn: isoDate.optional(),
});
export type CreateNeedInput = z.input<typeof createNeedInput>;

export const changeNeedInput = createNeedInput
  .partial()
  .refine((b) => Object.keys(b).length > 0, "Send at least one field to change");

export const needFilterInput = z.strictObject({
  status: z.enum(needStatuses).optional(),
  kind: z.enum(needKinds).optional(),
});
