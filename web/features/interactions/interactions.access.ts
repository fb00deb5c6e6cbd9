/**
 * Who may do what with interactions, mirroring interactions.policies.ts on the server so
 * the screen never offers a button the API refuses: any member logs touches on any account
 * (not archived); changing one is for its creator, a member who took part, and whoever may
 * change the account (owner, team, managers and above). Viewers change nothing.
 */
import { hasRole, type Me } from "../../app/session";
import type { Account } from "../accounts/accounts.api";
import type { Interaction } from "./interactions.api";

export function mayLogTouch(me: Me, account: Pick<Account, "archivedAt">): boolean {
  return hasRole(me.member.role, "member") && !account.archivedAt;
}

/** `canEdit` is the account page's answer: may change this account, and it is not archived. */
export function mayChangeInteraction(
  me: Me,
  account: Pick<Account, "archivedAt">,
  canEdit: boolean,
  interaction: Pick<Interaction, "createdById" | "members">,
): boolean {
  if (!mayLogTouch(me, account)) return false;
  if (canEdit) return true;
  return (
    interaction.createdById === me.member.id ||
    interaction.members.some((member) => member.id === me.member.id)
  );
}
