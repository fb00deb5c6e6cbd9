/**
 * Contacts: list, read, create, change, archive. Rules live here: one live contact per
 * email, personal memory only for those who may see it (and every read of it audited),
 * changes only by those who serve the contact's accounts, every change audited in the
 * caller's transaction.
 */
import {
  and,
  asc,
  desc,
  eq,
  exists,
  ilike,
  isNotNull,
  isNull,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../../platform/audit/audit.queries";
import { assertVersion } from "../../platform/http/concurrency";
import type { Ctx } from "../../platform/http/context";
import { AppError, notFound } from "../../platform/http/errors";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import {
  accessOf,
  type CurrentAffiliation,
  currentAffiliationCondition,
  currentAffiliationsOf,
  todayOf,
} from "./contacts.access";
import { assertEmailsFree, syncEmailRows } from "./contacts.emails";
import type {
  ContactChange,
  ContactSort,
  contactFilterInput,
  NewContactInput,
} from "./contacts.inputs";
import {
  assertMayChangeContact,
  assertMayCreateContact,
  assertMayWriteMemory,
  type ContactAccess,
  mayReadMemory,
  writesMemory,
} from "./contacts.policies";
import { type Contact, contactAffiliations, contacts, type NewContact } from "./contacts.schema";

export type ContactFilter = z.output<typeof contactFilterInput> & {
  limit: number;
  cursor?: string;
};

/** A contact as the API shows it: where they work now and whether the reader sees memory. */
export type ContactView = {
  contact: Contact;
  current: CurrentAffiliation[];
  memoryVisible: boolean;
};

// ---------------------------------------------------------------------------------------------
// Reading

/** The full name as sorted and searched (the expression contacts_name_idx is built on). */
const fullName = sql`lower(${contacts.firstName} || ' ' || coalesce(${contacts.lastName}, ''))`;

const sortKeys = {
  name: { expr: fullName, cast: sql`::text` },
  createdAt: { expr: sql`${contacts.createdAt}`, cast: sql`::timestamptz` },
  updatedAt: { expr: sql`${contacts.updatedAt}`, cast: sql`::timestamptz` },
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** timestamptz as PostgreSQL prints it (DateStyle ISO), e.g. "2026-01-15 09:00:00.123+00". */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)$/;

function validCursorValues(field: keyof typeof sortKeys, value: unknown, id: unknown): boolean {
  if (typeof value !== "string" || typeof id !== "string" || !UUID.test(id)) return false;
  if (field === "name") return !value.includes("\u0000");
  const iso = value.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00");
  return TIMESTAMP.test(value) && !Number.isNaN(Date.parse(iso));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Keyset pagination for every sort: the cursor holds [sort, sort value, id] of the last
 * row. List items carry no personal memory, so a page is not fifty audited reads.
 */
export async function listContacts(ctx: Ctx, filter: ContactFilter) {
  const sort: ContactSort = filter.sort ?? "name";
  const descending = sort.startsWith("-");
  const field = (descending ? sort.slice(1) : sort) as keyof typeof sortKeys;
  const key = sortKeys[field];
  const after = decodeCursor(filter.cursor, 3);
  // The values go into SQL casts: a hand-made cursor must be a 400, not a failed cast.
  if (after && (after[0] !== sort || !validCursorValues(field, after[1], after[2]))) {
    throw new AppError("VALIDATION_FAILED", "The cursor belongs to another sort order.", {
      errors: [{ path: "cursor", message: "Not a cursor for this sort" }],
    });
  }
  const pattern = filter.q ? `%${escapeLike(filter.q)}%` : undefined;
  const conditions: (SQL | undefined)[] = [
    eq(contacts.workspaceId, ctx.workspaceId),
    filter.archived ? isNotNull(contacts.archivedAt) : isNull(contacts.archivedAt),
    filter.level ? eq(contacts.level, filter.level) : undefined,
    pattern
      ? or(
          ilike(sql`${contacts.firstName} || ' ' || coalesce(${contacts.lastName}, '')`, pattern),
          ilike(sql`array_to_string(${contacts.emails}, ' ')`, pattern),
        )
      : undefined,
    filter.accountId
      ? exists(
          ctx.db
            .select({ one: sql`1` })
            .from(contactAffiliations)
            .where(
              and(
                eq(contactAffiliations.workspaceId, contacts.workspaceId),
                eq(contactAffiliations.contactId, contacts.id),
                eq(contactAffiliations.accountId, filter.accountId),
                currentAffiliationCondition(todayOf(ctx)),
              ),
            ),
        )
      : undefined,
  ];
  if (after) {
    const [, value, id] = after;
    const op = descending ? sql`<` : sql`>`;
    conditions.push(
      sql`(${key.expr}, ${contacts.id}) ${op} (${String(value)}${key.cast}, ${String(id)}::uuid)`,
    );
  }
  const order = descending ? desc : asc;
  const rows = await ctx.db
    .select({ contact: contacts, sortValue: sql<string>`(${key.expr})::text` })
    .from(contacts)
    .where(and(...conditions))
    .orderBy(order(key.expr), order(contacts.id))
    .limit(filter.limit + 1);
  const page = toPage(rows, filter.limit, (row) => [sort, row.sortValue, row.contact.id]);
  const current = await currentAffiliationsOf(
    ctx,
    page.data.map((row) => row.contact.id),
  );
  return {
    data: page.data.map(({ contact }) => ({
      contact,
      current: (current.get(contact.id) ?? []).map(({ ownerId: _ownerId, ...a }) => a),
    })),
    nextCursor: page.nextCursor,
  };
}

export async function getContact(
  ctx: Ctx,
  contactId: string,
  options: { forUpdate?: boolean } = {},
): Promise<Contact> {
  const query = ctx.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, contactId)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("contact");
  return row;
}

/**
 * One contact for reading. Whoever gets its personal memory leaves an audit event, so the
 * firm can answer "who looked at this person's family details".
 */
export async function readContact(ctx: Ctx, contactId: string): Promise<ContactView> {
  const contact = await getContact(ctx, contactId);
  const view = await viewOf(ctx, contact);
  if (view.memoryVisible) {
    await recordAudit(ctx, {
      action: "contact.memory_read",
      entityType: "contact",
      entityId: contactId,
    });
  }
  return view;
}

/**
 * The view after a write. Writes are audited with before/after already, so their answer
 * does not add a memory_read event of its own.
 */
export async function viewOf(
  ctx: Ctx,
  contact: Contact,
  known?: ContactAccess & { current: CurrentAffiliation[] },
): Promise<ContactView> {
  const access = known ?? (await accessOf(ctx, contact.id));
  return {
    contact,
    current: access.current,
    memoryVisible: mayReadMemory(ctx.actor, access),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

export async function createContact(ctx: Ctx, input: NewContactInput): Promise<ContactView> {
  assertMayCreateContact(ctx.actor);
  // A new contact is at no account yet: the creator's right to its memory is a member's.
  if (writesMemory(input)) assertMayWriteMemory(ctx.actor, { accounts: [] });
  const emails = input.emails ?? [];
  await assertEmailsFree(ctx, emails);
  const now = ctx.now();
  const [contact] = await ctx.db
    .insert(contacts)
    .values({
      ...input,
      emails,
      workspaceId: ctx.workspaceId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!contact) throw new Error("contact insert returned nothing");
  await syncEmailRows(ctx, contact.id, emails);
  await recordAudit(ctx, {
    action: "contact.created",
    entityType: "contact",
    entityId: contact.id,
    after: contact,
  });
  return viewOf(ctx, contact, { accounts: [], current: [] });
}

export async function updateContact(
  ctx: Ctx,
  contactId: string,
  expectedVersion: number,
  change: ContactChange,
): Promise<ContactView> {
  const before = await getContact(ctx, contactId, { forUpdate: true });
  const access = await accessOf(ctx, contactId);
  assertMayChangeContact(ctx.actor, access);
  if (writesMemory(change)) assertMayWriteMemory(ctx.actor, access);
  assertVersion(expectedVersion, before.version);
  if (before.archivedAt) {
    throw new AppError("CONFLICT", "The contact is archived: unarchive it to change it.");
  }
  if (change.emails) {
    await assertEmailsFree(ctx, change.emails, contactId);
    await syncEmailRows(ctx, contactId, change.emails);
  }
  const after = await writeContact(ctx, before, { ...change, updatedAt: ctx.now() });
  await recordAudit(ctx, {
    action: "contact.updated",
    entityType: "contact",
    entityId: contactId,
    before,
    after,
  });
  return viewOf(ctx, after, access);
}

/** Archiving hides the contact from lists and frees its emails; nothing is deleted. */
export async function archiveContact(
  ctx: Ctx,
  contactId: string,
  expectedVersion?: number,
): Promise<ContactView> {
  return setArchived(ctx, contactId, true, expectedVersion);
}

export async function unarchiveContact(
  ctx: Ctx,
  contactId: string,
  expectedVersion?: number,
): Promise<ContactView> {
  return setArchived(ctx, contactId, false, expectedVersion);
}

async function setArchived(
  ctx: Ctx,
  contactId: string,
  archive: boolean,
  expectedVersion: number | undefined,
): Promise<ContactView> {
  const before = await getContact(ctx, contactId, { forUpdate: true });
  const access = await accessOf(ctx, contactId);
  assertMayChangeContact(ctx.actor, access);
  if (expectedVersion !== undefined) assertVersion(expectedVersion, before.version);
  // Already in the asked-for state: answer it as is, so a retried request is harmless.
  if ((before.archivedAt !== null) === archive) return viewOf(ctx, before, access);
  if (!archive && before.mergedIntoId) {
    throw new AppError(
      "CONFLICT",
      "This contact was merged into another; its emails and affiliations live there now.",
      { mergedIntoId: before.mergedIntoId },
    );
  }
  if (!archive) await assertEmailsFree(ctx, before.emails, contactId);
  await syncEmailRows(ctx, contactId, archive ? [] : before.emails);
  const now = ctx.now();
  const after = await writeContact(ctx, before, {
    archivedAt: archive ? now : null,
    updatedAt: now,
  });
  await recordAudit(ctx, {
    action: archive ? "contact.archived" : "contact.unarchived",
    entityType: "contact",
    entityId: contactId,
    before,
    after,
  });
  return viewOf(ctx, after, access);
}

/** Writes under the version the caller read (the row is locked, so this only guards bugs). */
export async function writeContact(
  ctx: Ctx,
  before: Contact,
  columns: Partial<NewContact>,
): Promise<Contact> {
  const [after] = await ctx.db
    .update(contacts)
    .set({ ...columns, version: sql`${contacts.version} + 1` })
    .where(
      and(
        eq(contacts.workspaceId, ctx.workspaceId),
        eq(contacts.id, before.id),
        eq(contacts.version, before.version),
      ),
    )
    .returning();
  if (!after) throw new AppError("STALE_VERSION");
  return after;
}
