/** Every table, for drizzle-kit and for the typed db client. Domains add theirs here. */

export * from "../../domains/accounts/accounts.schema";
export * from "../../domains/agenda/agenda.preferences.schema";
export * from "../../domains/agenda/agenda.schema";
export * from "../../domains/cadence/cadence.schema";
export * from "../../domains/contacts/contacts.schema";
export * from "../../domains/health/health.schema";
export * from "../../domains/imports/imports.schema";
export * from "../../domains/interactions/interactions.schema";
export * from "../../domains/needs/needs.schema";
export * from "../../domains/surveys/surveys.schema";
export * from "../../domains/tasks/tasks.schema";
export * from "../../domains/tone/tone.schema";
export * from "../audit/audit.schema";
export * from "../auth/auth.schema";
export * from "../http/idempotency.schema";
export * from "../jobs/jobs.schema";
export * from "../mail/mail.schema";
