/**
 * Who may change accounts (DESIGN §6). Everyone in the workspace reads them; viewers change
 * nothing; members create accounts and change the ones they own or are on the team of;
 * managers and above change any.
 */
import { hasRole } from "../../platform/auth/auth.policies";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";

type Actor = Ctx["actor"];

export function mayCreateAccount(actor: Actor): boolean {
  return hasRole(actor.role, "member");
}

/** The account's owner and the member ids on its team. */
export type AccountPeople = { ownerId: string; teamMemberIds: readonly string[] };

export function mayChangeAccount(actor: Actor, account: AccountPeople): boolean {
  if (hasRole(actor.role, "manager")) return true;
  if (!hasRole(actor.role, "member") || !actor.memberId) return false;
  return account.ownerId === actor.memberId || account.teamMemberIds.includes(actor.memberId);
}

export function assertMayCreateAccount(actor: Actor): void {
  if (!mayCreateAccount(actor)) {
    throw new AppError("FORBIDDEN", "Viewers may read accounts but not create them.");
  }
}

export function assertMayChangeAccount(actor: Actor, account: AccountPeople): void {
  if (!mayChangeAccount(actor, account)) {
    throw new AppError(
      "FORBIDDEN",
      hasRole(actor.role, "member")
        ? "Members may change only accounts they own or are on the team of; ask its owner or a manager."
        : "Viewers may read accounts but not change them.",
    );
  }
}
