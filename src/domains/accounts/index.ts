/** The accounts domain's public face: other domains and the server import only this. */
export { buildAccount } from "./accounts.factory";
export * from "./accounts.inputs";
export { type AccountPeople, mayChangeAccount } from "./accounts.policies";
export { getAccount, listAccounts, teamMemberIdsOf } from "./accounts.queries";
export { accountSchema, createAccountRoutes, presentAccount } from "./accounts.routes";
export { type Account, accounts, accountTeamMembers } from "./accounts.schema";
export { listAccountTeam, type TeamEntry } from "./accounts.team.queries";
export { createAccountTeamRoutes } from "./accounts.team.routes";
