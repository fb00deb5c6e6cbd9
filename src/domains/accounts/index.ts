/** The accounts domain's public face: other domains and the server import only this. */
export * from "./accounts.inputs";
export { mayChangeAccount } from "./accounts.policies";
export { getAccount, listAccounts } from "./accounts.queries";
export { accountSchema, createAccountRoutes, presentAccount } from "./accounts.routes";
export { type Account, accounts } from "./accounts.schema";
export { listAccountTeam } from "./accounts.team.queries";
export { createAccountTeamRoutes } from "./accounts.team.routes";
