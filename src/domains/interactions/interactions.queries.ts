/**
 * Interactions: read, log or plan, change (reschedule, complete, edit), cancel, archive.
 * Rules live here and in interactions.checks: members log touches on any account, an
 * archived account takes none, a reschedule is kept in the history, a cancel has a reason,
 * every change is audited with its participants in the caller's transaction, and anything
 * that moves an account's last touch enqueues the cadence sync in that same transaction.
 */
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../../platform/audit/audit.queries";
import { assertVersion } from "../../platform/http/concurrency";
import type { Ctx } from "../../platform/http/context";
import { AppError, notFound } from "../../platform/http/errors";
import { enqueueJob, refreshJob } from "../../platform/jobs";
import { type Account, accounts, getAccount, teamMemberIdsOf } from "../accounts";
import { alarmsScanJobName } from "../alarms/alarms.inputs";
import { cadenceSyncJobName } from "../cadence/cadence.inputs";
import { healthRecomputeJobName } from "../health/health.inputs";
import { toneScoreJobName } from "../tone/tone.inputs";
import {
  checkContacts,
  checkMembers,
  checkNeeds,
  checkShape,
  FieldErrors,
  type InteractionShape,
} from "./interactions.checks";
import type { changeInteractionInput, createInteractionInput } from "./interactions.inputs";
import { type InteractionView, replaceLinks, viewsOf } from "./interactions.links";
import { assertMayChangeInteraction, assertMayLogInteraction } from "./interactions.policies";
import { type Interaction, interactions, type NewInteraction } from "./interactions.schema";

export type NewInteractionInput = z.output<typeof createInteractionInput>;
export type InteractionChange = z.output<typeof changeInteractionInput>;

// ---------------------------------------------------------------------------------------------
// Reading

export async function getInteraction(
  ctx: Ctx,
  interactionId: string,
  options: { forUpdate?: boolean } = {},
): Promise<Interaction> {
  const query = ctx.db
    .select()
    .from(interactions)
    .where(and(eq(interactions.workspaceId, ctx.workspaceId), eq(interactions.id, interactionId)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("interaction");
  return row;
}

/** One interaction with its participants and needs; 404 for another workspace's. */
export async function readInteraction(ctx: Ctx, interactionId: string): Promise<InteractionView> {
  const [view] = await viewsOf(ctx, [await getInteraction(ctx, interactionId)]);
  if (!view) throw notFound("interaction");
  return view;
}

// ---------------------------------------------------------------------------------------------
// Rules

/**
 * The account a new interaction names in its body. Like affiliations, a body reference
 * that is not this workspace's live account is bad input (400 on accountId), not a 404.
 */
async function accountForNewInteraction(ctx: Ctx, accountId: string): Promise<Account> {
  const [account] = await ctx.db
    .select()
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.workspaceId), eq(accounts.id, accountId)));
  const errors = new FieldErrors();
  if (!account) errors.add("accountId", "No such account in this workspace");
  else if (account.archivedAt) {
    errors.add("accountId", "The account is archived: unarchive it to log interactions");
  }
  errors.throwIfAny();
  return account as Account;
}

/**
 * Asks the cadence domain (by job name, no import) to bring the account's tasks up to date,
 * and the health domain to recompute the account's score, which the last touch feeds.
 */
async function syncCadence(ctx: Ctx, accountId: string): Promise<void> {
  await enqueueJob(
    ctx.db,
    ctx.now(),
    refreshJob(cadenceSyncJobName, ctx.workspaceId, { accountId }),
  );
  await enqueueJob(
    ctx.db,
    ctx.now(),
    refreshJob(healthRecomputeJobName, ctx.workspaceId, { accountId }),
  );
}

/** Asks the tone domain (by job name) to score the touch's substance; unchanged text is skipped. */
async function scoreTone(ctx: Ctx, interactionId: string): Promise<void> {
  await enqueueJob(
    ctx.db,
    ctx.now(),
    refreshJob(toneScoreJobName, ctx.workspaceId, {
      subjectType: "interaction",
      subjectId: interactionId,
    }),
  );
}

const toDate = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

