/**
 * The shape of the Today page as the API gives it (and the web UI reads it): one schema,
 * so the OpenAPI document, the typed client and the presenter agree.
 */
import { z } from "@hono/zod-openapi";
import { accountStatuses } from "../accounts";
import { cadenceKinds } from "../cadence";
import { importantDateKinds } from "../contacts";
import { interactionKinds } from "../interactions";
import { taskPriorities, taskSources } from "../tasks";

const ref = z.object({ id: z.string(), name: z.string() });

export const agendaInteractionSchema = z
  .object({
    id: z.string(),
    kind: z.enum(interactionKinds),
    scheduledAt: z.string(),
    /** The firm's day it is planned for (YYYY-MM-DD, workspace time zone). */
    day: z.string(),
    durationMinutes: z.number().int().nullable(),
    summary: z.string().nullable(),
    /** How many times it was moved. */
    reschedules: z.number().int(),
    account: ref,
    contacts: z.array(ref),
  })
  .openapi("AgendaInteraction");

export const agendaTouchSchema = z
  .object({
    accountId: z.string(),
    accountName: z.string(),
    ruleId: z.string(),
    /** The kind of touch the rule asks for; `any` = any meaningful kind. */
    kind: z.enum(cadenceKinds),
    lastTouchAt: z.string().nullable(),
    dueOn: z.string(),
    daysOverdue: z.number().int(),
  })
  .openapi("AgendaTouch");

export const agendaTaskSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    priority: z.enum(taskPriorities),
    source: z.enum(taskSources),
    dueAt: z.string(),
    /** The firm's day it is due. */
    dueOn: z.string(),
    /** For If-Match when the task is completed or dismissed from the agenda. */
    version: z.number().int(),
    account: ref.nullable(),
  })
  .openapi("AgendaTask");

export const importantDateOccurrenceSchema = z
  .object({
    /** The day it falls on this time (28 February for a 29 February birthday in other years). */
    on: z.string(),
    daysUntil: z.number().int(),
    kind: z.enum(importantDateKinds),
    /** A contact's own date, or the account's partnership with the firm (first `active`). */
    source: z.enum(["contact", "account"]),
    title: z.string(),
    label: z.string().nullable(),
    /** Age at a birthday, years at an anniversary; null when the year is unknown. */
    years: z.number().int().nullable(),
    suggestion: z.string(),
    contact: ref.nullable(),
    account: ref,
  })
  .openapi("ImportantDateOccurrence");

export const quietAccountSchema = z
  .object({
    accountId: z.string(),
    accountName: z.string(),
    status: z.enum(accountStatuses),
    /** The last meaningful touch; null when there never was one. */
    lastTouchAt: z.string().nullable(),
    daysSinceTouch: z.number().int().nullable(),
  })
  .openapi("QuietAccount");

export const agendaSchema = z
  .object({
    date: z.string(),
    timeZone: z.string(),
    today: z.object({ interactions: z.array(agendaInteractionSchema) }),
    /** Tomorrow through date + 7. */
    week: z.object({ interactions: z.array(agendaInteractionSchema) }),
    touches: z.object({
      overdue: z.array(agendaTouchSchema),
      dueSoon: z.array(agendaTouchSchema),
    }),
    tasks: z.object({
      late: z.array(agendaTaskSchema),
      today: z.array(agendaTaskSchema),
      /** Alarm tasks due later this week: a detractor's call is due in 2 business days. */
      alarms: z.array(agendaTaskSchema),
    }),
    /** Today through date + 7, soonest first. */
    importantDates: z.array(importantDateOccurrenceSchema),
    /** The accounts you lead with the longest silence, never-touched first (at most 5). */
    quietAccounts: z.array(quietAccountSchema),
  })
  .openapi("Agenda");
