/**
 * What the agenda and feed tests share: seeding accounts, teams, people with important dates,
 * interactions, tasks and cadence rules as rows (so these tests do not depend on the other
 * domains' write rules), and moving the workspace's time zone. Not a test file itself.
 */
import { eq } from "drizzle-orm";
import { workspaces } from "../../platform/auth/auth.schema";
import { expectJson } from "../../platform/testing/http";
import type { TestApp } from "../../platform/testing/test-app";
import {
  type AccountStatus,
  accounts,
  accountTeamMembers,
  buildAccount,
  type teamRoleValues,
} from "../accounts";
import { cadenceRules } from "../cadence";
import { contactAffiliations, contacts, type ImportantDate } from "../contacts";
import {
  type Interaction,
  interactionContacts,
  interactionMembers,
  interactions,
} from "../interactions";
import { type Task, tasks } from "../tasks";

export type Workspace = Awaited<ReturnType<TestApp["createWorkspace"]>>;
export type Actor = Workspace["owner"];

export function seeders(t: TestApp) {
  return {
    async setTimeZone(ws: Workspace, timeZone: string) {
      await t.db.update(workspaces).set({ timeZone }).where(eq(workspaces.id, ws.workspace.id));
    },

    /** An account created through the API (by `actor`), then given the fields a test needs. */
    async account(
      actor: Actor,
      options: {
        name?: string;
        ownerId?: string;
        status?: AccountStatus;
        statusHistory?: { status: AccountStatus; changedAt: string }[];
        tier?: string;
        archived?: boolean;
        createdAt?: string;
      } = {},
    ) {
      const created = await expectJson(
        await actor.client.api.v1.accounts.$post({
          json: buildAccount({
            ...(options.name ? { name: options.name } : {}),
            tier: options.tier ?? "key",
          }),
        }),
        201,
      );
      const [row] = await t.db
        .update(accounts)
        .set({
          ...(options.ownerId ? { ownerId: options.ownerId } : {}),
          ...(options.status ? { status: options.status } : {}),
          ...(options.statusHistory ? { statusHistory: options.statusHistory } : {}),
          ...(options.archived ? { archivedAt: t.clock() } : {}),
          ...(options.createdAt ? { createdAt: new Date(options.createdAt) } : {}),
          updatedAt: t.clock(),
        })
        .where(eq(accounts.id, created.id))
        .returning();
      if (!row) throw new Error("account vanished");
      return row;
    },

    async team(
      workspaceId: string,
      accountId: string,
      memberId: string,
      role: (typeof teamRoleValues)[number] = "support",
      endedAt: Date | null = null,
    ) {
      await t.db
        .insert(accountTeamMembers)
        .values({ workspaceId, accountId, memberId, role, endedAt });
    },

    /** A contact at the account (affiliation ended when endedOn is given). */
    async contact(
      workspaceId: string,
      accountId: string,
      options: {
        firstName?: string;
        lastName?: string;
        importantDates?: ImportantDate[];
        endedOn?: string;
        preferredChannel?: "email" | "phone";
      } = {},
    ) {
      const [contact] = await t.db
        .insert(contacts)
        .values({
          workspaceId,
          firstName: options.firstName ?? "Ada",
          lastName: options.lastName ?? "Lovelace",
          importantDates: options.importantDates ?? [],
          preferredChannel: options.preferredChannel ?? null,
          createdAt: t.clock(),
          updatedAt: t.clock(),
        })
        .returning();
      if (!contact) throw new Error("contact insert failed");
      await t.db.insert(contactAffiliations).values({
        workspaceId,
        contactId: contact.id,
        accountId,
        endedOn: options.endedOn ?? null,
      });
      return contact;
    },

    async interaction(
      workspaceId: string,
      values: Partial<Interaction> & {
        accountId: string;
        createdById: string;
        memberIds?: string[];
        contactIds?: string[];
      },
    ) {
      const { memberIds = [], contactIds = [], ...row } = values;
      const [interaction] = await t.db
        .insert(interactions)
        .values({
          workspaceId,
          kind: "meeting",
          state: row.occurredAt ? "completed" : "planned",
          createdAt: t.clock(),
          updatedAt: t.clock(),
          ...row,
        })
        .returning();
      if (!interaction) throw new Error("interaction insert failed");
      for (const memberId of memberIds) {
        await t.db
          .insert(interactionMembers)
          .values({ workspaceId, interactionId: interaction.id, memberId });
      }
      for (const contactId of contactIds) {
        await t.db
          .insert(interactionContacts)
          .values({ workspaceId, interactionId: interaction.id, contactId });
      }
      return interaction;
    },

    async task(workspaceId: string, values: Partial<Task> & { assigneeId: string; title: string }) {
      const [task] = await t.db
        .insert(tasks)
        .values({ workspaceId, createdAt: t.clock(), updatedAt: t.clock(), ...values })
        .returning();
      if (!task) throw new Error("task insert failed");
      return task;
    },

    /** An account rule; once a workspace has any rule, the defaults are not seeded. */
    async cadenceRule(
      workspaceId: string,
      values: { accountId: string; everyDays: number; kind?: "any" | Interaction["kind"] },
    ) {
      const [rule] = await t.db
        .insert(cadenceRules)
        .values({
          workspaceId,
          scope: "account",
          accountId: values.accountId,
          kind: values.kind ?? "any",
          everyDays: values.everyDays,
          createdAt: t.clock(),
          updatedAt: t.clock(),
        })
        .returning();
      if (!rule) throw new Error("rule insert failed");
      return rule;
    },
  };
}
