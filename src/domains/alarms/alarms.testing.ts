/**
 * Test support for alarms and the digest: accounts, survey answers and scored touches
 * written as rows (what the surveys and tone domains write), and a fresh job runner per
 * call, as after a restart. Not a test file itself.
 */
import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { interactions, surveyAnswers, surveyRequests, toneScores } from "../../platform/db/schema";
import type { Ctx } from "../../platform/http/context";
import {
  type CronDefinition,
  createJobRegistry,
  createJobRunner,
  enqueueJob,
  type JobDefinition,
} from "../../platform/jobs";
import { expectJson } from "../../platform/testing/http";
import type { TestApp } from "../../platform/testing/test-app";
import { buildAccount, type CreateAccountInput } from "../accounts";
import { buildContact } from "../contacts/contacts.factory";
import type { SurveyKind } from "../surveys/surveys.inputs";
import { toneLabelOf } from "../tone";
import { alarmsScanJobName } from "./alarms.inputs";
import { alarmsScanCron, createAlarmJobs } from "./alarms.jobs";

export type Workspace = Awaited<ReturnType<TestApp["createWorkspace"]>>;
export type Actor = Workspace["owner"];
export const DAY = 86_400_000;

export function alarmHelpers(
  t: TestApp,
  extra: { jobs?: JobDefinition[]; crons?: CronDefinition[] } = {},
) {
  const registry = createJobRegistry([...createAlarmJobs(), ...(extra.jobs ?? [])]).schedule(
    alarmsScanCron,
    ...(extra.crons ?? []),
  );
  const logger = pino({ level: "silent" });
  const contactOf = new Map<string, string>();

  async function contactFor(ws: Workspace): Promise<string> {
    const known = contactOf.get(ws.workspace.id);
    if (known) return known;
    const contact = await expectJson(
      await ws.owner.client.api.v1.contacts.$post({ json: buildContact() }),
      201,
    );
    contactOf.set(ws.workspace.id, contact.id);
    return contact.id;
  }

  return {
    registry,
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
    /** A survey answer as the surveys domain stores it. */
    answer: async (
      ws: Workspace,
      accountId: string,
      kind: SurveyKind,
      score: number,
      at: string | Date,
    ) => {
      const contactId = await contactFor(ws);
      const [request] = await t.db
        .insert(surveyRequests)
        .values({
          workspaceId: ws.workspace.id,
          kind,
          contactId,
          accountId,
          tokenHash: randomUUID(),
          expiresAt: new Date(new Date(at).getTime() + 14 * DAY),
        })
        .returning();
      await t.db.insert(surveyAnswers).values({
        workspaceId: ws.workspace.id,
        requestId: request?.id ?? "",
        kind,
        contactId,
        accountId,
        score,
        answeredAt: new Date(at),
        editableUntil: new Date(new Date(at).getTime() + DAY),
      });
    },
    /** A completed touch (outbound unless told) with a tone score, as the tone job writes it. */
    scoredTouch: async (ws: Workspace, accountId: string, score: number, at: string | Date) => {
      const [touch] = await t.db
        .insert(interactions)
        .values({
          workspaceId: ws.workspace.id,
          accountId,
          kind: "call",
          direction: "outbound",
          state: "completed",
          occurredAt: new Date(at),
          summary: "A call",
          createdById: ws.owner.memberId,
        })
        .returning();
      await t.db.insert(toneScores).values({
        workspaceId: ws.workspace.id,
        subjectType: "interaction",
        subjectId: touch?.id ?? "",
        accountId,
        textHash: randomUUID(),
        language: "en",
        score,
        label: toneLabelOf(score),
        scorer: "test",
        subjectAt: new Date(at),
      });
      return touch;
    },
    inboundTouch: async (ws: Workspace, accountId: string, at: string | Date) =>
      t.db.insert(interactions).values({
        workspaceId: ws.workspace.id,
        accountId,
        kind: "email",
        direction: "inbound",
        state: "completed",
        occurredAt: new Date(at),
        createdById: ws.owner.memberId,
      }),
    enqueueScan: (ws: Workspace, payload: { accountId?: string } = {}) =>
      enqueueJob(t.db, t.clock(), {
        name: alarmsScanJobName,
        payload,
        workspaceId: ws.workspace.id,
      }),
    /** A fresh runner each time, as after a restart. */
    runJobs: (workerId = "test") =>
      createJobRunner({ db: t.db, now: t.clock, registry, logger, workerId }).runDueJobs(),
    alarmTasks: async (
      actor: Actor,
      query: {
        accountId?: string;
        source?: "trend" | "tone" | "silence";
        status?: "open" | "done" | "dismissed";
      },
    ) => (await expectJson(await actor.client.api.v1.tasks.$get({ query }), 200)).data,
  };
}
