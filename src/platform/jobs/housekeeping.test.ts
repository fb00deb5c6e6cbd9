import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/client";
import { idempotencyKeys } from "../http/idempotency.schema";
import { createTestClock } from "../testing/clock";
import { openTestDatabase } from "../testing/databases";
import { removeExpiredRecords } from "./housekeeping";
import { jobs } from "./jobs.schema";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const HOUR = 3_600_000;
const workspaceId = "0190f0f0-0000-7000-8000-0000000000aa";
const memberId = "0190f0f0-0000-7000-8000-0000000000bb";

describe("housekeeping", () => {
  it("forgets idempotency keys after 24 hours and finished jobs after 30 days, keeping failures", async () => {
    const clock = createTestClock("2026-03-01T12:00:00Z");
    const at = (hoursAgo: number) => new Date(clock().getTime() - hoursAgo * HOUR);
    const key = (name: string, hoursAgo: number) => ({
      workspaceId,
      memberId,
      key: name,
      method: "POST",
      path: "/api/v1/tokens",
      requestHash: "h",
      statusCode: 201,
      responseBody: "{}",
      createdAt: at(hoursAgo),
    });
    await database.db.insert(idempotencyKeys).values([key("old", 25), key("fresh", 23)]);
    const job = (name: string, status: "done" | "failed", daysAgo: number) => ({
      name,
      status,
      runAt: at(daysAgo * 24),
      finishedAt: at(daysAgo * 24),
    });
    await database.db
      .insert(jobs)
      .values([
        job("old-done", "done", 31),
        job("recent-done", "done", 29),
        job("old-failed", "failed", 90),
      ]);

    const removed = await removeExpiredRecords(database.db, clock());
    expect(removed).toEqual({ idempotencyKeys: 1, jobs: 1 });
    const keys = await database.db.select({ key: idempotencyKeys.key }).from(idempotencyKeys);
    expect(keys.map((k) => k.key)).toEqual(["fresh"]);
    const left = await database.db
      .select({ name: jobs.name })
      .from(jobs)
      .where(eq(jobs.status, "done"));
    expect(left.map((j) => j.name)).toEqual(["recent-done"]);
    const failed = await database.db.select().from(jobs).where(eq(jobs.name, "old-failed"));
    expect(failed).toHaveLength(1);
  });
});
