/**
 * One live contact per email in a workspace. contact_emails mirrors the emails of every
 * live contact and its primary key is the real guard; the pre-check only exists to name
 * the contact that already has the address. Callers run these inside their transaction.
 */
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import { contactEmails, contacts } from "./contacts.schema";

/** Throws 409 ALREADY_EXISTS naming the live contact that has one of the emails already. */
export async function assertEmailsFree(
  ctx: Ctx,
  emails: readonly string[],
  exceptContactId?: string,
): Promise<void> {
  const taken = await findTaken(ctx, emails, exceptContactId);
  if (taken) throw emailTaken(taken);
}

/** Makes the mirror rows of a live contact exactly `emails` (none for an archived one). */
export async function syncEmailRows(
  ctx: Ctx,
  contactId: string,
  emails: readonly string[],
): Promise<void> {
  try {
    // A savepoint: if a concurrent writer took an address after our pre-check, the unique
    // violation rolls back only this step and we can still look up who has it.
    await ctx.db.transaction(async (tx) => {
      await tx
        .delete(contactEmails)
        .where(
          and(
            eq(contactEmails.workspaceId, ctx.workspaceId),
            eq(contactEmails.contactId, contactId),
          ),
        );
      if (emails.length === 0) return;
      await tx
        .insert(contactEmails)
        .values(emails.map((email) => ({ workspaceId: ctx.workspaceId, email, contactId })));
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const taken = await findTaken(ctx, emails, contactId);
    throw taken
      ? emailTaken(taken)
      : new AppError("ALREADY_EXISTS", "Another live contact already has one of these emails.");
  }
}

/** Hands a merged contact's addresses to the survivor without a moment of duplicates. */
export async function moveEmailRows(ctx: Ctx, fromId: string, toId: string): Promise<void> {
  await ctx.db
    .update(contactEmails)
    .set({ contactId: toId })
    .where(
      and(eq(contactEmails.workspaceId, ctx.workspaceId), eq(contactEmails.contactId, fromId)),
    );
}

type Taken = { email: string; contactId: string; firstName: string; lastName: string | null };

async function findTaken(
  ctx: Ctx,
  emails: readonly string[],
  exceptContactId?: string,
): Promise<Taken | undefined> {
  if (emails.length === 0) return undefined;
  const [taken] = await ctx.db
    .select({
      email: contactEmails.email,
      contactId: contactEmails.contactId,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
    })
    .from(contactEmails)
    .innerJoin(
      contacts,
      and(
        eq(contacts.workspaceId, contactEmails.workspaceId),
        eq(contacts.id, contactEmails.contactId),
      ),
    )
    .where(
      and(
        eq(contactEmails.workspaceId, ctx.workspaceId),
        inArray(contactEmails.email, [...emails]),
        exceptContactId ? ne(contactEmails.contactId, exceptContactId) : undefined,
      ),
    )
    .limit(1);
  return taken;
}

function emailTaken(taken: Taken): AppError {
  const name = [taken.firstName, taken.lastName].filter(Boolean).join(" ");
  return new AppError("ALREADY_EXISTS", `${taken.email} is already the email of ${name}.`, {
    existingId: taken.contactId,
    email: taken.email,
    errors: [{ path: "emails", message: `Already the email of ${name}` }],
  });
}

export function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
