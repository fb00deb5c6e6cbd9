/**
 * The account timeline (`GET /accounts/{id}/timeline`): interactions, status changes,
 * milestones and needs in one list, newest first, paged by a keyset cursor on (at, kind,
 * event id). Each source is one indexed lookup of the account (see
 * interactions.timeline.sources); the union is sorted per page, which stays cheap because
 * one account's history is hundreds of events, not millions.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Ctx } from "../../platform/http/context";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { getAccount } from "../accounts";
import { getWorkspaceTimeZone } from "../workspaces";
import {
  type TimelineEventKind,
  timelineEventKinds,
  type timelineFilterInput,
} from "./interactions.inputs";
import { type InteractionView, viewsOf } from "./interactions.links";
import { invalidCursor, isInstantCursorValue } from "./interactions.list.queries";
import { interactions } from "./interactions.schema";
import { timelineSources } from "./interactions.timeline.sources";

export type TimelineFilter = z.output<typeof timelineFilterInput> & {
  limit: number;
  cursor?: string;
};

export type TimelineEvent = {
  id: string;
  kind: TimelineEventKind;
  at: Date;
  title: string;
  detail: string | null;
  status: string | null;
  /** What the event is about: the interaction, need or account id. */
  refId: string;
  /** The interaction itself, for interaction events. */
  interaction: InteractionView | null;
};

type EventRow = {
  at_text: string;
  kind: TimelineEventKind;
  event_id: string;
  ref_id: string;
  title: string;
  detail: string | null;
  status: string | null;
};

export async function listTimeline(
  ctx: Ctx,
  accountId: string,
  filter: TimelineFilter,
): Promise<{ data: TimelineEvent[]; nextCursor: string | null }> {
  await getAccount(ctx, accountId);
  const after = decodeCursor(filter.cursor, 3);
  if (
    after &&
    !(
      isInstantCursorValue(after[0]) &&
      timelineEventKinds.includes(after[1] as TimelineEventKind) &&
      typeof after[2] === "string" &&
      after[2].length <= 200
    )
  ) {
    throw invalidCursor();
  }
  const scope = {
    workspaceId: ctx.workspaceId,
    accountId,
    timeZone: await getWorkspaceTimeZone(ctx),
    interactionKinds: filter.interactionKind,
  };
  const sources = timelineSources.filter((s) => !filter.kind || filter.kind.includes(s.kind));
  const union = sql.join(
    sources.map((s) => sql`(${s.query(scope)})`),
    sql` union all `,
  );
  const keyset = after
    ? sql`where (e.at, e.kind, e.event_id) < (${String(after[0])}::timestamptz, ${String(after[1])}::text, ${String(after[2])}::text)`
    : sql``;
  const result = await ctx.db.execute(sql`
    select e.at::text as at_text, e.kind, e.event_id, e.ref_id, e.title, e.detail, e.status
    from (${union}) as e ${keyset}
    order by e.at desc, e.kind desc, e.event_id desc
    limit ${filter.limit + 1}`);
  const rows = (result as unknown as { rows: EventRow[] }).rows;
  const page = toPage(rows, filter.limit, (row) => [row.at_text, row.kind, row.event_id]);
  const views = await interactionsById(
    ctx,
    page.data.filter((row) => row.kind === "interaction").map((row) => row.ref_id),
  );
  return {
    data: page.data.map((row) => ({
      id: row.event_id,
      kind: row.kind,
      at: new Date(row.at_text.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00")),
      title: row.title,
      detail: row.detail,
      status: row.status,
      refId: row.ref_id,
      interaction: views.get(row.ref_id) ?? null,
    })),
    nextCursor: page.nextCursor,
  };
}

async function interactionsById(ctx: Ctx, ids: string[]): Promise<Map<string, InteractionView>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select()
    .from(interactions)
    .where(and(eq(interactions.workspaceId, ctx.workspaceId), inArray(interactions.id, ids)));
  return new Map((await viewsOf(ctx, rows)).map((view) => [view.id, view]));
}
