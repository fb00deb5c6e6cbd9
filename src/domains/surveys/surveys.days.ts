/** Business days in the workspace's zone: a detractor's call is due two working days on. */
import type { Ctx } from "../../platform/http/context";
import { addDays, type Day, dayOf, startOfDay } from "../../platform/time/zoned";
import { getWorkspaceTimeZone } from "../workspaces";

/** Saturday and Sunday are not business days (workspaces have no holiday calendar yet). */
export function isWeekend(day: Day): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The day n business days after the given one. */
export function addBusinessDays(day: Day, n: number): Day {
  let current = day;
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    if (!isWeekend(current)) left -= 1;
  }
  return current;
}

/** The start of the day n business days after today where the firm is (a task's plain due day). */
export async function dueInBusinessDays(ctx: Ctx, n: number): Promise<Date> {
  const timeZone = await getWorkspaceTimeZone(ctx);
  return startOfDay(addBusinessDays(dayOf(ctx.now(), timeZone), n), timeZone);
}
