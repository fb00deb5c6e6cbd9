/**
 * Who may log and change interactions (DESIGN §6). Everyone in the workspace reads them;
 * viewers change nothing; any member may log a touch on any account (a partner meeting a
 * client's CFO at a dinner should not need to be on the team first); editing, cancelling
 * and archiving are for the creator, a member who took part, the account's owner and team,
 * and managers and above.
 */
import { hasRole } from "../../platform/auth/auth.policies";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import { type AccountPeople, mayChangeAccount } from "../accounts";

type Actor = Ctx["actor"];

/** The people an interaction concerns. */
export type InteractionPeople = {
  createdById: string;
  memberIds: readonly string[];
  account: AccountPeople;
};

export function mayLogInteraction(actor: Actor): boolean {
  return hasRole(actor.role, "member");
}

export function mayChangeInteraction(actor: Actor, interaction: InteractionPeople): boolean {
  if (hasRole(actor.role, "manager")) return true;
  if (!hasRole(actor.role, "member") || !actor.memberId) return false;
  if (interaction.createdById === actor.memberId) return true;
  if (interaction.memberIds.includes(actor.memberId)) return true;
  return mayChangeAccount(actor, interaction.account);
}

export function assertMayLogInteraction(actor: Actor): void {
  if (!mayLogInteraction(actor)) {
    throw new AppError("FORBIDDEN", "Viewers may read interactions but not log them.");
  }
}

export function assertMayChangeInteraction(actor: Actor, interaction: InteractionPeople): void {
  if (!mayChangeInteraction(actor, interaction)) {
    throw new AppError(
      "FORBIDDEN",
      hasRole(actor.role, "member")
        ? "Only whoever logged it, those who took part, the account's owner and team, and managers may change an interaction."
        : "Viewers may read interactions but not change them.",
    );
  }
}
