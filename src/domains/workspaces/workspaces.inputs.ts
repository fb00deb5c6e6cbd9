/** Workspace settings input, shared by the API and the Settings form (zod only). */
import { z } from "zod";
import { toneLanguages } from "../tone/tone.inputs";

/** Whether this runtime (server or browser) knows the IANA zone name. */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const label = z.string().trim().min(1, "Required").max(40);
const uniqueList = (max: number) =>
  z
    .array(label)
    .max(max)
    .refine(
      (list) => new Set(list.map((v) => v.toLowerCase())).size === list.length,
      "Each value only once",
    );

export const changeWorkspaceInput = z
  .strictObject({
    name: z.string().trim().min(1, "Required").max(200).optional(),
    tiers: uniqueList(20).min(1, "At least one tier").optional(),
    coreSegments: uniqueList(50).optional(),
    /** IANA name ("Europe/Paris"): the firm's days for due dates, agendas and reports. */
    timeZone: z
      .string()
      .trim()
      .max(64)
      .refine(isTimeZone, "Must be a time zone such as Europe/London")
      .optional(),
    /** The language the tone of summaries and answers is scored in (a lexicon per language). */
    toneLanguage: z
      .enum(toneLanguages, { error: "Tone can be read in English only for now" })
      .optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), "Send at least one field");
