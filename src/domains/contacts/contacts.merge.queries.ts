/**
 * Merging duplicates: one person entered twice (an import and a hand-made contact, or an
 * old and a new email). The survivor (target) takes the source's affiliations, emails and
 * everything else that hangs on it, unions the lists, fills its blanks from the source, and
 * the source is archived pointing at the survivor. All in the caller's transaction.
 */
import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/audit.queries";
import { interactionContacts } from "../../platform/db/schema";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import { accessOf } from "./contacts.access";
import { moveEmailRows } from "./contacts.emails";
import type { FamilyMember, ImportantDate } from "./contacts.inputs";
import { assertMayChangeContact } from "./contacts.policies";
import { type ContactView, getContact, viewOf, writeContact } from "./contacts.queries";
import { type Contact, contactAffiliations, contacts, type NewContact } from "./contacts.schema";

export async function mergeContact(
  ctx: Ctx,
  targetId: string,
  sourceId: string,
): Promise<ContactView> {
  if (targetId === sourceId) {
    throw new AppError("VALIDATION_FAILED", "sourceId: A contact cannot be merged into itself.", {
      errors: [{ path: "sourceId", message: "Must be another contact" }],
    });
  }
  // Lock both rows in id order, so two merges of the same pair cannot deadlock.
  const locked = new Map<string, Contact>();
  for (const id of [targetId, sourceId].sort()) {
    locked.set(id, await getContact(ctx, id, { forUpdate: true }));
  }
  const target = locked.get(targetId) as Contact;
  const source = locked.get(sourceId) as Contact;
  assertMayChangeContact(ctx.actor, await accessOf(ctx, targetId));
  assertMayChangeContact(ctx.actor, await accessOf(ctx, sourceId));
  if (target.archivedAt) {
    throw new AppError("CONFLICT", "The contact to merge into is archived: unarchive it first.");
  }
  if (source.archivedAt) {
    throw new AppError(
      "CONFLICT",
      source.mergedIntoId
        ? "That contact was already merged into another."
        : "That contact is archived: unarchive it to merge it.",
      { mergedIntoId: source.mergedIntoId },
    );
  }

  await moveContactHistory(ctx, sourceId, targetId);
  await moveEmailRows(ctx, sourceId, targetId);
  const now = ctx.now();
  const after = await writeContact(ctx, target, {
    ...mergedColumns(target, source),
    updatedAt: now,
  });
  const sourceAfter = await writeContact(ctx, source, {
    archivedAt: now,
    mergedIntoId: targetId,
    updatedAt: now,
  });
  await recordAudit(ctx, {
    action: "contact.merged",
    entityType: "contact",
    entityId: targetId,
    before: target,
    after: { ...after, mergedFromId: sourceId },
  });
  await recordAudit(ctx, {
    action: "contact.merged_into",
    entityType: "contact",
    entityId: sourceId,
    before: source,
    after: sourceAfter,
  });
  return viewOf(ctx, after);
}

/**
 * Moves what hangs on the source contact to the target: affiliations, the interactions they
 * took part in (a meeting both records attended keeps one participant), and earlier merges'
 * pointers (so "merged into" never chains). Anything later issues attach to a contact moves
 * here too, so a merge loses nothing.
 */
export async function moveContactHistory(ctx: Ctx, fromId: string, toId: string): Promise<void> {
  const now = ctx.now();
  await ctx.db
    .update(contactAffiliations)
    .set({ contactId: toId, updatedAt: now, version: sql`${contactAffiliations.version} + 1` })
    .where(
      and(
        eq(contactAffiliations.workspaceId, ctx.workspaceId),
        eq(contactAffiliations.contactId, fromId),
      ),
    );
  // By table, not through the interactions domain, which itself imports contacts.
  await ctx.db.execute(sql`
    insert into ${interactionContacts} (workspace_id, interaction_id, contact_id)
    select workspace_id, interaction_id, ${toId}::uuid from ${interactionContacts}
    where workspace_id = ${ctx.workspaceId} and contact_id = ${fromId}
    on conflict do nothing`);
  await ctx.db
    .delete(interactionContacts)
    .where(
      and(
        eq(interactionContacts.workspaceId, ctx.workspaceId),
        eq(interactionContacts.contactId, fromId),
      ),
    );
  await ctx.db
    .update(contacts)
    .set({ mergedIntoId: toId })
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.mergedIntoId, fromId)));
}

/** The survivor keeps what it has, gains what only the source knew, and lists nothing twice. */
export function mergedColumns(target: Contact, source: Contact): Partial<NewContact> {
  const columns: Partial<NewContact> = {
    emails: unionBy(target.emails, source.emails, (e) => e),
    phones: unionBy(target.phones, source.phones, phoneKey),
    interests: unionBy(target.interests, source.interests, (i) => i.trim().toLowerCase()),
    family: unionBy(target.family, source.family, familyKey),
    importantDates: mergeDates(target.importantDates, source.importantDates),
  };
  for (const field of fillableFields) {
    if (isBlank(target[field]) && !isBlank(source[field])) {
      Object.assign(columns, { [field]: source[field] });
    }
  }
  return columns;
}

/** Single-value fields the source may fill when the target has nothing there. */
const fillableFields = [
  "lastName",
  "title",
  "level",
  "preferredChannel",
  "timeZone",
  "howWeMet",
  "notes",
] as const satisfies readonly (keyof Contact)[];

function isBlank(value: string | null): boolean {
  return value === null || value.trim() === "";
}

function unionBy<T>(kept: readonly T[], added: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set(kept.map(keyOf));
  const result = [...kept];
  for (const item of added) {
    const key = keyOf(item);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(item);
  }
  return result;
}

/** "+44 20 7946 0000" and "+442079460000" are one phone; extensions still tell lines apart. */
function phoneKey(phone: string): string {
  return phone.toLowerCase().replace(/[^0-9+x]/g, "");
}

function familyKey(member: FamilyMember): string {
  return `${member.name.trim().toLowerCase()}|${member.relation.trim().toLowerCase()}`;
}

function dateKey(d: ImportantDate): string {
  return `${d.kind}|${(d.label ?? "").trim().toLowerCase()}|${d.month}|${d.day}`;
}

/** The same day of the same kind is one date; a year known only to the source is kept. */
function mergeDates(kept: readonly ImportantDate[], added: readonly ImportantDate[]) {
  const result = kept.map((d) => ({ ...d }));
  for (const date of added) {
    const same = result.find((d) => dateKey(d) === dateKey(date));
    if (!same) result.push({ ...date });
    else if (same.year === undefined && date.year !== undefined) same.year = date.year;
  }
  return result;
}
