/** Who may do what with members, tokens and settings (DESIGN §6). Plain functions, tested directly. */
import { AppError } from "../http/errors";
import type { Role } from "./auth.schema";

const rank: Record<Role, number> = { viewer: 0, member: 1, manager: 2, admin: 3, owner: 4 };

export function hasRole(role: Role | "system", atLeast: Role): boolean {
  return role === "system" || rank[role] >= rank[atLeast];
}

export function assertRole(role: Role | "system", atLeast: Role, doing: string): void {
  if (!hasRole(role, atLeast)) {
    throw new AppError("FORBIDDEN", `Only ${atLeast}s and above may ${doing}.`);
  }
}

/** Admins manage members; only owners may make someone an owner or change an owner. */
export function assertMayChangeRole(
  actorRole: Role | "system",
  from: Role | undefined,
  to: Role,
): void {
  assertRole(actorRole, "admin", "manage members");
  if ((to === "owner" || from === "owner") && !hasRole(actorRole, "owner")) {
    throw new AppError("FORBIDDEN", "Only owners may grant or take away the owner role.");
  }
}

/** Audit events show who changed what: readable by managers and above. */
export function assertMayReadAudit(role: Role | "system"): void {
  assertRole(role, "manager", "read the audit log");
}
