/**
 * Input schemas of the agenda API (the Today page and calendar feeds), shared by the routes
 * and the web UI. Imports only zod: the browser bundles this file.
 */
import { z } from "zod";

export const agendaQueryInput = z.strictObject({
  /** The firm's day to show (YYYY-MM-DD); today in the workspace time zone by default. */
  date: z.iso.date({ error: "Must be a date (YYYY-MM-DD)" }).optional(),
});

export const createCalendarFeedInput = z.strictObject({
  /** What the member calls it ("Phone", "Outlook at work"). */
  label: z.string().trim().min(1, "Required").max(100).nullable().optional(),
});
export type CreateCalendarFeedInput = z.input<typeof createCalendarFeedInput>;
