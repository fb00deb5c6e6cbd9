import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxMessages } from "../../platform/mail/mail.schema";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { alarmHelpers } from "../alarms/alarms.testing";
import { createDigestJobs, sendDailyDigest } from "./agenda.preferences.digest";

let t: TestApp;
let h: ReturnType<typeof alarmHelpers>;

beforeAll(async () => {
  t = await createTestApp();
  const digest = createDigestJobs({ publicUrl: "http://rapport.test" });
  h = alarmHelpers(t, { jobs: digest.jobs, crons: [digest.cron] });
});
afterAll(async () => {
  await t.close();
});

type Actor = Awaited<ReturnType<TestApp["createWorkspace"]>>["owner"];
const prefs = (actor: Actor) => actor.client.api.v1.me.preferences;
const digestsTo = async (workspaceId: string) =>
  t.db
    .select()
    .from(outboxMessages)
    .where(
      and(eq(outboxMessages.workspaceId, workspaceId), eq(outboxMessages.kind, "daily_digest")),
    )
    .orderBy(outboxMessages.createdAt);

describe("GET and PATCH /me/preferences", () => {
  it("starts from the defaults and changes only the caller's own", async () => {
    t.clock.set("2026-01-15T09:00:00Z");
    const ws = await t.createWorkspace("Prefs");
    const viewer = await ws.addMember("viewer");
    expect(await expectJson(await prefs(viewer).$get(), 200)).toEqual({
      dailyDigest: false,
      digestHour: 7,
      lastDigestOn: null,
      version: 0,
    });
    const changed = await expectJson(
      await prefs(viewer).$patch({
        header: { "if-match": '"0"' },
        json: { dailyDigest: true, digestHour: 8 },
      }),
      200,
    );
    expect(changed).toEqual({ dailyDigest: true, digestHour: 8, lastDigestOn: null, version: 1 });
    expect(await expectJson(await prefs(ws.owner).$get(), 200)).toMatchObject({
      dailyDigest: false,
    });
    const later = await expectJson(
      await prefs(viewer).$patch({ header: {}, json: { digestHour: 6 } }),
      200,
    );
    expect(later).toMatchObject({ dailyDigest: true, digestHour: 6, version: 2 });
    await expectProblem(
      await prefs(viewer).$patch({ header: { "if-match": '"1"' }, json: { digestHour: 9 } }),
      412,
      "STALE_VERSION",
    );
  });

  it("refuses bad input and strangers", async () => {
    const ws = await t.createWorkspace("Bad prefs");
    const patch = (body: unknown) =>
      t.request("/api/v1/me/preferences", {
        method: "PATCH",
        headers: { ...ws.owner.headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    for (const body of [
      { digestHour: 24 },
      { digestHour: 7.5 },
      { dailyDigest: "yes" },
      { hour: 7 },
      {},
    ]) {
      await expectProblem(await patch(body), 400, "VALIDATION_FAILED");
    }
    await expectProblem(await t.request("/api/v1/me/preferences"), 401, "UNAUTHENTICATED");
  });
});

describe("the daily digest", () => {
  it("sends one digest a day at the member's hour, across restarts, with the agenda and new alarms", async () => {
    t.clock.set("2026-01-01T09:00:00Z");
    await h.runJobs(); // first sight of the crons: they count from now
    const ws = await t.createWorkspace("Digest");
    const quiet = await ws.addMember("member");
    await expectJson(
      await prefs(ws.owner).$patch({ header: {}, json: { dailyDigest: true, digestHour: 8 } }),
      200,
    );
    await expectJson(await prefs(quiet).$patch({ header: {}, json: { digestHour: 8 } }), 200);
    await h.newAccount(ws.owner, { name: "Acme Legal" }); // any touch every 60 days

    t.clock.set("2026-03-10T07:50:00Z"); // overdue since 2 March; 68 days without a word
    await h.enqueueScan(ws);
    await h.runJobs();
    expect(await digestsTo(ws.workspace.id)).toEqual([]); // 07:50: not yet the hour

    t.clock.set("2026-03-10T08:05:00Z");
    await h.runJobs("instance-a");
    t.clock.set("2026-03-10T08:20:00Z");
    await h.runJobs("instance-b"); // a restart: a fresh runner, the cron ticks again
    t.clock.set("2026-03-10T11:40:00Z");
    await h.runJobs("instance-c");
    const [first, ...others] = await digestsTo(ws.workspace.id);
    expect(others).toEqual([]);
    expect(first?.toAddress).toBe(ws.email);
    expect(first?.subject).toBe("Your day, 2026-03-10: 1 new alarm, 1 overdue");
    expect(first?.textBody).toContain(
      "New alarms (1)\n- Acme Legal: no word from the client in 68 days",
    );
    expect(first?.textBody).toContain(
      "Touches overdue (1)\n- Acme Legal: touch due 2026-03-02, 8 days overdue",
    );
    expect(first?.textBody).toContain("Open Rapport: http://rapport.test");
    expect(await expectJson(await prefs(ws.owner).$get(), 200)).toMatchObject({
      lastDigestOn: "2026-03-10",
    });

    t.clock.set("2026-03-11T08:10:00Z"); // the next morning: yesterday's alarm is not new
    await h.runJobs();
    const digests = await digestsTo(ws.workspace.id);
    expect(digests).toHaveLength(2);
    expect(digests[1]?.textBody).not.toContain("New alarms");
    expect(digests[1]?.textBody).toContain("9 days overdue");
    expect(digests.every((d) => d.toAddress === ws.email)).toBe(true); // none for the member who left it off
  });

  it("sends nothing when the digest is turned off", async () => {
    t.clock.set("2026-03-12T05:00:00Z");
    await h.runJobs();
    const ws = await t.createWorkspace("Off");
    const colleague = await ws.addMember("member");
    for (const actor of [ws.owner, colleague]) {
      await expectJson(
        await prefs(actor).$patch({ header: {}, json: { dailyDigest: true, digestHour: 6 } }),
        200,
      );
      await expectJson(
        await actor.client.api.v1.tasks.$post({
          json: {
            title: "Send the renewal quote",
            assigneeId: actor.memberId,
            dueAt: "2026-03-12",
          },
        }),
        201,
      );
    }
    await expectJson(
      await prefs(ws.owner).$patch({ header: {}, json: { dailyDigest: false } }),
      200,
    );
    t.clock.set("2026-03-12T09:00:00Z");
    await h.runJobs();
    const digests = await digestsTo(ws.workspace.id);
    expect(digests.map((d) => d.toAddress)).toEqual([colleague.email]);
    expect(digests[0]?.textBody).toContain("Tasks due today (1)\n- Send the renewal quote");
  });

  it("claims the day: a second send for the same day sends nothing", async () => {
    t.clock.set("2026-03-13T09:00:00Z");
    const ws = await t.createWorkspace("Claim");
    await expectJson(
      await prefs(ws.owner).$patch({ header: {}, json: { dailyDigest: true } }),
      200,
    );
    await expectJson(
      await ws.owner.client.api.v1.tasks.$post({
        json: { title: "Call back", assigneeId: ws.owner.memberId, dueAt: "2026-03-13" },
      }),
      201,
    );
    const ctx = { db: t.db, now: t.clock, workspaceId: ws.workspace.id };
    const input = { memberId: ws.owner.memberId, day: "2026-03-13" };
    const sends = await Promise.all([
      t.db.transaction((tx) => sendDailyDigest({ ...ctx, db: tx }, input)),
      t.db.transaction((tx) => sendDailyDigest({ ...ctx, db: tx }, input)),
    ]);
    expect(sends.map((s) => s.sent).sort()).toEqual([false, true]);
    expect(sends.find((s) => !s.sent)?.reason).toBe("already sent for the day");
    expect(await digestsTo(ws.workspace.id)).toHaveLength(1);
  });
});
