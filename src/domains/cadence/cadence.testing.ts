/** Test support for cadence: accounts in a given state, touches written as rows, the runner. */

import { eq } from "drizzle-orm";
import { pino } from "pino";
import { workspaces } from "../../platform/auth/auth.schema";
import { interactions } from "../../platform/db/schema";
import type { Ctx } from "../../platform/http/context";
import { createJobRegistry, createJobRunner, enqueueJob } from "../../platform/jobs";
import { expectJson } from "../../platform/testing/http";
import type { TestApp } from "../../platform/testing/test-app";
import { buildAccount, type CreateAccountInput } from "../accounts";
import type { InteractionKind } from "../interactions/interactions.inputs";
import { cadenceSyncJobName } from "./cadence.inputs";
import { cadenceSyncCron, createCadenceJobs } from "./cadence.jobs";

type Workspace = Awaited<ReturnType<TestApp["createWorkspace"]>>;
type Actor = Workspace["owner"];

export function cadenceHelpers(t: TestApp) {
  const registry = createJobRegistry(createCadenceJobs()).schedule(cadenceSyncCron);
  const logger = pino({ level: "silent" });
  return {
    systemCtx: (workspaceId: string): Ctx => ({
      db: t.db,
      now: t.clock,
      workspaceId,
      actor: { memberId: null, role: "system", via: "job" },
    }),
    newAccount: async (actor: Actor, overrides: Partial<CreateAccountInput> = {}) =>
      expectJson(
        await actor.client.api.v1.accounts.$post({
          json: buildAccount({ status: "active", tier: "standard", ...overrides }),
        }),
        201,
      ),
    /** A completed touch, as the interactions domain writes it. */
    touch: async (
      ws: Workspace,
      accountId: string,
      occurredAt: string | Date,
      kind: InteractionKind = "call",
      state: "completed" | "planned" | "cancelled" = "completed",
    ) => {
      const [row] = await t.db
        .insert(interactions)
        .values({
          workspaceId: ws.workspace.id,
          accountId,
          kind,
          state,
          occurredAt: new Date(occurredAt),
          createdById: ws.owner.memberId,
          createdAt: t.clock(),
          updatedAt: t.clock(),
        })
        .returning();
      return row;
    },
    setTimeZone: (ws: Workspace, timeZone: string) =>
      t.db.update(workspaces).set({ timeZone }).where(eq(workspaces.id, ws.workspace.id)),
    enqueueSync: (ws: Workspace, payload: { accountId?: string } = {}) =>
      enqueueJob(t.db, t.clock(), {
        name: cadenceSyncJobName,
        payload,
        workspaceId: ws.workspace.id,
      }),
    /** A fresh runner each time, as after a restart. */
    runJobs: (workerId = "test") =>
      createJobRunner({ db: t.db, now: t.clock, registry, logger, workerId }).runDueJobs(),
    status: async (actor: Actor, accountId: string) =>
      (
        await expectJson(
          await actor.client.api.v1.cadence.status.$get({ query: { accountId } }),
          200,
        )
      ).data,
    cadenceTasks: async (actor: Actor, accountId: string, status?: "open" | "done" | "dismissed") =>
      (
        await expectJson(
          await actor.client.api.v1.tasks.$get({
            query: { accountId, source: "cadence", ...(status ? { status } : {}) },
          }),
          200,
        )
      ).data,
  };
}
