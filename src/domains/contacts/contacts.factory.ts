/**
 * Contacts for tests, demo data and benchmarks: buildContact gives a valid create input
 * (unique email unless overridden); buildContactRow gives a row for bulk inserts (the
 * caller also writes its contact_emails rows).
 */
import { newId } from "../../platform/db/columns";
import {
  type CreateAffiliationInput,
  type CreateContactInput,
  contactLevels,
} from "./contacts.inputs";
import type { NewContact } from "./contacts.schema";

let seq = 0;

const FIRST = ["Ada", "Bram", "Chloé", "Dmitri", "Esi", "Farid", "Greta", "Hiro", "Ines", "Jonas"];
const LAST = ["Okafor", "Lindqvist", "Moreau", "Ivanova", "Mensah", "Haddad", "Schulz", "Tanaka"];

export function buildContact(overrides: Partial<CreateContactInput> = {}): CreateContactInput {
  seq += 1;
  const slug = `${seq}-${Math.random().toString(36).slice(2, 8)}`;
  const firstName = FIRST[seq % FIRST.length] ?? "Ada";
  const lastName = LAST[seq % LAST.length] ?? "Okafor";
  return {
    firstName,
    lastName,
    emails: [
      `${firstName
        .toLowerCase()
        .normalize("NFD")
        .replace(/[^a-z]/g, "")}.${slug}@client.example`,
    ],
    title: "Operations Manager",
    level: contactLevels[seq % contactLevels.length],
    ...overrides,
  };
}

export function buildAffiliation(
  accountId: string,
  overrides: Partial<CreateAffiliationInput> = {},
): CreateAffiliationInput {
  return { accountId, role: "user", startedOn: "2024-01-01", ...overrides };
}

/** A row to insert directly (no audit, no checks): for seeding thousands of contacts. */
export function buildContactRow(
  workspaceId: string,
  now: Date,
  overrides: Partial<NewContact> = {},
): NewContact {
  seq += 1;
  const at = new Date(now.getTime() + seq * 1000);
  return {
    id: newId(),
    workspaceId,
    firstName: FIRST[seq % FIRST.length] ?? "Ada",
    lastName: `${LAST[seq % LAST.length] ?? "Okafor"} ${seq}`,
    emails: [`contact-${seq}@client.example`],
    level: contactLevels[seq % contactLevels.length] ?? null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
