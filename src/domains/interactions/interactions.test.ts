import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { members } from "../../platform/auth/auth.schema";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { DAY, interactionCalls, pathsOf, type Workspace } from "./interactions.testing";

let t: TestApp;
let firm: Workspace;
let other: Workspace;
let call: ReturnType<typeof interactionCalls>;

beforeAll(async () => {
  t = await createTestApp();
  firm = await t.createWorkspace("Firm");
  other = await t.createWorkspace("Other firm");
  call = interactionCalls(t);
});
afterAll(async () => {
  await t.close();
});

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(t.clock().getTime() - ms).toISOString();
const ahead = (ms: number) => new Date(t.clock().getTime() + ms).toISOString();

describe("logging and planning", () => {
  it("logs a call that happened, with participants, needs, an ETag, an audit event and a cadence sync", async () => {
    const account = await call.newAccount(firm.owner);
    const ada = await call.newContact(firm.owner, account.id);
    const need = await call.newNeed(firm.owner, account.id);
    const colleague = await firm.addMember("member");
    const res = await call.post(firm.owner, {
      accountId: account.id,
      kind: "call",
      direction: "inbound",
      scheduledAt: ago(2 * HOUR),
      occurredAt: ago(2 * HOUR - 600_000),
      startedAt: ago(2 * HOUR - 600_000),
      durationMinutes: 25,
      summary: "Renewal worries",
      decisions: "Offer a pilot",
      nextSteps: "Send the pilot proposal",
      contactIds: [ada.id],
      memberIds: [firm.owner.memberId, colleague.memberId],
      needIds: [need.id],
    });
    expect(res.headers.get("etag")).toBe('"1"');
    const logged = await expectJson(res, 201);
    expect(logged).toMatchObject({
      accountId: account.id,
      kind: "call",
      direction: "inbound",
      state: "completed",
      lateByMinutes: 10,
      durationMinutes: 25,
      summary: "Renewal worries",
      cancelReason: null,
      rescheduleHistory: [],
      contacts: [{ id: ada.id, email: ada.emails[0] }],
      needs: [{ id: need.id, title: need.title }],
      createdById: firm.owner.memberId,
      version: 1,
    });
    expect(logged.members.map((m) => m.id).sort()).toEqual(
      [firm.owner.memberId, colleague.memberId].sort(),
    );
    const got = await call.get(firm.owner, logged.id);
    expect(got.headers.get("etag")).toBe('"1"');
    expect(await expectJson(got, 200)).toEqual(logged);
    expect((await call.auditOf(logged.id)).map((e) => e.action)).toEqual(["interaction.created"]);
    expect(await call.cadenceSyncs(firm.workspace.id)).toContain(account.id);
  });

  it("plans a meeting (no occurredAt) with the one planning it as participant", async () => {
    const account = await call.newAccount(firm.owner);
    const planned = await call.plan(firm.owner, { accountId: account.id });
    expect(planned).toMatchObject({
      state: "planned",
      occurredAt: null,
      scheduledAt: ahead(2 * DAY),
      summary: null,
      members: [{ id: firm.owner.memberId }],
    });
  });

  it("counts a past colleague at the account as a participant, and dedupes repeated ids", async () => {
    const account = await call.newAccount(firm.owner);
    const former = await call.newContact(firm.owner, account.id, "2025-06-30");
    const logged = await call.log(firm.owner, {
      accountId: account.id,
      occurredAt: "2025-05-01T10:00:00Z",
      contactIds: [former.id, former.id],
    });
    expect(logged.contacts.map((c) => c.id)).toEqual([former.id]);
  });
});

