/**
 * Who a send reaches: named contacts (each at the account of their oldest current
 * affiliation), an account's current people, or a segment of accounts (tier, status, tag)
 * and their current people. References to another workspace's contacts or accounts are a
 * 400 naming the field, like every body reference in Rapport. People the sender may not
 * survey, or who cannot be surveyed, are returned as skipped with a reason, not refused.
 */
import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { hasRole } from "../../platform/auth/auth.policies";
import type { Ctx } from "../../platform/http/context";
import { AppError, type FieldError } from "../../platform/http/errors";
import { accounts, accountTeamMembers } from "../accounts";
import { contactAffiliations, contacts, currentAffiliationCondition, todayOf } from "../contacts";
import {
  MAX_SURVEY_RECIPIENTS,
  type SurveySkipReason,
  type sendSurveyInput,
} from "./surveys.inputs";
import { assertMaySurveyAccount, maySurveyAccount } from "./surveys.policies";

export type Recipient = {
  contactId: string;
  firstName: string;
  lastName: string | null;
  email: string | null;
  accountId: string;
  accountName: string;
};
export type Skipped = { contactId: string; reason: SurveySkipReason; message: string };

type Target = Pick<z.output<typeof sendSurveyInput>, "contactIds" | "accountId" | "segment">;

type Row = Recipient & {
  ownerId: string;
  accountArchivedAt: Date | null;
  contactArchived: boolean;
};

const rowColumns = {
  contactId: contacts.id,
  firstName: contacts.firstName,
  lastName: contacts.lastName,
  email: sql<string | null>`${contacts.emails}[1]`,
  accountId: accounts.id,
  accountName: accounts.name,
  ownerId: accounts.ownerId,
  accountArchivedAt: accounts.archivedAt,
  contactArchived: sql<boolean>`(${contacts.archivedAt} is not null or ${contacts.mergedIntoId} is not null)`,
};

/** Current people of the accounts matching `where`, oldest affiliation first. */
function peopleOf(ctx: Ctx, where: SQL | undefined) {
  return ctx.db
    .select(rowColumns)
    .from(contactAffiliations)
    .innerJoin(
      contacts,
      and(
        eq(contacts.workspaceId, contactAffiliations.workspaceId),
        eq(contacts.id, contactAffiliations.contactId),
      ),
    )
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
        currentAffiliationCondition(todayOf(ctx)),
        where,
      ),
    )
    .orderBy(asc(contactAffiliations.createdAt), asc(contactAffiliations.id));
}

/** The accounts the actor serves (owner or current team), for members; managers serve all. */
async function servedAccountIds(ctx: Ctx): Promise<Set<string> | "all"> {
  if (hasRole(ctx.actor.role, "manager")) return "all";
  const rows = await ctx.db
    .select({ accountId: accountTeamMembers.accountId })
    .from(accountTeamMembers)
    .where(
      and(
        eq(accountTeamMembers.workspaceId, ctx.workspaceId),
        eq(accountTeamMembers.memberId, ctx.actor.memberId ?? ""),
        isNull(accountTeamMembers.endedAt),
      ),
    );
  return new Set(rows.map((r) => r.accountId));
}

function badField(errors: FieldError[]): AppError {
  const first = errors[0];
  return new AppError("VALIDATION_FAILED", `${first?.path}: ${first?.message}`, { errors });
}

