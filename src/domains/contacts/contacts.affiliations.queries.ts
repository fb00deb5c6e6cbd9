/**
 * Affiliations: where a contact works, in what role, with what authority, from when to
 * when. People move on: ending an affiliation keeps the row, so the history (and the
 * relationship map's "champion left") stays. Whoever changes one must be allowed to change
 * both the contact and the account.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../../platform/audit/audit.queries";
import { assertVersion } from "../../platform/http/concurrency";
import type { Ctx } from "../../platform/http/context";
import { AppError, notFound } from "../../platform/http/errors";
import { enqueueJob, refreshJob } from "../../platform/jobs";
import { type Account, accounts, getAccount, mayChangeAccount, teamMemberIdsOf } from "../accounts";
import { healthRecomputeJobName } from "../health/health.inputs";
import { accessOf, isCurrentAffiliation, todayOf } from "./contacts.access";
import type { changeAffiliationInput, createAffiliationInput } from "./contacts.inputs";
import { assertMayChangeContact } from "./contacts.policies";
import { getContact } from "./contacts.queries";
import { type Contact, type ContactAffiliation, contactAffiliations } from "./contacts.schema";

export type NewAffiliationInput = z.output<typeof createAffiliationInput>;
export type AffiliationChange = z.output<typeof changeAffiliationInput>;
export type AffiliationView = ContactAffiliation & { accountName: string; current: boolean };

/** Every affiliation of the contact, past ones included, in the order they began. */
export async function listAffiliations(ctx: Ctx, contactId: string): Promise<AffiliationView[]> {
  await getContact(ctx, contactId);
  const rows = await ctx.db
    .select({ affiliation: contactAffiliations, accountName: accounts.name })
    .from(contactAffiliations)
    .innerJoin(
      accounts,
      and(
        eq(accounts.workspaceId, contactAffiliations.workspaceId),
        eq(accounts.id, contactAffiliations.accountId),
      ),
    )
    .where(
      and(
        eq(contactAffiliations.workspaceId, ctx.workspaceId),
        eq(contactAffiliations.contactId, contactId),
      ),
    )
    .orderBy(
      sql`${contactAffiliations.startedOn} asc nulls last`,
      asc(contactAffiliations.createdAt),
      asc(contactAffiliations.id),
    );
  const today = todayOf(ctx);
  return rows.map(({ affiliation, accountName }) => ({
    ...affiliation,
    accountName,
    current: isCurrentAffiliation(affiliation, today),
  }));
}

