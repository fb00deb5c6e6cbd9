/**
 * The people and needs linked to interactions: read for a whole page in three queries (a
 * list is never N+1) and replaced set-wise when an edit sends a new list.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { members, users } from "../../platform/auth/auth.schema";
import type { Ctx } from "../../platform/http/context";
import { contacts } from "../contacts";
import { needs } from "../needs";
import {
  type Interaction,
  interactionContacts,
  interactionMembers,
  interactionNeeds,
} from "./interactions.schema";

export type LinkedContact = { id: string; name: string; email: string | null };
export type LinkedMember = { id: string; name: string; email: string };
export type LinkedNeed = { id: string; title: string };

export type InteractionView = Interaction & {
  contacts: LinkedContact[];
  members: LinkedMember[];
  needs: LinkedNeed[];
};

function groupBy<T extends { interactionId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.interactionId) ?? [];
    list.push(row);
    map.set(row.interactionId, list);
  }
  return map;
}

/** The interactions with their participants and needs, in the order given. */
export async function viewsOf(ctx: Ctx, rows: Interaction[]): Promise<InteractionView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const contactRows = await ctx.db
    .select({
      interactionId: interactionContacts.interactionId,
      id: contacts.id,
      name: sql<string>`trim(${contacts.firstName} || ' ' || coalesce(${contacts.lastName}, ''))`,
      email: sql<string | null>`${contacts.emails}[1]`,
    })
    .from(interactionContacts)
    .innerJoin(
      contacts,
      and(
        eq(contacts.workspaceId, interactionContacts.workspaceId),
        eq(contacts.id, interactionContacts.contactId),
      ),
    )
    .where(
      and(
        eq(interactionContacts.workspaceId, ctx.workspaceId),
        inArray(interactionContacts.interactionId, ids),
      ),
    )
    .orderBy(asc(contacts.firstName), asc(contacts.lastName), asc(contacts.id));
  const memberRows = await ctx.db
    .select({
      interactionId: interactionMembers.interactionId,
      id: members.id,
      name: users.name,
      email: users.email,
    })
    .from(interactionMembers)
    .innerJoin(
      members,
      and(
        eq(members.workspaceId, interactionMembers.workspaceId),
        eq(members.id, interactionMembers.memberId),
      ),
    )
    .innerJoin(users, eq(users.id, members.userId))
    .where(
      and(
        eq(interactionMembers.workspaceId, ctx.workspaceId),
        inArray(interactionMembers.interactionId, ids),
      ),
    )
    .orderBy(asc(users.name), asc(members.id));
  const needRows = await ctx.db
    .select({ interactionId: interactionNeeds.interactionId, id: needs.id, title: needs.title })
    .from(interactionNeeds)
    .innerJoin(
      needs,
      and(
        eq(needs.workspaceId, interactionNeeds.workspaceId),
        eq(needs.id, interactionNeeds.needId),
      ),
    )
    .where(
      and(
        eq(interactionNeeds.workspaceId, ctx.workspaceId),
        inArray(interactionNeeds.interactionId, ids),
      ),
    )
    .orderBy(asc(needs.title), asc(needs.id));
  const byContact = groupBy(contactRows);
  const byMember = groupBy(memberRows);
  const byNeed = groupBy(needRows);
  return rows.map((row) => ({
    ...row,
    contacts: (byContact.get(row.id) ?? []).map(({ id, name, email }) => ({ id, name, email })),
    members: (byMember.get(row.id) ?? []).map(({ id, name, email }) => ({ id, name, email })),
    needs: (byNeed.get(row.id) ?? []).map(({ id, title }) => ({ id, title })),
  }));
}

export type LinkLists = { contactIds?: string[]; memberIds?: string[]; needIds?: string[] };

/** Replaces each list that was sent; lists not sent stay as they are. */
export async function replaceLinks(
  ctx: Ctx,
  interactionId: string,
  lists: LinkLists,
): Promise<void> {
  const workspaceId = ctx.workspaceId;
  if (lists.contactIds) {
    await ctx.db
      .delete(interactionContacts)
      .where(
        and(
          eq(interactionContacts.workspaceId, workspaceId),
          eq(interactionContacts.interactionId, interactionId),
        ),
      );
    const unique = [...new Set(lists.contactIds)];
    if (unique.length > 0) {
      await ctx.db
        .insert(interactionContacts)
        .values(unique.map((contactId) => ({ workspaceId, interactionId, contactId })));
    }
  }
  if (lists.memberIds) {
    await ctx.db
      .delete(interactionMembers)
      .where(
        and(
          eq(interactionMembers.workspaceId, workspaceId),
          eq(interactionMembers.interactionId, interactionId),
        ),
      );
    const unique = [...new Set(lists.memberIds)];
    if (unique.length > 0) {
      await ctx.db
        .insert(interactionMembers)
        .values(unique.map((memberId) => ({ workspaceId, interactionId, memberId })));
    }
  }
  if (lists.needIds) {
    await ctx.db
      .delete(interactionNeeds)
      .where(
        and(
          eq(interactionNeeds.workspaceId, workspaceId),
          eq(interactionNeeds.interactionId, interactionId),
        ),
      );
    const unique = [...new Set(lists.needIds)];
    if (unique.length > 0) {
      await ctx.db
        .insert(interactionNeeds)
        .values(unique.map((needId) => ({ workspaceId, interactionId, needId })));
    }
  }
}
