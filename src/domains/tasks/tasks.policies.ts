/**
 * Who may do what with tasks (DESIGN §6). Everyone in the workspace reads them; viewers
 * change nothing; members create tasks and change those assigned to them, created by them,
 * or on accounts they may change (owner or team); managers and above change any.
 */
import { hasRole } from "../../platform/auth/auth.policies";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import { type AccountPeople, mayChangeAccount } from "../accounts";

type Actor = Ctx["actor"];

/** The people a task concerns; account is null for a task on no account. */
export type TaskPeople = {
  assigneeId: string;
  createdById: string | null;
  account: AccountPeople | null;
};

export function mayCreateTask(actor: Actor): boolean {
  return hasRole(actor.role, "member");
}

export function mayChangeTask(actor: Actor, task: TaskPeople): boolean {
  if (hasRole(actor.role, "manager")) return true;
  if (!hasRole(actor.role, "member") || !actor.memberId) return false;
  if (task.assigneeId === actor.memberId || task.createdById === actor.memberId) return true;
  return task.account !== null && mayChangeAccount(actor, task.account);
}

export function assertMayCreateTask(actor: Actor): void {
  if (!mayCreateTask(actor)) {
    throw new AppError("FORBIDDEN", "Viewers may read tasks but not create them.");
  }
}

export function assertMayChangeTask(actor: Actor, task: TaskPeople): void {
  if (!mayChangeTask(actor, task)) {
    throw new AppError(
      "FORBIDDEN",
      hasRole(actor.role, "member")
        ? "Members may change only tasks assigned to them, created by them, or on accounts they own or are on the team of."
        : "Viewers may read tasks but not change them.",
    );
  }
}
