/**
 * Who may read a contact's personal memory and who may change a contact (DESIGN §6).
 * Both hang on the accounts the contact is currently affiliated with: the people who
 * serve those accounts know the person; a contact at no account yet belongs to everyone
 * who works on relationships. Viewers read profiles only; managers and above see and
 * change everything.
 */

import { hasRole } from "../../platform/auth/auth.policies";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import { type AccountPeople, mayChangeAccount } from "../accounts";
import { type ContactChange, personalMemoryFields } from "./contacts.inputs";

type Actor = Ctx["actor"];

/** The owner and team of each account the contact is currently affiliated with. */
export type ContactAccess = { accounts: readonly AccountPeople[] };

function servesAny(actor: Actor, access: ContactAccess): boolean {
  if (!actor.memberId) return false;
  const memberId = actor.memberId;
  return access.accounts.some((a) => a.ownerId === memberId || a.teamMemberIds.includes(memberId));
}

export function mayReadMemory(actor: Actor, access: ContactAccess): boolean {
  if (hasRole(actor.role, "manager")) return true;
  if (!hasRole(actor.role, "member")) return false;
  return access.accounts.length === 0 || servesAny(actor, access);
}

export function mayCreateContact(actor: Actor): boolean {
  return hasRole(actor.role, "member");
}

export function mayChangeContact(actor: Actor, access: ContactAccess): boolean {
  if (hasRole(actor.role, "manager")) return true;
  if (!hasRole(actor.role, "member")) return false;
  return access.accounts.length === 0 || access.accounts.some((a) => mayChangeAccount(actor, a));
}

export function assertMayCreateContact(actor: Actor): void {
  if (!mayCreateContact(actor)) {
    throw new AppError("FORBIDDEN", "Viewers may read contacts but not create them.");
  }
}

export function assertMayChangeContact(actor: Actor, access: ContactAccess): void {
  if (!mayChangeContact(actor, access)) {
    throw new AppError(
      "FORBIDDEN",
      hasRole(actor.role, "member")
        ? "Members may change only contacts at accounts they own or are on the team of; ask the account's owner or a manager."
        : "Viewers may read contacts but not change them.",
    );
  }
}

/** Whether a create or change touches personal memory. */
export function writesMemory(change: Partial<ContactChange>): boolean {
  return personalMemoryFields.some((field) => change[field] !== undefined);
}

/**
 * Today the same people may change a contact and see its memory, but the rules are
 * separate on purpose: writing what you may not read would be blind and is refused.
 */
export function assertMayWriteMemory(actor: Actor, access: ContactAccess): void {
  if (!mayReadMemory(actor, access)) {
    throw new AppError(
      "FORBIDDEN",
      "Personal details are kept by the account's team and managers: you may not change them.",
    );
  }
}
