/**
 * Test support for health: accounts, alarm tasks, survey answers and tone scores written as
 * rows, the health read, and a runner with the cadence and health jobs.
 */
import { and, eq } from "drizzle-orm";
import { pino } from "pino";
import {
  contacts,
  surveyAnswers,
  surveyRequests,
  tasks,
  toneScores,
} from "../../platform/db/schema";
import type { Ctx } from "../../platform/http/context";
import { createJobRegistry, createJobRunner, enqueueJob } from "../../platform/jobs";
import { expectJson } from "../../platform/testing/http";
import type { TestApp } from "../../platform/testing/test-app";
import { buildAccount, type CreateAccountInput } from "../accounts";
import { createCadenceJobs } from "../cadence";
import { healthRecomputeJobName } from "./health.inputs";
import { createHealthJobs, healthRecomputeCron } from "./health.jobs";

type Workspace = Awaited<ReturnType<TestApp["createWorkspace"]>>;
type Actor = Workspace["owner"];

export function healthHelpers(t: TestApp) {
  const registry = createJobRegistry([...createCadenceJobs(), ...createHealthJobs()]).schedule(
    healthRecomputeCron,
  );
  const logger = pino({ level: "silent" });
  let seq = 0;
  return {
    systemCtx: (ws: Workspace): Ctx => ({
      db: t.db,
      now: t.clock,
      workspaceId: ws.workspace.id,
      actor: { memberId: null, role: "system", via: "job" },
    }),
    newAccount: async (actor: Actor, overrides: Partial<CreateAccountInput> = {}) =>
      expectJson(
        await actor.client.api.v1.accounts.$post({
          json: buildAccount({ status: "active", tier: "standard", ...overrides }),
        }),
        201,
      ),
    /** Open alarm tasks (source silence unless given) on the account. */
    raiseAlarms: async (
      ws: Workspace,
      accountId: string,
      n: number,
      source = "silence" as const,
    ) => {
      for (let i = 0; i < n; i += 1) {
        seq += 1;
        await t.db.insert(tasks).values({
          workspaceId: ws.workspace.id,
          accountId,
          title: `Alarm ${seq}`,
          assigneeId: ws.owner.memberId,
          source,
          sourceRef: `${source}:${accountId}:${seq}`,
          createdAt: t.clock(),
          updatedAt: t.clock(),
        });
      }
    },
    closeAlarms: (ws: Workspace, accountId: string) =>
      t.db
        .update(tasks)
        .set({ status: "done", closedAt: t.clock() })
        .where(and(eq(tasks.workspaceId, ws.workspace.id), eq(tasks.accountId, accountId))),
    /** A scored survey answer from a new contact at the account. */
    answer: async (
      ws: Workspace,
      accountId: string,
      kind: "nps" | "csat" | "check_in",
      score: number,
      answeredAt: string,
    ) => {
      seq += 1;
      const at = new Date(answeredAt);
      const [contact] = await t.db
        .insert(contacts)
        .values({ workspaceId: ws.workspace.id, firstName: `Client ${seq}` })
        .returning();
      const [request] = await t.db
        .insert(surveyRequests)
        .values({
          workspaceId: ws.workspace.id,
          kind,
          contactId: contact?.id ?? "",
          accountId,
          tokenHash: `hash-${seq}-${Math.random()}`,
          expiresAt: new Date(at.getTime() + 86_400_000),
          answeredAt: at,
        })
        .returning();
      await t.db.insert(surveyAnswers).values({
        workspaceId: ws.workspace.id,
        requestId: request?.id ?? "",
        kind,
        contactId: contact?.id ?? "",
        accountId,
        score,
        answeredAt: at,
        editableUntil: new Date(at.getTime() + 86_400_000),
      });
    },
    /** A tone score of a touch, optionally corrected by a member. */
    tone: async (
      ws: Workspace,
      accountId: string,
      score: number,
      subjectAt: string,
      correctedLabel: "negative" | "neutral" | "positive" | null = null,
    ) => {
      await t.db.insert(toneScores).values({
        workspaceId: ws.workspace.id,
        subjectType: "interaction",
        subjectId: crypto.randomUUID(),
        accountId,
        textHash: "test",
        language: "en",
        score,
        label: score <= -0.1 ? "negative" : score >= 0.1 ? "positive" : "neutral",
        scorer: "test",
        subjectAt: new Date(subjectAt),
        correctedLabel,
      });
    },
    health: async (actor: Actor, accountId: string) =>
      expectJson(
        await actor.client.api.v1.accounts[":id"].health.$get({ param: { id: accountId } }),
        200,
      ),
    enqueueRecompute: (ws: Workspace, payload: { accountId?: string } = {}) =>
      enqueueJob(t.db, t.clock(), {
        name: healthRecomputeJobName,
        payload,
        workspaceId: ws.workspace.id,
      }),
    /** A fresh runner each time, as after a restart. */
    runJobs: () =>
      createJobRunner({ db: t.db, now: t.clock, registry, logger, workerId: "test" }).runDueJobs(),
  };
}
