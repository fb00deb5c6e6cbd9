/**
 * Who may change accounts (DESIGN §6). Everyone in the workspace reads them; viewers change
 * nothing; members create accounts and change the ones they own; managers and above change
 * any. Team membership ("or on the team") joins the member rule when account teams land.
 */
import { hasRole } from "../../platform/auth/auth.policies";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";

type Actor = Ctx["actor"];

export function mayCreateAccount(actor: Actor): boolean {
  return hasRole(actor.role, "member");
}

export function mayChangeAccount(actor: Actor, account: { ownerId: string }): boolean {
  if (hasRole(actor.role, "manager")) return true;
  return hasRole(actor.role, "member") && account.ownerId === actor.memberId;
}

export function assertMayCreateAccount(actor: Actor): void {
  if (!mayCreateAccount(actor)) {
    throw new AppError("FORBIDDEN", "Viewers may read accounts but not create them.");
  }
}

export function assertMayChangeAccount(actor: Actor, account: { ownerId: string }): void {
  if (!mayChangeAccount(actor, account)) {
    throw new AppError(
      "FORBIDDEN",
      hasRole(actor.role, "member")
        ? "Members may change only the accounts they own; ask its owner or a manager."
        : "Viewers may read accounts but not change them.",
    );
  }
}
