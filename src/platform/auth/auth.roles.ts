/** Roles and member statuses (DESIGN §6): plain constants the web UI can import too. */
export const roles = ["owner", "admin", "manager", "member", "viewer"] as const;
export type Role = (typeof roles)[number];
export const memberStatuses = ["invited", "active", "deactivated"] as const;
export type MemberStatus = (typeof memberStatuses)[number];
