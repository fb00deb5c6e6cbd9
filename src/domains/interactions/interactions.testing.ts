/**
 * What the interactions test files share: an account with people and needs to talk about,
 * calls through the typed client, and reading back the audit trail and queued jobs. Not a
 * test file itself.
 */
import { and, asc, eq } from "drizzle-orm";
import { auditEvents } from "../../platform/audit/audit.schema";
import { jobs } from "../../platform/jobs";
import { expectJson, expectProblem } from "../../platform/testing/http";
import type { TestApp } from "../../platform/testing/test-app";
import { buildAccount } from "../accounts";
import { cadenceSyncJobName } from "../cadence/cadence.inputs";
import { buildAffiliation, buildContact } from "../contacts/contacts.factory";
import { buildNeed } from "../needs/needs.factory";
import { buildInteraction } from "./interactions.factory";
import type { CreateInteractionInput } from "./interactions.inputs";

export type Workspace = Awaited<ReturnType<TestApp["createWorkspace"]>>;
export type Actor = Workspace["owner"];
export const DAY = 86_400_000;

export function interactionCalls(t: TestApp) {
  const api = (actor: Actor) => actor.client.api.v1.interactions;
  const ifMatch = (version?: number) =>
    version === undefined ? {} : { "if-match": `"${version}"` };

  const newAccount = async (actor: Actor) =>
    expectJson(await actor.client.api.v1.accounts.$post({ json: buildAccount() }), 201);

  /** A contact affiliated with the account (ended on endedOn when given). */
  const newContact = async (actor: Actor, accountId: string, endedOn?: string) => {
    const contact = await expectJson(
      await actor.client.api.v1.contacts.$post({ json: buildContact() }),
      201,
    );
    await expectJson(
      await actor.client.api.v1.contacts[":id"].affiliations.$post({
        param: { id: contact.id },
        json: buildAffiliation(accountId, endedOn ? { endedOn } : {}),
      }),
      201,
    );
    return contact;
  };

  const newNeed = async (actor: Actor, accountId: string) =>
    expectJson(
      await actor.client.api.v1.accounts[":id"].needs.$post({
        param: { id: accountId },
        json: buildNeed(),
      }),
      201,
    );

  const post = (actor: Actor, input: Partial<CreateInteractionInput> & { accountId: string }) =>
    api(actor).$post({ json: buildInteraction(input, t.clock()) });

  return {
    api,
    newAccount,
    newContact,
    newNeed,
    post,
    log: async (actor: Actor, input: Partial<CreateInteractionInput> & { accountId: string }) =>
      expectJson(await post(actor, input), 201),
    /** A planned meeting `inDays` from now. */
    plan: async (
      actor: Actor,
      input: Partial<CreateInteractionInput> & { accountId: string },
      inDays = 2,
    ) =>
      expectJson(
        await post(actor, {
          kind: "meeting",
          occurredAt: null,
          scheduledAt: new Date(t.clock().getTime() + inDays * DAY).toISOString(),
          summary: null,
          ...input,
        }),
        201,
      ),
    get: (actor: Actor, id: string) => api(actor)[":id"].$get({ param: { id } }),
    list: (actor: Actor, query: Record<string, string> = {}) => api(actor).$get({ query }),
    patch: (actor: Actor, id: string, json: Record<string, unknown>, version?: number) =>
      api(actor)[":id"].$patch({ param: { id }, json, header: ifMatch(version) }),
    cancel: (actor: Actor, id: string, reason: string, version?: number) =>
      api(actor)[":id"].cancel.$post({ param: { id }, json: { reason }, header: ifMatch(version) }),
    archive: (actor: Actor, id: string, version?: number) =>
      api(actor)[":id"].archive.$post({ param: { id }, header: ifMatch(version) }),
    nextStepsTask: (actor: Actor, id: string, json: Record<string, unknown> = {}) =>
      api(actor)[":id"]["next-steps-task"].$post({ param: { id }, json }),
    timeline: (actor: Actor, id: string, query: Record<string, string> = {}) =>
      actor.client.api.v1.accounts[":id"].timeline.$get({ param: { id }, query }),
    ics: (actor: Actor, id: string) =>
      t.request(`/api/v1/interactions/${id}.ics`, { headers: actor.headers }),
    auditOf: (entityId: string) =>
      t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityType, "interaction"), eq(auditEvents.entityId, entityId)))
        .orderBy(asc(auditEvents.id)),
    /** Account ids of the cadence sync jobs queued so far, oldest first. */
    /** The accounts cadence syncs were asked for so far; settles them, so each later event's request is a row of its own. */
    cadenceSyncs: async (workspaceId: string) => {
      const requested = await t.db
        .select({ payload: jobs.payload })
        .from(jobs)
        .where(and(eq(jobs.name, cadenceSyncJobName), eq(jobs.workspaceId, workspaceId)))
        .orderBy(asc(jobs.createdAt), asc(jobs.id));
      await t.settleQueuedJobs(cadenceSyncJobName);
      return requested.map((job) => (job.payload as { accountId: string }).accountId);
    },
  };
}

export async function pathsOf(res: Response | { status: number; text(): Promise<string> }) {
  const problem = await expectProblem(res as Response, 400, "VALIDATION_FAILED");
  return problem.errors?.map((e) => e.path).sort();
}