describe("rules", () => {
  let accountId: string;
  beforeAll(async () => {
    accountId = (await call.newAccount(firm.owner)).id;
  });

  it("refuses an occurredAt or startedAt in the future", async () => {
    expect(
      await pathsOf(await call.post(firm.owner, { accountId, occurredAt: ahead(DAY) })),
    ).toEqual(["occurredAt"]);
    expect(
      await pathsOf(
        await call.post(firm.owner, { accountId, occurredAt: ago(HOUR), startedAt: ahead(HOUR) }),
      ),
    ).toEqual(["startedAt"]);
    // A device a few seconds ahead still logs "just now".
    await call.log(firm.owner, { accountId, occurredAt: ahead(10_000) });
  });

  it("refuses a negative duration: the end would be before the start", async () => {
    const problem = await expectProblem(
      await call.post(firm.owner, { accountId, durationMinutes: -15 }),
      400,
      "VALIDATION_FAILED",
    );
    expect(problem.errors).toEqual([
      {
        path: "durationMinutes",
        message: "Must not be negative: the end would be before the start",
      },
    ]);
  });

  it("requires a summary once a meeting, call, visit or strategy session happened, not for an email", async () => {
    for (const kind of ["meeting", "call", "visit", "strategy_session"] as const) {
      expect(
        await pathsOf(await call.post(firm.owner, { accountId, kind, summary: null })),
      ).toEqual(["summary"]);
      expect(
        await pathsOf(await call.post(firm.owner, { accountId, kind, summary: "  " })),
      ).toEqual(["summary"]);
    }
    await call.log(firm.owner, { accountId, kind: "email", summary: null });
    await call.plan(firm.owner, { accountId, kind: "visit", summary: null });
  });

  it("requires scheduledAt for a planned one, and startedAt only once it happened", async () => {
    expect(
      await pathsOf(
        await call.post(firm.owner, {
          accountId,
          occurredAt: null,
          scheduledAt: null,
          startedAt: ago(HOUR),
        }),
      ),
    ).toEqual(["scheduledAt", "startedAt"]);
  });

  it("refuses contacts not at the account, of another workspace, or archived, naming each index", async () => {
    const here = await call.newContact(firm.owner, accountId);
    const elsewhere = await call.newContact(firm.owner, (await call.newAccount(firm.owner)).id);
    const foreign = await call.newContact(other.owner, (await call.newAccount(other.owner)).id);
    const archived = await call.newContact(firm.owner, accountId);
    await expectJson(
      await firm.owner.client.api.v1.contacts[":id"].archive.$post({
        param: { id: archived.id },
        header: {},
      }),
      200,
    );
    const problem = await expectProblem(
      await call.post(firm.owner, {
        accountId,
        contactIds: [here.id, elsewhere.id, foreign.id, archived.id],
      }),
      400,
      "VALIDATION_FAILED",
    );
    expect(problem.errors).toEqual([
      { path: "contactIds.1", message: "Not a person at this account (now or before)" },
      { path: "contactIds.2", message: "Not a person at this account (now or before)" },
      { path: "contactIds.3", message: "The contact is archived" },
    ]);
  });

  it("refuses members not active in this workspace and needs of another account", async () => {
    const suspended = await firm.addMember("member");
    await t.db
      .update(members)
      .set({ status: "deactivated" })
      .where(eq(members.id, suspended.memberId));
    const ownNeed = await call.newNeed(firm.owner, accountId);
    const otherNeed = await call.newNeed(firm.owner, (await call.newAccount(firm.owner)).id);
    const foreignNeed = await call.newNeed(other.owner, (await call.newAccount(other.owner)).id);
    expect(
      await pathsOf(
        await call.post(firm.owner, {
          accountId,
          memberIds: [firm.owner.memberId, suspended.memberId, other.owner.memberId],
          needIds: [ownNeed.id, otherNeed.id, foreignNeed.id],
        }),
      ),
    ).toEqual(["memberIds.1", "memberIds.2", "needIds.1", "needIds.2"]);
  });

  it("takes no interaction on an archived account, and a foreign account id is a 400 on accountId", async () => {
    const archived = await call.newAccount(firm.owner);
    await expectJson(
      await firm.owner.client.api.v1.accounts[":id"].archive.$post({
        param: { id: archived.id },
        header: {},
      }),
      200,
    );
    const problem = await expectProblem(
      await call.post(firm.owner, { accountId: archived.id }),
      400,
      "VALIDATION_FAILED",
    );
    expect(problem.errors?.[0]?.path).toBe("accountId");
    expect(problem.detail).toContain("archived");
    const theirs = await call.newAccount(other.owner);
    expect(await pathsOf(await call.post(firm.owner, { accountId: theirs.id }))).toEqual([
      "accountId",
    ]);
  });
});

