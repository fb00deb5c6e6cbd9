/**
 * What a logged touch costs the job queue: the derived work it asks for (cadence, tone,
 * health, alarms) runs once each, because the refresh requests coalesce while queued.
 */
import { and, eq } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobRegistry, createJobRunner, jobs } from "../../platform/jobs";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { createAlarmJobs } from "../alarms";
import { createCadenceJobs } from "../cadence";
import { accountHealth, createHealthJobs } from "../health";
import { createToneJobs } from "../tone";
import { interactionCalls } from "./interactions.testing";

let t: TestApp;
let call: ReturnType<typeof interactionCalls>;

beforeAll(async () => {
  t = await createTestApp();
  call = interactionCalls(t);
});
afterAll(async () => {
  await t.close();
});

describe("the work a logged touch queues", () => {
  it("ends in one health recompute: the tone job's follow-up joins the one the touch queued", async () => {
    const ws = await t.createWorkspace();
    const account = await call.newAccount(ws.owner);
    await t.settleQueuedJobs();
    const before = new Set((await t.db.select({ id: jobs.id }).from(jobs)).map((job) => job.id));
    await call.log(ws.owner, {
      accountId: account.id,
      kind: "call",
      summary: "A great call: they are delighted with the new reports.",
    });
    // As the server runs it on PGlite: one job at a time, oldest first.
    const runner = createJobRunner({
      db: t.db,
      now: t.clock,
      registry: createJobRegistry([
        ...createToneJobs(),
        ...createHealthJobs(),
        ...createCadenceJobs(),
        ...createAlarmJobs(),
      ]),
      logger: pino({ level: "silent" }),
      concurrency: 1,
    });
    await runner.runDueJobs();

    const ran = (
      await t.db
        .select({ id: jobs.id, name: jobs.name })
        .from(jobs)
        .where(and(eq(jobs.workspaceId, ws.workspace.id), eq(jobs.status, "done")))
    ).filter((job) => !before.has(job.id));
    const count = (name: string) => ran.filter((job) => job.name === name).length;
    expect(count("tone.score")).toBe(1);
    expect(count("health.recompute")).toBe(1);
    expect(count("cadence.sync")).toBe(1);
    expect(count("alarms.scan")).toBe(1);
    // That one recompute saw the tone the touch was scored with.
    const [health] = await t.db
      .select({ inputs: accountHealth.inputs })
      .from(accountHealth)
      .where(eq(accountHealth.accountId, account.id));
    expect(health?.inputs.tone).toHaveLength(1);
  });
});
