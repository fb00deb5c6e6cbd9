/**
 * The rules an interaction must meet before it is written, each answered as a 400 with the
 * path of the field that breaks it (`contactIds.1`), all at once so a form can mark every
 * field: nothing happened in the future, a planned one has a date, the substance of a
 * meeting is written down, and everyone and everything linked belongs to the account.
 */
import { and, eq, inArray } from "drizzle-orm";
import { members } from "../../platform/auth/auth.schema";
import type { Ctx } from "../../platform/http/context";
import { AppError, type FieldError } from "../../platform/http/errors";
import { contactAffiliations, contacts } from "../contacts";
import { needs } from "../needs";
import {
  type InteractionKind,
  type InteractionState,
  kindsNeedingSummary,
} from "./interactions.inputs";

/** Clocks drift: a phone a few seconds ahead of the server still logs "just now". */
const CLOCK_SKEW_MS = 60_000;

export class FieldErrors {
  readonly list: FieldError[] = [];
  add(path: string, message: string): void {
    this.list.push({ path, message });
  }
  throwIfAny(): void {
    const first = this.list[0];
    if (!first) return;
    const more = this.list.length > 1 ? ` (and ${this.list.length - 1} more)` : "";
    throw new AppError("VALIDATION_FAILED", `${first.path}: ${first.message}${more}`, {
      errors: this.list,
    });
  }
}

/** The interaction as it will be once written, for the rules that span fields. */
export type InteractionShape = {
  kind: InteractionKind;
  state: InteractionState;
  scheduledAt: Date | null;
  occurredAt: Date | null;
  startedAt: Date | null;
  summary: string | null;
};

export function checkShape(ctx: Ctx, shape: InteractionShape, errors: FieldErrors): void {
  const latest = ctx.now().getTime() + CLOCK_SKEW_MS;
  if (shape.occurredAt && shape.occurredAt.getTime() > latest) {
    errors.add("occurredAt", "Must not be in the future: plan it with scheduledAt instead");
  }
  if (shape.startedAt && shape.startedAt.getTime() > latest) {
    errors.add("startedAt", "Must not be in the future");
  }
  if (shape.startedAt && !shape.occurredAt) {
    errors.add("startedAt", "Only once it happened: send occurredAt too");
  }
  if (shape.state === "planned" && !shape.scheduledAt) {
    errors.add("scheduledAt", "Required for a planned interaction (or send occurredAt to log it)");
  }
  if (
    shape.state === "completed" &&
    kindsNeedingSummary.includes(shape.kind) &&
    !shape.summary?.trim()
  ) {
    errors.add("summary", `Required once a ${shape.kind.replaceAll("_", " ")} happened`);
  }
}

/** Ids not yet linked, with the index they were sent at (the first, when repeated). */
function newIds(sent: readonly string[], linked: ReadonlySet<string>): Map<string, number> {
  const fresh = new Map<string, number>();
  sent.forEach((id, index) => {
    if (!linked.has(id) && !fresh.has(id)) fresh.set(id, index);
  });
  return fresh;
}

/**
 * A contact takes part only if they work, or worked, at the account (any affiliation) and
 * are not archived. Another workspace's contact reads as unknown. Contacts already linked
 * stay valid: editing an old meeting must not fail because someone was archived since.
 */
export async function checkContacts(
  ctx: Ctx,
  accountId: string,
  sent: readonly string[] | undefined,
  linked: ReadonlySet<string>,
  errors: FieldErrors,
): Promise<void> {
  const fresh = newIds(sent ?? [], linked);
  if (fresh.size === 0) return;
  const rows = await ctx.db
    .selectDistinct({ id: contacts.id, archivedAt: contacts.archivedAt })
    .from(contacts)
    .innerJoin(
      contactAffiliations,
      and(
        eq(contactAffiliations.workspaceId, contacts.workspaceId),
        eq(contactAffiliations.contactId, contacts.id),
        eq(contactAffiliations.accountId, accountId),
      ),
    )
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, [...fresh.keys()])));
  const found = new Map(rows.map((r) => [r.id, r]));
  for (const [id, index] of fresh) {
    const row = found.get(id);
    if (!row) errors.add(`contactIds.${index}`, "Not a person at this account (now or before)");
    else if (row.archivedAt) errors.add(`contactIds.${index}`, "The contact is archived");
  }
}

/** Our side: active members of this workspace. */
export async function checkMembers(
  ctx: Ctx,
  sent: readonly string[] | undefined,
  linked: ReadonlySet<string>,
  errors: FieldErrors,
): Promise<void> {
  const fresh = newIds(sent ?? [], linked);
  if (fresh.size === 0) return;
  const rows = await ctx.db
    .select({ id: members.id })
    .from(members)
    .where(
      and(
        eq(members.workspaceId, ctx.workspaceId),
        inArray(members.id, [...fresh.keys()]),
        eq(members.status, "active"),
      ),
    );
  const found = new Set(rows.map((r) => r.id));
  for (const [id, index] of fresh) {
    if (!found.has(id)) {
      errors.add(`memberIds.${index}`, "Not an active member of this workspace");
    }
  }
}

/** Needs discussed must be the account's own. */
export async function checkNeeds(
  ctx: Ctx,
  accountId: string,
  sent: readonly string[] | undefined,
  linked: ReadonlySet<string>,
  errors: FieldErrors,
): Promise<void> {
  const fresh = newIds(sent ?? [], linked);
  if (fresh.size === 0) return;
  const rows = await ctx.db
    .select({ id: needs.id })
    .from(needs)
    .where(
      and(
        eq(needs.workspaceId, ctx.workspaceId),
        eq(needs.accountId, accountId),
        inArray(needs.id, [...fresh.keys()]),
      ),
    );
  const found = new Set(rows.map((r) => r.id));
  for (const [id, index] of fresh) {
    if (!found.has(id)) errors.add(`needIds.${index}`, "Not a need of this account");
  }
}
