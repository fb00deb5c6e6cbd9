import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaces } from "../../platform/auth/auth.schema";
import { expectJson } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { DAY, interactionCalls, type Workspace } from "./interactions.testing";

let t: TestApp;
let firm: Workspace;
let call: ReturnType<typeof interactionCalls>;

beforeAll(async () => {
  t = await createTestApp();
  firm = await t.createWorkspace("Firm");
  call = interactionCalls(t);
});
afterAll(async () => {
  await t.close();
});

type Page<T> = { data: T[]; nextCursor: string | null };

/** Walks every page with the given limit and returns what each page held, in order. */
async function walk<T>(fetchPage: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const seen: T[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await fetchPage(cursor ?? undefined);
    seen.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

describe("listing interactions", () => {
  it("lists newest first by when it happened or is planned for, with every filter, page by page", async () => {
    const account = await call.newAccount(firm.owner);
    const elsewhere = await call.newAccount(firm.owner);
    const ada = await call.newContact(firm.owner, account.id);
    const colleague = await firm.addMember("member");
    const at = (days: number) => new Date(t.clock().getTime() + days * DAY).toISOString();
    const made: Record<string, string> = {};
    made.callOld = (
      await call.log(firm.owner, { accountId: account.id, kind: "call", occurredAt: at(-30) })
    ).id;
    made.meetingWithAda = (
      await call.log(firm.owner, {
        accountId: account.id,
        kind: "meeting",
        occurredAt: at(-3),
        contactIds: [ada.id],
        memberIds: [colleague.memberId],
      })
    ).id;
    made.plannedSoon = (await call.plan(firm.owner, { accountId: account.id }, 1)).id;
    made.plannedLater = (await call.plan(firm.owner, { accountId: account.id }, 10)).id;
    const cancelled = await call.plan(firm.owner, { accountId: account.id }, 5);
    await expectJson(await call.cancel(firm.owner, cancelled.id, "Not needed"), 200);
    made.cancelled = cancelled.id;
    made.emailYesterday = (
      await call.log(firm.owner, { accountId: account.id, kind: "email", occurredAt: at(-1) })
    ).id;
    const archived = await call.log(firm.owner, { accountId: account.id, occurredAt: at(-2) });
    await expectJson(await call.archive(firm.owner, archived.id), 200);
    await call.log(firm.owner, { accountId: elsewhere.id, occurredAt: at(-4) });

    const names = new Map(Object.entries(made).map(([name, id]) => [id, name]));
    const list = async (query: Record<string, string>) =>
      (
        await expectJson(await call.list(firm.owner, { accountId: account.id, ...query }), 200)
      ).data.map((i) => names.get(i.id));
    const expected = [
      "plannedLater",
      "cancelled",
      "plannedSoon",
      "emailYesterday",
      "meetingWithAda",
      "callOld",
    ];
    expect(await list({})).toEqual(expected);
    expect(await list({ state: "planned" })).toEqual(["plannedLater", "plannedSoon"]);
    expect(await list({ state: "completed", kind: "email" })).toEqual(["emailYesterday"]);
    expect(await list({ from: at(-5), to: at(2) })).toEqual([
      "plannedSoon",
      "emailYesterday",
      "meetingWithAda",
    ]);
    expect(await list({ contactId: ada.id })).toEqual(["meetingWithAda"]);
    expect(await list({ memberId: colleague.memberId })).toEqual(["meetingWithAda"]);
    const all = await expectJson(
      await call.list(firm.owner, { memberId: colleague.memberId }),
      200,
    );
    expect(all.data.map((i) => i.id)).toEqual([made.meetingWithAda]);

    const paged = await walk(async (cursor) =>
      expectJson(
        await call.list(firm.owner, {
          accountId: account.id,
          limit: "2",
          ...(cursor ? { cursor } : {}),
        }),
        200,
      ),
    );
    expect(paged.map((i) => names.get(i.id))).toEqual(expected);
  });
});

describe("the account timeline", () => {
  it("merges interactions, status changes, milestones and needs, newest first, by kind, page by page", async () => {
    const account = await call.newAccount(firm.owner);
    // Created 2026-01-15 09:00 as a prospect (the first status), then made active a day later.
    t.clock.advance(DAY);
    await expectJson(
      await firm.owner.client.api.v1.accounts[":id"].$patch({
        param: { id: account.id },
        json: {
          status: "active",
          milestones: [{ on: "2025-11-03", title: "Signed the framework agreement" }],
        },
        header: { "if-match": '"1"' },
      }),
      200,
    );
    const need = await expectJson(
      await firm.owner.client.api.v1.accounts[":id"].needs.$post({
        param: { id: account.id },
        json: { kind: "goal", title: "Open a Lyon office", learnedOn: "2025-12-01" },
      }),
      201,
    );
    t.clock.advance(DAY);
    await expectJson(
      await firm.owner.client.api.v1.needs[":needId"].$patch({
        param: { needId: need.id },
        json: { status: "addressed" },
        header: { "if-match": '"1"' },
      }),
      200,
    );
    const callLogged = await call.log(firm.owner, {
      accountId: account.id,
      kind: "call",
      occurredAt: "2026-01-10T15:00:00Z",
      summary: "Talked about Lyon",
      needIds: [need.id],
    });
    const planned = await call.plan(firm.owner, { accountId: account.id, kind: "visit" }, 7);

    const page = await expectJson(await call.timeline(firm.owner, account.id), 200);
    expect(page.nextCursor).toBeNull();
    expect(page.data.map((e) => [e.kind, e.at, e.title, e.status])).toEqual([
      ["interaction", planned.scheduledAt, "visit", "planned"],
      ["need_status_changed", "2026-01-17T09:00:00.000Z", "Open a Lyon office", "addressed"],
      ["status_change", "2026-01-16T09:00:00.000Z", "active", "active"],
      ["status_change", "2026-01-15T09:00:00.000Z", "prospect", "prospect"],
      ["interaction", "2026-01-10T15:00:00.000Z", "call", "completed"],
      ["need_learned", "2025-12-01T00:00:00.000Z", "Open a Lyon office", "addressed"],
      ["milestone", "2025-11-03T00:00:00.000Z", "Signed the framework agreement", null],
    ]);
    const callEvent = page.data[4];
    expect(callEvent).toMatchObject({
      id: `interaction:${callLogged.id}`,
      refId: callLogged.id,
      detail: "Talked about Lyon",
      interaction: { id: callLogged.id, needs: [{ id: need.id }] },
    });
    expect(page.data[1]).toMatchObject({ refId: need.id, interaction: null });

    const kinds = async (query: Record<string, string>) =>
      (await expectJson(await call.timeline(firm.owner, account.id, query), 200)).data.map(
        (e) => e.kind,
      );
    expect(await kinds({ kind: "milestone,status_change" })).toEqual([
      "status_change",
      "status_change",
      "milestone",
    ]);
    expect(await kinds({ kind: "interaction", interactionKind: "call" })).toEqual(["interaction"]);
    expect(await kinds({ interactionKind: "meeting" })).toEqual([
      "need_status_changed",
      "status_change",
      "status_change",
      "need_learned",
      "milestone",
    ]);

    const paged = await walk(async (cursor) =>
      expectJson(
        await call.timeline(firm.owner, account.id, { limit: "3", ...(cursor ? { cursor } : {}) }),
        200,
      ),
    );
    expect(paged.map((e) => e.id)).toEqual(page.data.map((e) => e.id));
  });

  it("places dated events at the start of the day in the workspace's time zone", async () => {
    const account = await call.newAccount(firm.owner);
    await t.db
      .update(workspaces)
      .set({ timeZone: "Europe/Paris" })
      .where(eq(workspaces.id, firm.workspace.id));
    await expectJson(
      await firm.owner.client.api.v1.accounts[":id"].needs.$post({
        param: { id: account.id },
        json: { kind: "need", title: "Faster audits", learnedOn: "2025-07-01" },
      }),
      201,
    );
    const events = await expectJson(
      await call.timeline(firm.owner, account.id, { kind: "need_learned" }),
      200,
    );
    expect(events.data.map((e) => e.at)).toEqual(["2025-06-30T22:00:00.000Z"]);
    await t.db
      .update(workspaces)
      .set({ timeZone: "UTC" })
      .where(eq(workspaces.id, firm.workspace.id));
  });
});