export async function resolveRecipients(
  ctx: Ctx,
  target: Target,
): Promise<{ recipients: Recipient[]; skipped: Skipped[] }> {
  const served = await servedAccountIds(ctx);
  const people = (row: Row) => ({
    ownerId: row.ownerId,
    teamMemberIds: served === "all" || !served.has(row.accountId) ? [] : [ctx.actor.memberId ?? ""],
  });
  let rows: Row[];
  const skipped: Skipped[] = [];
  if (target.contactIds) {
    const ids = [...new Set(target.contactIds)];
    const known = await ctx.db
      .select({
        id: contacts.id,
        archivedAt: contacts.archivedAt,
        mergedIntoId: contacts.mergedIntoId,
      })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, ids)));
    const knownIds = new Set(known.map((c) => c.id));
    const missing = (target.contactIds ?? []).flatMap((id, i) =>
      knownIds.has(id)
        ? []
        : [{ path: `contactIds.${i}`, message: "No such contact in this workspace" }],
    );
    if (missing.length > 0) throw badField(missing);
    rows = await peopleOf(ctx, inArray(contacts.id, ids));
    const withAccount = new Set(rows.map((r) => r.contactId));
    for (const contact of known) {
      if (contact.archivedAt || contact.mergedIntoId) {
        skipped.push({
          contactId: contact.id,
          reason: "archived",
          message: "The contact is archived.",
        });
      } else if (!withAccount.has(contact.id)) {
        skipped.push({
          contactId: contact.id,
          reason: "no_current_account",
          message: "The contact works at none of your accounts now; affiliate them first.",
        });
      }
    }
    // Named people: surveying one the sender may not is a refusal, not a silent skip.
    for (const row of rows) assertMaySurveyAccount(ctx.actor, people(row), row.accountName);
  } else if (target.accountId) {
    const [account] = await ctx.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.workspaceId, ctx.workspaceId), eq(accounts.id, target.accountId)));
    if (!account)
      throw badField([{ path: "accountId", message: "No such account in this workspace" }]);
    assertMaySurveyAccount(
      ctx.actor,
      {
        ownerId: account.ownerId,
        teamMemberIds:
          served === "all" || !served.has(account.id) ? [] : [ctx.actor.memberId ?? ""],
      },
      account.name,
    );
    if (account.archivedAt) {
      throw new AppError(
        "CONFLICT",
        `${account.name} is archived: unarchive it to survey its people.`,
      );
    }
    rows = await peopleOf(ctx, eq(accounts.id, account.id));
  } else {
    const segment = target.segment ?? {};
    rows = await peopleOf(
      ctx,
      and(
        isNull(accounts.archivedAt),
        segment.tier ? eq(accounts.tier, segment.tier) : undefined,
        segment.status ? eq(accounts.status, segment.status) : undefined,
        segment.tag ? sql`${accounts.tags} @> array[${segment.tag}]::text[]` : undefined,
      ),
    );
  }
  const recipients: Recipient[] = [];
  const seen = new Set<string>();
  // A live account before an archived one, so a person is surveyed where they still are.
  const ordered = [...rows].sort(
    (a, b) => Number(!!a.accountArchivedAt) - Number(!!b.accountArchivedAt),
  );
  for (const row of ordered) {
    if (seen.has(row.contactId)) continue; // one request per person, at their oldest account
    seen.add(row.contactId);
    const { ownerId: _o, accountArchivedAt, contactArchived, ...recipient } = row;
    if (contactArchived || accountArchivedAt) {
      if (!target.contactIds?.length || contactArchived) continue; // listed above, or not asked for
      skipped.push({
        contactId: row.contactId,
        reason: "archived",
        message: `${row.accountName} is archived.`,
      });
    } else if (!maySurveyAccount(ctx.actor, people(row))) {
      skipped.push({
        contactId: row.contactId,
        reason: "not_your_account",
        message: `You do not serve ${row.accountName}; ask its owner or a manager.`,
      });
    } else {
      recipients.push(recipient);
    }
  }
  if (recipients.length > MAX_SURVEY_RECIPIENTS) {
    throw new AppError(
      "VALIDATION_FAILED",
      `That reaches ${recipients.length} people; send to at most ${MAX_SURVEY_RECIPIENTS} at a time (narrow the segment).`,
      {
        errors: [{ path: "segment", message: `Reaches more than ${MAX_SURVEY_RECIPIENTS} people` }],
      },
    );
  }
  return { recipients, skipped };
}