export async function addAffiliation(
  ctx: Ctx,
  contactId: string,
  input: NewAffiliationInput,
): Promise<AffiliationView> {
  const contact = await getContact(ctx, contactId, { forUpdate: true });
  assertMayChangeContact(ctx.actor, await accessOf(ctx, contactId));
  assertLive(contact);
  const account = await affiliableAccount(ctx, input.accountId);
  await assertMayChangeAffiliatedAccount(ctx, account);
  const now = ctx.now();
  const [affiliation] = await ctx.db
    .insert(contactAffiliations)
    .values({
      ...input,
      workspaceId: ctx.workspaceId,
      contactId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!affiliation) throw new Error("affiliation insert returned nothing");
  await recordAudit(ctx, {
    action: "contact.affiliation_added",
    entityType: "contact",
    entityId: contactId,
    after: affiliation,
  });
  await recomputeHealthOf(ctx, account.id);
  return viewOfAffiliation(ctx, affiliation, account);
}

export async function changeAffiliation(
  ctx: Ctx,
  contactId: string,
  affiliationId: string,
  expectedVersion: number,
  change: AffiliationChange,
): Promise<AffiliationView> {
  const { before, account } = await loadForChange(ctx, contactId, affiliationId);
  assertVersion(expectedVersion, before.version);
  const startedOn = change.startedOn !== undefined ? change.startedOn : before.startedOn;
  const endedOn = change.endedOn !== undefined ? change.endedOn : before.endedOn;
  if (startedOn && endedOn && endedOn < startedOn) {
    // Name the field that was sent: the other one is the stored value it clashes with.
    throw change.endedOn !== undefined
      ? fieldError("endedOn", `Must not be before startedOn (${startedOn})`)
      : fieldError("startedOn", `Must not be after endedOn (${endedOn})`);
  }
  const after = await writeAffiliation(ctx, before, change);
  await recordAudit(ctx, {
    action: "contact.affiliation_changed",
    entityType: "contact",
    entityId: contactId,
    before,
    after,
  });
  await recomputeHealthOf(ctx, account.id);
  return viewOfAffiliation(ctx, after, account);
}

/** The person left (or will leave) the account on endedOn, today unless given. */
export async function endAffiliation(
  ctx: Ctx,
  contactId: string,
  affiliationId: string,
  input: { endedOn?: string },
  expectedVersion?: number,
): Promise<AffiliationView> {
  const { before, account } = await loadForChange(ctx, contactId, affiliationId);
  if (expectedVersion !== undefined) assertVersion(expectedVersion, before.version);
  const today = todayOf(ctx);
  if (!isCurrentAffiliation(before, today)) {
    throw new AppError(
      "CONFLICT",
      `This affiliation already ended on ${before.endedOn}; change its endedOn to correct it.`,
    );
  }
  const endedOn = input.endedOn ?? today;
  if (before.startedOn && endedOn < before.startedOn) {
    throw fieldError("endedOn", `Must not be before startedOn (${before.startedOn})`);
  }
  const after = await writeAffiliation(ctx, before, { endedOn });
  await recordAudit(ctx, {
    action: "contact.affiliation_ended",
    entityType: "contact",
    entityId: contactId,
    before,
    after,
  });
  await recomputeHealthOf(ctx, account.id);
  return viewOfAffiliation(ctx, after, account);
}

// ---------------------------------------------------------------------------------------------
// Rules

/** Who works at the account feeds its health (multi-threading): ask for a recompute, by job name. */
async function recomputeHealthOf(ctx: Ctx, accountId: string): Promise<void> {
  await enqueueJob(
    ctx.db,
    ctx.now(),
    refreshJob(healthRecomputeJobName, ctx.workspaceId, { accountId }),
  );
}

async function loadForChange(ctx: Ctx, contactId: string, affiliationId: string) {
  const contact = await getContact(ctx, contactId);
  const [before] = await ctx.db
    .select()
    .from(contactAffiliations)
    .where(
      and(
        eq(contactAffiliations.workspaceId, ctx.workspaceId),
        eq(contactAffiliations.contactId, contactId),
        eq(contactAffiliations.id, affiliationId),
      ),
    )
    .for("update");
  if (!before) throw notFound("affiliation");
  assertMayChangeContact(ctx.actor, await accessOf(ctx, contactId));
  assertLive(contact);
  const account = await getAccount(ctx, before.accountId);
  await assertMayChangeAffiliatedAccount(ctx, account);
  return { before, account };
}

function assertLive(contact: Contact): void {
  if (contact.archivedAt) {
    throw new AppError("CONFLICT", "The contact is archived: unarchive it to change it.");
  }
}

/** A new affiliation needs a live account of this workspace; anything else is bad input. */
async function affiliableAccount(ctx: Ctx, accountId: string): Promise<Account> {
  const [account] = await ctx.db
    .select()
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.workspaceId), eq(accounts.id, accountId)));
  if (!account) throw fieldError("accountId", "No such account in this workspace");
  if (account.archivedAt) {
    throw fieldError("accountId", "The account is archived");
  }
  return account;
}

async function assertMayChangeAffiliatedAccount(ctx: Ctx, account: Account): Promise<void> {
  const people = {
    ownerId: account.ownerId,
    teamMemberIds: await teamMemberIdsOf(ctx, account.id),
  };
  if (!mayChangeAccount(ctx.actor, people)) {
    throw new AppError(
      "FORBIDDEN",
      `Only ${account.name}'s owner, its team and managers may change who works there.`,
    );
  }
}

/** A rule on one field, answered like the schema's own validation errors. */
function fieldError(path: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", `${path}: ${message}`, {
    errors: [{ path, message }],
  });
}

async function writeAffiliation(
  ctx: Ctx,
  before: ContactAffiliation,
  change: AffiliationChange,
): Promise<ContactAffiliation> {
  const [after] = await ctx.db
    .update(contactAffiliations)
    .set({ ...change, updatedAt: ctx.now(), version: sql`${contactAffiliations.version} + 1` })
    .where(
      and(
        eq(contactAffiliations.workspaceId, ctx.workspaceId),
        eq(contactAffiliations.id, before.id),
        eq(contactAffiliations.version, before.version),
      ),
    )
    .returning();
  if (!after) throw new AppError("STALE_VERSION");
  return after;
}

function viewOfAffiliation(
  ctx: Ctx,
  affiliation: ContactAffiliation,
  account: Account,
): AffiliationView {
  return {
    ...affiliation,
    accountName: account.name,
    current: isCurrentAffiliation(affiliation, todayOf(ctx)),
  };
}
