/**
 * The "do this meanwhile" action on areas still waiting for their records: admins can
 * invite the team; everyone else can at least see who is in it.
 */
import { hasRole, type Me } from "../app/session";

export function teamAction(me: Me): { label: string; to: string } {
  return hasRole(me.member.role, "admin")
    ? { label: "Invite your team", to: "/settings/members" }
    : { label: "See your team", to: "/settings/members" };
}