async function audit(
  ctx: Ctx,
  action: string,
  after: InteractionView,
  before?: InteractionView,
): Promise<void> {
  await recordAudit(ctx, {
    action: `interaction.${action}`,
    entityType: "interaction",
    entityId: after.id,
    ...(before ? { before } : {}),
    after,
  });
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Logs a touch (occurredAt given: completed) or plans one (planned, scheduledAt required).
 * memberIds defaults to the one logging it: whoever writes a meeting down was usually there.
 */
export async function createInteraction(
  ctx: Ctx,
  input: NewInteractionInput,
): Promise<InteractionView> {
  assertMayLogInteraction(ctx.actor);
  const createdById = ctx.actor.memberId;
  if (!createdById) throw new AppError("FORBIDDEN", "Only a member may log an interaction.");
  const account = await accountForNewInteraction(ctx, input.accountId);
  const shape: InteractionShape = {
    kind: input.kind,
    state: input.occurredAt ? "completed" : "planned",
    scheduledAt: toDate(input.scheduledAt),
    occurredAt: toDate(input.occurredAt),
    startedAt: toDate(input.startedAt),
    summary: input.summary ?? null,
  };
  const memberIds = input.memberIds ?? [createdById];
  const errors = new FieldErrors();
  checkShape(ctx, shape, errors);
  const none = new Set<string>();
  await checkContacts(ctx, account.id, input.contactIds, none, errors);
  await checkMembers(ctx, memberIds, none, errors);
  await checkNeeds(ctx, account.id, input.needIds, none, errors);
  errors.throwIfAny();

  const now = ctx.now();
  const [row] = await ctx.db
    .insert(interactions)
    .values({
      ...shape,
      workspaceId: ctx.workspaceId,
      accountId: account.id,
      direction: input.direction ?? null,
      durationMinutes: input.durationMinutes ?? null,
      summary: input.summary || null,
      decisions: input.decisions || null,
      nextSteps: input.nextSteps || null,
      createdById,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error("interaction insert returned nothing");
  await replaceLinks(ctx, row.id, {
    contactIds: input.contactIds ?? [],
    memberIds,
    needIds: input.needIds ?? [],
  });
  const [view] = await viewsOf(ctx, [row]);
  if (!view) throw new Error("interaction view missing");
  await audit(ctx, "created", view);
  // Tone first: the queue runs in order, so the recompute the tone job asks for after
  // scoring finds this one still queued and coalesces with it (one recompute, not two).
  const hasSubstance = Boolean(row.summary || row.decisions || row.nextSteps);
  if (hasSubstance) await scoreTone(ctx, row.id);
  await syncCadence(ctx, account.id);
  // The tone job rescans alarms after scoring; a bare inbound touch still ends a silence.
  if (!hasSubstance && row.direction === "inbound" && row.state === "completed") {
    await enqueueJob(
      ctx.db,
      ctx.now(),
      refreshJob(alarmsScanJobName, ctx.workspaceId, { accountId: account.id }),
    );
  }
  return view;
}

/**
 * Locks the interaction, then checks who asks, the version, and that account and
 * interaction are live. Cancelled ones are final.
 */
async function beginWrite(
  ctx: Ctx,
  interactionId: string,
  expectedVersion: number | undefined,
): Promise<InteractionView> {
  const row = await getInteraction(ctx, interactionId, { forUpdate: true });
  const [before] = await viewsOf(ctx, [row]);
  if (!before) throw notFound("interaction");
  const account = await getAccount(ctx, row.accountId);
  assertMayChangeInteraction(ctx.actor, {
    createdById: row.createdById,
    memberIds: before.members.map((m) => m.id),
    account: { ownerId: account.ownerId, teamMemberIds: await teamMemberIdsOf(ctx, account.id) },
  });
  if (expectedVersion !== undefined) assertVersion(expectedVersion, row.version);
  if (account.archivedAt) {
    throw new AppError(
      "CONFLICT",
      `${account.name} is archived: unarchive the account to change its interactions.`,
    );
  }
  return before;
}

function assertChangeable(before: Interaction): void {
  if (before.archivedAt) {
    throw new AppError("CONFLICT", "The interaction is archived and can no longer be changed.");
  }
  if (before.state === "cancelled") {
    throw new AppError("CONFLICT", "The interaction was cancelled and can no longer be changed.");
  }
}

const sameInstant = (a: Date | null, b: Date | null) => a?.getTime() === b?.getTime();

/** Reschedules (a planned one), completes (occurredAt) or edits substance and participants. */
export async function updateInteraction(
  ctx: Ctx,
  interactionId: string,
  expectedVersion: number,
  change: InteractionChange,
): Promise<InteractionView> {
  const before = await beginWrite(ctx, interactionId, expectedVersion);
  assertChangeable(before);
  const { rescheduleReason, contactIds, memberIds, needIds, ...fields } = change;
  const columns: Partial<NewInteraction> = {};
  for (const key of ["kind", "direction", "durationMinutes"] as const) {
    if (fields[key] !== undefined) Object.assign(columns, { [key]: fields[key] });
  }
  for (const key of ["summary", "decisions", "nextSteps"] as const) {
    if (fields[key] !== undefined) columns[key] = fields[key] || null;
  }
  if (fields.startedAt !== undefined) columns.startedAt = toDate(fields.startedAt);
  const errors = new FieldErrors();
  const completing = fields.occurredAt !== undefined && before.state === "planned";
  if (fields.occurredAt !== undefined) {
    columns.occurredAt = toDate(fields.occurredAt);
    columns.state = "completed";
  }
  const newSchedule = toDate(fields.scheduledAt);
  const rescheduling = newSchedule !== null && !sameInstant(newSchedule, before.scheduledAt);
  if (rescheduling && before.state !== "planned") {
    throw new AppError("CONFLICT", "Only a planned interaction can be rescheduled.");
  }
  if (rescheduling && completing) {
    errors.add("scheduledAt", "Complete it or reschedule it, not both in one change");
  } else if (rescheduling && newSchedule && before.scheduledAt) {
    columns.scheduledAt = newSchedule;
    columns.rescheduleHistory = [
      ...before.rescheduleHistory,
      {
        from: before.scheduledAt.toISOString(),
        to: newSchedule.toISOString(),
        at: ctx.now().toISOString(),
        byMemberId: ctx.actor.memberId ?? before.createdById,
        ...(rescheduleReason ? { reason: rescheduleReason } : {}),
      },
    ];
  } else if (rescheduling && newSchedule) {
    columns.scheduledAt = newSchedule;
  }
  if (rescheduleReason !== undefined && !rescheduling) {
    errors.add("rescheduleReason", "Only with a new scheduledAt");
  }
  checkShape(
    ctx,
    {
      kind: columns.kind ?? before.kind,
      state: columns.state ?? before.state,
      scheduledAt: columns.scheduledAt ?? before.scheduledAt,
      occurredAt: columns.occurredAt ?? before.occurredAt,
      startedAt: columns.startedAt !== undefined ? columns.startedAt : before.startedAt,
      summary: columns.summary !== undefined ? columns.summary : before.summary,
    },
    errors,
  );
  const ids = (list: { id: string }[]) => new Set(list.map((x) => x.id));
  await checkContacts(ctx, before.accountId, contactIds, ids(before.contacts), errors);
  await checkMembers(ctx, memberIds, ids(before.members), errors);
  await checkNeeds(ctx, before.accountId, needIds, ids(before.needs), errors);
  errors.throwIfAny();

  await writeInteraction(ctx, before, { ...columns, updatedAt: ctx.now() });
  await replaceLinks(ctx, interactionId, { contactIds, memberIds, needIds });
  const after = await readInteraction(ctx, interactionId);
  await audit(
    ctx,
    completing ? "completed" : rescheduling ? "rescheduled" : "updated",
    after,
    before,
  );
  const touchMoved =
    after.state === "completed" &&
    (completing || !sameInstant(after.occurredAt, before.occurredAt) || after.kind !== before.kind);
  if (touchMoved) await syncCadence(ctx, before.accountId);
  const substanceChanged = (["summary", "decisions", "nextSteps"] as const).some(
    (key) => after[key] !== before[key],
  );
  if (substanceChanged || touchMoved) await scoreTone(ctx, interactionId);
  return after;
}

/** Only a planned interaction is cancelled, with a reason; a retried cancel is harmless. */
export async function cancelInteraction(
  ctx: Ctx,
  interactionId: string,
  reason: string,
  expectedVersion?: number,
): Promise<InteractionView> {
  const before = await beginWrite(ctx, interactionId, expectedVersion);
  if (before.state === "cancelled" && !before.archivedAt) return before;
  assertChangeable(before);
  if (before.state !== "planned") {
    throw new AppError("CONFLICT", "It already happened: only a planned interaction is cancelled.");
  }
  const now = ctx.now();
  await writeInteraction(ctx, before, { state: "cancelled", cancelReason: reason, updatedAt: now });
  const after = await readInteraction(ctx, interactionId);
  await audit(ctx, "cancelled", after, before);
  await syncCadence(ctx, before.accountId);
  return after;
}

/** Archiving hides a mistaken record from lists, the timeline and cadence; nothing is deleted. */
export async function archiveInteraction(
  ctx: Ctx,
  interactionId: string,
  expectedVersion?: number,
): Promise<InteractionView> {
  const before = await beginWrite(ctx, interactionId, expectedVersion);
  if (before.archivedAt) return before;
  const now = ctx.now();
  await writeInteraction(ctx, before, { archivedAt: now, updatedAt: now });
  const after = await readInteraction(ctx, interactionId);
  await audit(ctx, "archived", after, before);
  await syncCadence(ctx, before.accountId);
  return after;
}

async function writeInteraction(
  ctx: Ctx,
  before: Interaction,
  columns: Partial<NewInteraction>,
): Promise<void> {
  const [after] = await ctx.db
    .update(interactions)
    .set({ ...columns, version: sql`${interactions.version} + 1` })
    .where(
      and(
        eq(interactions.workspaceId, ctx.workspaceId),
        eq(interactions.id, before.id),
        eq(interactions.version, before.version),
      ),
    )
    .returning({ id: interactions.id });
  if (!after) throw new AppError("STALE_VERSION");
}
