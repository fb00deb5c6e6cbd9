/**
 * How contacts look over the API: the one place a contact row becomes output. A list item
 * is the profile without personal memory; a single contact adds the memory, or empties it
 * and says memoryRedacted when the reader may not see it.
 */
import { z } from "@hono/zod-openapi";
import type { CurrentAffiliation } from "./contacts.access";
import {
  contactLevels,
  importantDateKinds,
  preferredChannels,
  relationshipRoles,
} from "./contacts.inputs";
import type { ContactView } from "./contacts.queries";
import type { Contact } from "./contacts.schema";

const currentAffiliationSchema = z.object({
  /** The affiliation's id (for PATCH and end). */
  id: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  role: z.enum(relationshipRoles).nullable(),
});

export const contactSummarySchema = z
  .object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string().nullable(),
    /** The first of emails, or null. */
    primaryEmail: z.string().nullable(),
    emails: z.array(z.string()),
    phones: z.array(z.string()),
    title: z.string().nullable(),
    level: z.enum(contactLevels).nullable(),
    preferredChannel: z.enum(preferredChannels).nullable(),
    timeZone: z.string().nullable(),
    /** Where the person works now (affiliations without an end date that has come). */
    currentAffiliations: z.array(currentAffiliationSchema),
    /** Set when this contact was merged into another: the survivor's id. */
    mergedIntoId: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    archivedAt: z.string().nullable(),
  })
  .openapi("ContactSummary");

export const contactSchema = contactSummarySchema
  .extend({
    interests: z.array(z.string()),
    family: z.array(
      z.object({ name: z.string(), relation: z.string(), notes: z.string().optional() }),
    ),
    howWeMet: z.string().nullable(),
    notes: z.string().nullable(),
    importantDates: z.array(
      z.object({
        kind: z.enum(importantDateKinds),
        label: z.string().optional(),
        month: z.number().int(),
        day: z.number().int(),
        year: z.number().int().optional(),
        remind: z.boolean(),
      }),
    ),
    /** True when the reader may not see personal memory: those fields come back empty. */
    memoryRedacted: z.boolean(),
  })
  .openapi("Contact");

export function presentContactSummary(
  c: Contact,
  current: readonly CurrentAffiliation[],
): z.infer<typeof contactSummarySchema> {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    primaryEmail: c.emails[0] ?? null,
    emails: c.emails,
    phones: c.phones,
    title: c.title,
    level: c.level,
    preferredChannel: c.preferredChannel,
    timeZone: c.timeZone,
    currentAffiliations: current.map((a) => ({
      id: a.id,
      accountId: a.accountId,
      accountName: a.accountName,
      role: a.role,
    })),
    mergedIntoId: c.mergedIntoId,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    archivedAt: c.archivedAt?.toISOString() ?? null,
  };
}

export function presentContact({
  contact: c,
  current,
  memoryVisible,
}: ContactView): z.infer<typeof contactSchema> {
  const summary = presentContactSummary(c, current);
  if (!memoryVisible) {
    return {
      ...summary,
      interests: [],
      family: [],
      howWeMet: null,
      notes: null,
      importantDates: [],
      memoryRedacted: true,
    };
  }
  return {
    ...summary,
    interests: c.interests,
    family: c.family,
    howWeMet: c.howWeMet,
    notes: c.notes,
    importantDates: c.importantDates,
    memoryRedacted: false,
  };
}
