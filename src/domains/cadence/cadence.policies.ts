/** Who may change cadence rules (DESIGN §6): managers and above; everyone reads them. */
import { hasRole } from "../../platform/auth/auth.policies";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";

export function assertMayChangeCadenceRules(actor: Ctx["actor"]): void {
  if (!hasRole(actor.role, "manager")) {
    throw new AppError("FORBIDDEN", "Only managers and above may change cadence rules.");
  }
}