describe("rescheduling, completing and editing", () => {
  it("reschedules a planned meeting keeping the history, then completes it; each change audited", async () => {
    const account = await call.newAccount(firm.owner);
    const planned = await call.plan(firm.owner, { accountId: account.id });
    const syncsBefore = (await call.cadenceSyncs(firm.workspace.id)).length;
    t.clock.advance(HOUR);
    const moved = await expectJson(
      await call.patch(
        firm.owner,
        planned.id,
        { scheduledAt: ahead(3 * DAY), rescheduleReason: "Their CFO is travelling" },
        1,
      ),
      200,
    );
    expect(moved).toMatchObject({ state: "planned", scheduledAt: ahead(3 * DAY), version: 2 });
    expect(moved.rescheduleHistory).toEqual([
      {
        from: planned.scheduledAt,
        to: ahead(3 * DAY),
        at: t.clock().toISOString(),
        byMemberId: firm.owner.memberId,
        reason: "Their CFO is travelling",
      },
    ]);
    // Rescheduling alone does not move the last touch: no cadence sync.
    expect(await call.cadenceSyncs(firm.workspace.id)).toHaveLength(syncsBefore);

    t.clock.set(new Date(Date.parse(moved.scheduledAt ?? "") + HOUR));
    expect(
      await pathsOf(await call.patch(firm.owner, planned.id, { occurredAt: ago(0) }, 2)),
    ).toEqual(["summary"]);
    const done = await expectJson(
      await call.patch(
        firm.owner,
        planned.id,
        { occurredAt: ago(HOUR), startedAt: ago(HOUR - 5 * 60_000), summary: "Agreed the scope" },
        2,
      ),
      200,
    );
    expect(done).toMatchObject({ state: "completed", lateByMinutes: 5, version: 3 });
    expect(await call.cadenceSyncs(firm.workspace.id)).toHaveLength(syncsBefore + 1);
    const events = await call.auditOf(planned.id);
    expect(events.map((e) => e.action)).toEqual([
      "interaction.created",
      "interaction.rescheduled",
      "interaction.completed",
    ]);
    expect(events[2]).toMatchObject({
      before: { state: "planned", version: 2 },
      after: { state: "completed", summary: "Agreed the scope", version: 3 },
    });

    // Once it happened it is not rescheduled, but its substance can still be corrected.
    const refused = await expectProblem(
      await call.patch(firm.owner, planned.id, { scheduledAt: ahead(DAY) }, 3),
      409,
      "CONFLICT",
    );
    expect(refused.detail).toContain("planned");
    const edited = await expectJson(
      await call.patch(firm.owner, planned.id, { decisions: "Pilot in March", contactIds: [] }, 3),
      200,
    );
    expect(edited).toMatchObject({ decisions: "Pilot in March", version: 4 });
    expect((await call.auditOf(planned.id)).at(-1)).toMatchObject({
      action: "interaction.updated",
      before: { decisions: null },
      after: { decisions: "Pilot in March" },
    });
  });

  it("replaces participants and keeps an existing one valid after they were archived", async () => {
    const account = await call.newAccount(firm.owner);
    const ada = await call.newContact(firm.owner, account.id);
    const bram = await call.newContact(firm.owner, account.id);
    const logged = await call.log(firm.owner, { accountId: account.id, contactIds: [ada.id] });
    await expectJson(
      await firm.owner.client.api.v1.contacts[":id"].archive.$post({
        param: { id: ada.id },
        header: {},
      }),
      200,
    );
    const changed = await expectJson(
      await call.patch(firm.owner, logged.id, { contactIds: [ada.id, bram.id] }, 1),
      200,
    );
    expect(changed.contacts.map((c) => c.id).sort()).toEqual([ada.id, bram.id].sort());
  });

  it("refuses a stale If-Match with 412, a missing one with 428, and rescheduling plus completing at once", async () => {
    const account = await call.newAccount(firm.owner);
    const planned = await call.plan(firm.owner, { accountId: account.id });
    await expectJson(await call.patch(firm.owner, planned.id, { decisions: "x" }, 1), 200);
    await expectProblem(
      await call.patch(firm.owner, planned.id, { decisions: "y" }, 1),
      412,
      "STALE_VERSION",
    );
    await expectProblem(
      await call.patch(firm.owner, planned.id, { decisions: "y" }),
      428,
      "PRECONDITION_REQUIRED",
    );
    expect(
      await pathsOf(
        await call.patch(
          firm.owner,
          planned.id,
          { scheduledAt: ahead(5 * DAY), occurredAt: ago(0), summary: "s" },
          2,
        ),
      ),
    ).toEqual(["scheduledAt"]);
    expect(
      await pathsOf(await call.patch(firm.owner, planned.id, { rescheduleReason: "why" }, 2)),
    ).toEqual(["rescheduleReason"]);
    await expectProblem(await call.cancel(firm.owner, planned.id, "x", 1), 412, "STALE_VERSION");
  });
});

