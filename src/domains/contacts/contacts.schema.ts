/**
 * Contacts: the people at client firms, known as people. Personal memory (interests, family,
 * how we met, notes, important dates) sits on the row in jsonb/arrays: it is small, always
 * read with the contact and written under its version check. Emails are mirrored into
 * contact_emails so "one live contact per email" is a unique index, not a hope.
 */
import { sql } from "drizzle-orm";
import {
  date,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { workspaces } from "../../platform/auth/auth.schema";
import {
  idColumn,
  rowMeta,
  timestamptz,
  tsvector,
  workspaceIdColumn,
} from "../../platform/db/columns";
import { accounts } from "../accounts/accounts.schema";
import {
  contactLevels,
  type FamilyMember,
  type ImportantDate,
  preferredChannels,
  relationshipRoles,
} from "./contacts.inputs";

export const contacts = pgTable(
  "contacts",
  {
    workspaceId: workspaceIdColumn().references(() => workspaces.id),
    id: idColumn(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name"),
    /** Lower-case, de-duplicated; the first is the primary address. */
    emails: text("emails").array().notNull().default(sql`'{}'::text[]`),
    phones: text("phones").array().notNull().default(sql`'{}'::text[]`),
    title: text("title"),
    level: text("level", { enum: contactLevels }),
    preferredChannel: text("preferred_channel", { enum: preferredChannels }),
    timeZone: text("time_zone"),
    // Personal memory: visible to the account's team and managers; reads are audited.
    interests: text("interests").array().notNull().default(sql`'{}'::text[]`),
    family: jsonb("family").$type<FamilyMember[]>().notNull().default([]),
    howWeMet: text("how_we_met"),
    notes: text("notes"),
    importantDates: jsonb("important_dates").$type<ImportantDate[]>().notNull().default([]),
    /** Set when this contact was merged into another: the survivor's id. */
    mergedIntoId: uuid("merged_into_id"),
    ...rowMeta(),
    archivedAt: timestamptz("archived_at"),
    /** Names weigh most, then emails and title, then interests ('simple': names don't stem). */
    search: tsvector("search").generatedAlwaysAs(
      sql`setweight(to_tsvector('simple'::regconfig, coalesce(first_name, '') || ' ' || coalesce(last_name, '')), 'A') || setweight(to_tsvector('simple'::regconfig, rapport_join_text(emails) || ' ' || coalesce(title, '')), 'B') || setweight(to_tsvector('simple'::regconfig, rapport_join_text(interests)), 'C')`,
    ),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("contacts_name_idx").on(
      t.workspaceId,
      sql`lower(${t.firstName} || ' ' || coalesce(${t.lastName}, ''))`,
      t.id,
    ),
    index("contacts_created_idx").on(t.workspaceId, t.createdAt, t.id),
    index("contacts_updated_idx").on(t.workspaceId, t.updatedAt, t.id),
    index("contacts_search_idx").using("gin", t.search),
  ],
);

/**
 * One row per email of a live contact: the unique index makes a duplicate email a 409 and
 * gives imports an indexed match. Rows go when a contact is archived or merged.
 */
export const contactEmails = pgTable(
  "contact_emails",
  {
    workspaceId: workspaceIdColumn(),
    email: text("email").notNull(),
    contactId: uuid("contact_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.email] }),
    foreignKey({
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }),
    index("contact_emails_contact_idx").on(t.workspaceId, t.contactId),
  ],
);

/**
 * A contact's place at an account over time. Ending one (people move on) keeps the row:
 * the history stays and the relationship map can say a champion left.
 */
export const contactAffiliations = pgTable(
  "contact_affiliations",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    contactId: uuid("contact_id").notNull(),
    accountId: uuid("account_id").notNull(),
    role: text("role", { enum: relationshipRoles }),
    responsibility: text("responsibility"),
    authority: text("authority"),
    accountability: text("accountability"),
    startedOn: date("started_on", { mode: "string" }),
    /** Null while current; set when the person left (or will leave) the account. */
    endedOn: date("ended_on", { mode: "string" }),
    ...rowMeta(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }),
    index("contact_affiliations_account_idx").on(t.workspaceId, t.accountId),
    index("contact_affiliations_contact_idx").on(t.workspaceId, t.contactId),
  ],
);

export type Contact = typeof contacts.$inferSelect;
export type NewContact = typeof contacts.$inferInsert;
export type ContactAffiliation = typeof contactAffiliations.$inferSelect;
