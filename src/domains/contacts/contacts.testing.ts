/**
 * What the contacts test files share: calls through the typed client with the shapes the
 * tests use most, and reading back the audit trail. Not a test file itself.
 */
import { and, asc, eq } from "drizzle-orm";
import { expect } from "vitest";
import { auditEvents } from "../../platform/audit/audit.schema";
import { expectJson, expectProblem } from "../../platform/testing/http";
import type { TestApp } from "../../platform/testing/test-app";
import { buildAccount } from "../accounts";
import { buildAffiliation, buildContact } from "./contacts.factory";
import type { CreateAffiliationInput, CreateContactInput } from "./contacts.inputs";

export type Workspace = Awaited<ReturnType<TestApp["createWorkspace"]>>;
export type Actor = Workspace["owner"];

export function contactCalls(t: TestApp) {
  const api = (actor: Actor) => actor.client.api.v1.contacts;
  const ifMatch = (version?: number) =>
    version === undefined ? {} : { "if-match": `"${version}"` };

  return {
    api,
    create: async (actor: Actor, overrides: Partial<CreateContactInput> = {}) =>
      expectJson(await api(actor).$post({ json: buildContact(overrides) }), 201),
    get: (actor: Actor, id: string) => api(actor)[":id"].$get({ param: { id } }),
    patch: (actor: Actor, id: string, json: Record<string, unknown>, version?: number) =>
      api(actor)[":id"].$patch({ param: { id }, json, header: ifMatch(version) }),
    archive: (actor: Actor, id: string, version?: number) =>
      api(actor)[":id"].archive.$post({ param: { id }, header: ifMatch(version) }),
    unarchive: (actor: Actor, id: string, version?: number) =>
      api(actor)[":id"].unarchive.$post({ param: { id }, header: ifMatch(version) }),
    merge: (actor: Actor, id: string, sourceId: string) =>
      api(actor)[":id"].merge.$post({ param: { id }, json: { sourceId } }),
    affiliations: (actor: Actor, id: string) =>
      api(actor)[":id"].affiliations.$get({ param: { id } }),
    affiliate: (
      actor: Actor,
      id: string,
      accountId: string,
      overrides: Partial<CreateAffiliationInput> = {},
    ) =>
      api(actor)[":id"].affiliations.$post({
        param: { id },
        json: buildAffiliation(accountId, overrides),
      }),
    changeAffiliation: (
      actor: Actor,
      id: string,
      affiliationId: string,
      json: Record<string, unknown>,
      version?: number,
    ) =>
      api(actor)[":id"].affiliations[":affiliationId"].$patch({
        param: { id, affiliationId },
        json,
        header: ifMatch(version),
      }),
    endAffiliation: (
      actor: Actor,
      id: string,
      affiliationId: string,
      json?: { endedOn?: string },
      version?: number,
    ) =>
      api(actor)[":id"].affiliations[":affiliationId"].end.$post({
        param: { id, affiliationId },
        header: ifMatch(version),
        ...(json ? { json } : {}),
      } as never),
    newAccount: async (actor: Actor, ownerId?: string) =>
      expectJson(
        await actor.client.api.v1.accounts.$post({
          json: buildAccount(ownerId ? { ownerId } : {}),
        }),
        201,
      ),
    putOnTeam: async (actor: Actor, accountId: string, memberId: string) =>
      expectJson(
        await actor.client.api.v1.accounts[":id"].team[":memberId"].$put({
          param: { id: accountId, memberId },
          json: { role: "delivery" },
        }),
        200,
      ),
    /** Audit actions on a contact, oldest first. */
    auditOf: async (contactId: string) => {
      const rows = await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityType, "contact"), eq(auditEvents.entityId, contactId)))
        .orderBy(asc(auditEvents.id));
      return rows;
    },
    /** Raw JSON request for bad input the typed client cannot express. */
    send: (actor: Actor, method: string, path: string, body?: unknown, headers = {}) =>
      t.request(path, {
        method,
        headers: { "content-type": "application/json", ...actor.headers, ...headers },
        ...(body === undefined
          ? {}
          : { body: typeof body === "string" ? body : JSON.stringify(body) }),
      }),
  };
}

/** Asserts a 400 and returns the sorted field paths it names. */
export async function pathsOf(res: Response | { status: number; text(): Promise<string> }) {
  const problem = await expectProblem(res as Response, 400, "VALIDATION_FAILED");
  return problem.errors?.map((e) => e.path).sort();
}

/** Asserts a 409 naming an existing record, and returns its id. */
export async function existingIdOf(res: Response | { status: number; text(): Promise<string> }) {
  const problem = await expectProblem(res as Response, 409, "ALREADY_EXISTS");
  const existingId = (problem as unknown as { existingId?: string }).existingId;
  expect(existingId).toBeTypeOf("string");
  return existingId;
}
