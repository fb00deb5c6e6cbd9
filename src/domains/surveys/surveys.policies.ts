/**
 * Who may do what with surveys (DESIGN §6). Everyone in the workspace reads requests,
 * answers and results. Sending (and cancelling) a survey speaks to the client for the
 * account, so it follows who may change the account: members on accounts they own or are
 * on the team of, managers and above on any; viewers never. Only managers and above may
 * override the throttle or change the wording and throttles: those shape how the whole firm
 * addresses its clients, which is a lead's call rather than a workspace-admin chore.
 */
import { hasRole } from "../../platform/auth/auth.policies";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import { type AccountPeople, mayChangeAccount } from "../accounts";

type Actor = Ctx["actor"];

export function assertMaySendSurveys(actor: Actor): void {
  if (!hasRole(actor.role, "member")) {
    throw new AppError("FORBIDDEN", "Viewers may read survey results but not send surveys.");
  }
}

export function maySurveyAccount(actor: Actor, account: AccountPeople): boolean {
  return mayChangeAccount(actor, account);
}

export function assertMaySurveyAccount(actor: Actor, account: AccountPeople, name: string): void {
  assertMaySendSurveys(actor);
  if (!maySurveyAccount(actor, account)) {
    throw new AppError(
      "FORBIDDEN",
      `Members may survey only accounts they own or are on the team of, and ${name} is not one of yours; ask its owner or a manager.`,
    );
  }
}

export function assertMayForceSurveys(actor: Actor): void {
  if (!hasRole(actor.role, "manager")) {
    throw new AppError(
      "FORBIDDEN",
      "Only managers and above may send a survey despite the throttle.",
    );
  }
}

export function assertMayChangeSurveySettings(actor: Actor): void {
  if (!hasRole(actor.role, "manager")) {
    throw new AppError("FORBIDDEN", "Only managers and above may change the survey settings.");
  }
}
