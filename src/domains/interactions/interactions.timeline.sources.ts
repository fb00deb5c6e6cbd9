/**
 * Where the account timeline's events come from. Each source is one SELECT giving the same
 * columns (at, kind, event_id, ref_id, title, detail, status) for one account;
 * the timeline query unions the sources asked for and pages through them newest first.
 * A later issue adds its events (surveys, incidents, gifts) by adding its kind to
 * timelineEventKinds and one entry here; nothing else changes.
 */
import { type SQL, sql } from "drizzle-orm";
import { accounts } from "../accounts";
import { needs } from "../needs";
import { surveyAnswers } from "../surveys";
import type { InteractionKind, TimelineEventKind } from "./interactions.inputs";
import { interactions } from "./interactions.schema";

export type TimelineScope = {
  workspaceId: string;
  accountId: string;
  /** The workspace's zone: a day (a milestone, when a need was learned) starts at its midnight. */
  timeZone: string;
  interactionKinds?: readonly InteractionKind[];
};

export type TimelineSource = { kind: TimelineEventKind; query: (scope: TimelineScope) => SQL };

/** A date column as the instant its day starts in the zone. */
const startOfDayIn = (day: SQL, timeZone: string) =>
  sql`((${day})::date::timestamp at time zone ${timeZone})`;

const interactionSource: TimelineSource = {
  kind: "interaction",
  query: ({ workspaceId, accountId, interactionKinds }) => sql`
    select coalesce(${interactions.occurredAt}, ${interactions.scheduledAt}) as at,
      'interaction'::text as kind, 'interaction:' || ${interactions.id} as event_id,
      ${interactions.id}::text as ref_id, ${interactions.kind} as title,
      ${interactions.summary} as detail, ${interactions.state} as status
    from ${interactions}
    where ${interactions.workspaceId} = ${workspaceId} and ${interactions.accountId} = ${accountId}
      and ${interactions.archivedAt} is null
      and coalesce(${interactions.occurredAt}, ${interactions.scheduledAt}) is not null
      ${
        interactionKinds?.length
          ? sql`and ${interactions.kind} in (${sql.join(
              interactionKinds.map((k) => sql`${k}`),
              sql`, `,
            )})`
          : sql``
      }`,
};

/** accounts.status_history: one event per status the account has had, its first included. */
const statusChangeSource: TimelineSource = {
  kind: "status_change",
  query: ({ workspaceId, accountId }) => sql`
    select (change.value->>'changedAt')::timestamptz as at, 'status_change'::text as kind,
      'status:' || change.ordinality as event_id, ${accounts.id}::text as ref_id,
      change.value->>'status' as title, null::text as detail,
      change.value->>'status' as status
    from ${accounts}, jsonb_array_elements(${accounts.statusHistory}) with ordinality as change
    where ${accounts.workspaceId} = ${workspaceId} and ${accounts.id} = ${accountId}`,
};

/** accounts.milestones: dated days (`on`), placed at the start of that day. */
const milestoneSource: TimelineSource = {
  kind: "milestone",
  query: ({ workspaceId, accountId, timeZone }) => sql`
    select ${startOfDayIn(sql`milestone.value->>'on'`, timeZone)} as at, 'milestone'::text as kind,
      'milestone:' || (milestone.value->>'on') || ':' || milestone.ordinality as event_id,
      ${accounts.id}::text as ref_id, milestone.value->>'title' as title,
      milestone.value->>'detail' as detail, null::text as status
    from ${accounts}, jsonb_array_elements(${accounts.milestones}) with ordinality as milestone
    where ${accounts.workspaceId} = ${workspaceId} and ${accounts.id} = ${accountId}`,
};

const needLearnedSource: TimelineSource = {
  kind: "need_learned",
  query: ({ workspaceId, accountId, timeZone }) => sql`
    select ${startOfDayIn(sql`${needs.learnedOn}`, timeZone)} as at, 'need_learned'::text as kind,
      'need:' || ${needs.id} as event_id, ${needs.id}::text as ref_id, ${needs.title} as title,
      ${needs.detail} as detail, ${needs.status} as status
    from ${needs}
    where ${needs.workspaceId} = ${workspaceId} and ${needs.accountId} = ${accountId}
      and ${needs.archivedAt} is null`,
};

/** A need's latest status change (addressed, dropped, reopened); earlier ones are in the audit log. */
const needStatusSource: TimelineSource = {
  kind: "need_status_changed",
  query: ({ workspaceId, accountId }) => sql`
    select ${needs.statusChangedAt} as at, 'need_status_changed'::text as kind,
      'need_status:' || ${needs.id} as event_id, ${needs.id}::text as ref_id,
      ${needs.title} as title, null::text as detail, ${needs.status} as status
    from ${needs}
    where ${needs.workspaceId} = ${workspaceId} and ${needs.accountId} = ${accountId}
      and ${needs.archivedAt} is null and ${needs.statusChangedAt} is not null`,
};

/** Survey answers: the score as the title ("NPS 3"), the comment as the detail, its category as status. */
const surveyAnswerSource: TimelineSource = {
  kind: "survey_answer",
  query: ({ workspaceId, accountId }) => sql`
    select ${surveyAnswers.answeredAt} as at, 'survey_answer'::text as kind,
      'survey_answer:' || ${surveyAnswers.id} as event_id, ${surveyAnswers.id}::text as ref_id,
      (case ${surveyAnswers.kind} when 'nps' then 'NPS' when 'csat' then 'CSAT' else 'Check-in' end)
        || coalesce(' ' || ${surveyAnswers.score}, '') as title,
      ${surveyAnswers.comment} as detail,
      (case when ${surveyAnswers.score} is null then null
        when ${surveyAnswers.kind} = 'nps' then (case when ${surveyAnswers.score} >= 9 then 'promoter'
          when ${surveyAnswers.score} >= 7 then 'passive' else 'detractor' end)
        else (case when ${surveyAnswers.score} >= 4 then 'satisfied'
          when ${surveyAnswers.score} = 3 then 'neutral' else 'dissatisfied' end) end) as status
    from ${surveyAnswers}
    where ${surveyAnswers.workspaceId} = ${workspaceId} and ${surveyAnswers.accountId} = ${accountId}`,
};

export const timelineSources: readonly TimelineSource[] = [
  interactionSource,
  statusChangeSource,
  milestoneSource,
  needLearnedSource,
  needStatusSource,
  surveyAnswerSource,
];
