/**
 * After the rows are written, the app's own derived numbers, computed by the domains' own
 * functions with a system context whose clock is set to the moment being reproduced:
 * - health three and four weeks and a fortnight ago (before any alarm existed),
 * - cadence sync and the alarms scan a week ago (the tasks they raised then are late now),
 * - health a week ago (what "declined in 7 days" compares with),
 * - cadence sync, the alarms scan and health now.
 * So the portfolio has trends and sparklines, Today has late and new tasks, and every
 * score is what the app itself would have computed. Each step is one transaction, as the
 * jobs run them.
 */
import type { Db } from "../../platform/db/client";
import { tasks } from "../../platform/db/schema";
import type { Ctx } from "../../platform/http/context";
import { scanAlarms } from "../alarms";
import { syncCadenceTasks } from "../cadence";
import { recomputeHealth } from "../health";
import type { NewTask } from "./demo.listening";
import { addDays } from "./demo.random";
import { insertRows } from "./demo.write";

export type DeriveProgress = (step: string, done: number, total: number) => void;

export function systemCtx(db: Db, workspaceId: string, at: Date): Ctx {
  return { db, now: () => at, workspaceId, actor: { memberId: null, role: "system", via: "demo" } };
}

export async function deriveFirm(
  db: Db,
  workspaceId: string,
  now: Date,
  /** Open detractor tasks: each appears from the moment its answer came in. */
  laterTasks: NewTask[],
  progress: DeriveProgress,
): Promise<void> {
  const at = (at: Date, fn: (ctx: Ctx) => Promise<unknown>) =>
    db.transaction((tx) => fn(systemCtx(tx, workspaceId, at)));
  const weekAgo = addDays(now, -7);
  const healthAt = [addDays(now, -28), addDays(now, -21), addDays(now, -14), weekAgo, now];
  let health = 0;
  const recompute = async (when: Date) => {
    await at(when, (ctx) => recomputeHealth(ctx));
    progress("health", ++health, healthAt.length);
  };
  const tasksUntil = async (when: Date, after?: Date) => {
    const due = laterTasks.filter((t) => {
      const created = (t.createdAt as Date).getTime();
      return created <= when.getTime() && (!after || created > after.getTime());
    });
    await insertRows(db, tasks, due);
  };

  progress("health", 0, healthAt.length);
  for (const when of healthAt.slice(0, 3)) await recompute(when);

  progress("cadence", 0, 2);
  progress("alarms", 0, 2);
  await tasksUntil(weekAgo);
  await at(weekAgo, (ctx) => syncCadenceTasks(ctx));
  progress("cadence", 1, 2);
  await at(weekAgo, (ctx) => scanAlarms(ctx));
  progress("alarms", 1, 2);
  await recompute(weekAgo);

  await tasksUntil(now, weekAgo);
  await at(now, (ctx) => syncCadenceTasks(ctx));
  progress("cadence", 2, 2);
  await at(now, (ctx) => scanAlarms(ctx));
  progress("alarms", 2, 2);
  await recompute(now);
}