describe("cancelling and archiving", () => {
  it("cancels a planned one with its reason (audited, cadence synced), harmless twice, then frozen", async () => {
    const account = await call.newAccount(firm.owner);
    const planned = await call.plan(firm.owner, { accountId: account.id });
    const syncs = (await call.cadenceSyncs(firm.workspace.id)).length;
    const cancelled = await expectJson(
      await call.cancel(firm.owner, planned.id, "They postponed the project"),
      200,
    );
    expect(cancelled).toMatchObject({
      state: "cancelled",
      cancelReason: "They postponed the project",
      version: 2,
    });
    expect(await call.cadenceSyncs(firm.workspace.id)).toHaveLength(syncs + 1);
    expect(
      (await expectJson(await call.cancel(firm.owner, planned.id, "again"), 200)).version,
    ).toBe(2);
    await expectProblem(
      await call.patch(firm.owner, planned.id, { summary: "x" }, 2),
      409,
      "CONFLICT",
    );
    expect(
      await pathsOf(
        await t.request(`/api/v1/interactions/${planned.id}/cancel`, {
          method: "POST",
          headers: { ...firm.owner.headers, "content-type": "application/json" },
          body: JSON.stringify({ reason: " " }),
        }),
      ),
    ).toEqual(["reason"]);
    const logged = await call.log(firm.owner, { accountId: account.id });
    await expectProblem(await call.cancel(firm.owner, logged.id, "x"), 409, "CONFLICT");
    expect((await call.auditOf(planned.id)).map((e) => e.action)).toEqual([
      "interaction.created",
      "interaction.cancelled",
    ]);
  });

  it("archives: out of the list, still readable, harmless twice, cadence synced, then frozen", async () => {
    const account = await call.newAccount(firm.owner);
    const logged = await call.log(firm.owner, { accountId: account.id });
    const syncs = (await call.cadenceSyncs(firm.workspace.id)).length;
    const archived = await expectJson(await call.archive(firm.owner, logged.id, 1), 200);
    expect(archived.archivedAt).toBe(t.clock().toISOString());
    expect((await expectJson(await call.archive(firm.owner, logged.id), 200)).version).toBe(2);
    expect(await call.cadenceSyncs(firm.workspace.id)).toHaveLength(syncs + 1);
    const page = await expectJson(await call.list(firm.owner, { accountId: account.id }), 200);
    expect(page.data).toEqual([]);
    await expectJson(await call.get(firm.owner, logged.id), 200);
    await expectProblem(
      await call.patch(firm.owner, logged.id, { summary: "x" }, 2),
      409,
      "CONFLICT",
    );
  });

  it("freezes the interactions of an archived account with a clear 409", async () => {
    const account = await call.newAccount(firm.owner);
    const planned = await call.plan(firm.owner, { accountId: account.id });
    await expectJson(
      await firm.owner.client.api.v1.accounts[":id"].archive.$post({
        param: { id: account.id },
        header: {},
      }),
      200,
    );
    for (const res of [
      await call.patch(firm.owner, planned.id, { summary: "x" }, 1),
      await call.cancel(firm.owner, planned.id, "x"),
      await call.archive(firm.owner, planned.id),
    ]) {
      const problem = await expectProblem(res, 409, "CONFLICT");
      expect(problem.detail).toContain("archived");
    }
  });
});
