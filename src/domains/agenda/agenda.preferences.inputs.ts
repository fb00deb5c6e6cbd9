/**
 * Input of PATCH /me/preferences, shared by the route and the web form. Imports only zod:
 * the browser bundles this file.
 */
import { z } from "zod";

export const changePreferencesInput = z
  .strictObject({
    dailyDigest: z.boolean({ error: "Must be true or false" }).optional(),
    /** The local hour (workspace time zone) the digest goes out at, 0-23. */
    digestHour: z
      .number({ error: "Must be a whole hour, 0-23" })
      .int("Must be a whole hour, 0-23")
      .min(0, "Must be a whole hour, 0-23")
      .max(23, "Must be a whole hour, 0-23")
      .optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "Send at least one field to change");
export type ChangePreferencesInput = z.input<typeof changePreferencesInput>;

export const digestJobName = "agenda.digest";
