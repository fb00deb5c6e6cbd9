/**
 * The fixed lists of the cadence domain, shared by the schema, routes and web forms.
 * Imports only zod: the browser bundles this file.
 */
import { interactionKinds } from "../interactions/interactions.inputs";

/** Which accounts a rule covers: a tier's, one account, or every prospect. */
export const cadenceScopes = ["tier", "account", "prospects"] as const;
export type CadenceScope = (typeof cadenceScopes)[number];

/** `any` means any meaningful kind (see meaningfulKinds). */
export const cadenceKinds = ["any", ...interactionKinds] as const;
export type CadenceKind = (typeof cadenceKinds)[number];

export const cadenceStates = ["ok", "due_soon", "overdue"] as const;
export type CadenceState = (typeof cadenceStates)[number];

/**
 * The job that brings one account's cadence tasks up to date (payload `{ accountId }`), or
 * every account's (payload `{}`). Interactions enqueue it in the transaction that logs a
 * touch; the job name is the contract, so the interactions domain need not import cadence.
 */
export const cadenceSyncJobName = "cadence.sync";
