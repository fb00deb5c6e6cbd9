/**
 * Who may change an account's needs: exactly those who may change the account (DESIGN §6),
 * since needs are part of knowing the client. Everyone in the workspace reads them.
 */

import { hasRole } from "../../platform/auth/auth.policies";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import { type AccountPeople, mayChangeAccount } from "../accounts";

export function assertMayChangeNeeds(actor: Ctx["actor"], account: AccountPeople): void {
  if (mayChangeAccount(actor, account)) return;
  throw new AppError(
    "FORBIDDEN",
    hasRole(actor.role, "member")
      ? "Members may change the needs only of accounts they own or are on the team of; ask its owner or a manager."
      : "Viewers may read needs but not change them.",
  );
}
