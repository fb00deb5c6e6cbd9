import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/audit.schema";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { buildContact } from "./contacts.factory";
import { type Actor, contactCalls, type Workspace } from "./contacts.testing";

let t: TestApp;
let firm: Workspace;
let call: ReturnType<typeof contactCalls>;
let viewer: Actor;
let outsider: Actor; // a member on no team of the contact's account
let teamMember: Actor; // a member on the team of the contact's account
let accountOwner: Actor; // a member who owns the contact's account
let manager: Actor;
let accountId: string;

const memory = {
  interests: ["Sailing"],
  family: [{ name: "Tomi", relation: "daughter" }],
  howWeMet: "Panel at LegalTech 2023",
  notes: "Do not call before 9",
  importantDates: [{ kind: "birthday" as const, month: 3, day: 14, year: 1980, remind: true }],
};

beforeAll(async () => {
  t = await createTestApp();
  firm = await t.createWorkspace("Firm");
  call = contactCalls(t);
  viewer = await firm.addMember("viewer");
  outsider = await firm.addMember("member");
  teamMember = await firm.addMember("member");
  accountOwner = await firm.addMember("member");
  manager = await firm.addMember("manager");
  accountId = (await call.newAccount(firm.owner, accountOwner.memberId)).id;
  await call.putOnTeam(firm.owner, accountId, teamMember.memberId);
});
afterAll(async () => {
  await t.close();
});

/** A contact with personal memory, currently working at the shared account. */
async function contactAtAccount() {
  const contact = await call.create(firm.owner, memory);
  await expectJson(await call.affiliate(firm.owner, contact.id, accountId), 201);
  return contact;
}

async function memoryReadsOf(contactId: string) {
  const events = await call.auditOf(contactId);
  return events.filter((e) => e.action === "contact.memory_read").map((e) => e.actorMemberId);
}

describe("personal memory", () => {
  it("is shown to the account's team, its owner and managers, and each read is audited", async () => {
    const contact = await contactAtAccount();
    for (const reader of [teamMember, accountOwner, manager, firm.owner]) {
      const body = await expectJson(await call.get(reader, contact.id), 200);
      expect(body).toMatchObject({ ...memory, memoryRedacted: false });
    }
    expect(await memoryReadsOf(contact.id)).toEqual([
      teamMember.memberId,
      accountOwner.memberId,
      manager.memberId,
      firm.owner.memberId,
    ]);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, contact.id))
      .then((rows) => rows.filter((r) => r.action === "contact.memory_read"));
    // The audit trail says who looked, not what they saw.
    expect(event).toMatchObject({ entityType: "contact", before: null, after: null });
  });

  it("is redacted for viewers and members outside the team, with no audit event", async () => {
    const contact = await contactAtAccount();
    for (const reader of [viewer, outsider]) {
      const body = await expectJson(await call.get(reader, contact.id), 200);
      expect(body).toMatchObject({
        firstName: contact.firstName,
        emails: contact.emails,
        interests: [],
        family: [],
        howWeMet: null,
        notes: null,
        importantDates: [],
        memoryRedacted: true,
      });
    }
    expect(await memoryReadsOf(contact.id)).toEqual([]);
  });

  it("is never part of a list item, so listing writes no audit event", async () => {
    const contact = await contactAtAccount();
    const page = await expectJson(
      await call.api(teamMember).$get({ query: { accountId, limit: "200" } }),
      200,
    );
    const item = page.data.find((c) => c.id === contact.id);
    expect(item).toBeDefined();
    for (const field of ["interests", "family", "howWeMet", "notes", "importantDates"]) {
      expect(item).not.toHaveProperty(field);
    }
    expect(await memoryReadsOf(contact.id)).toEqual([]);
  });

  it("of a contact at no account is shown to every member, but not to viewers", async () => {
    const contact = await call.create(firm.owner, memory);
    const seen = await expectJson(await call.get(outsider, contact.id), 200);
    expect(seen).toMatchObject({ notes: memory.notes, memoryRedacted: false });
    const hidden = await expectJson(await call.get(viewer, contact.id), 200);
    expect(hidden).toMatchObject({ notes: null, memoryRedacted: true });
  });

  it("follows the team: a member taken off it, or a person who moved on, changes who sees it", async () => {
    const contact = await contactAtAccount();
    const colleague = await firm.addMember("member");
    await call.putOnTeam(firm.owner, accountId, colleague.memberId);
    expect((await expectJson(await call.get(colleague, contact.id), 200)).memoryRedacted).toBe(
      false,
    );
    await expectJson(
      await firm.owner.client.api.v1.accounts[":id"].team[":memberId"].$delete({
        param: { id: accountId, memberId: colleague.memberId },
      }),
      200,
    );
    const after = await expectJson(await call.get(colleague, contact.id), 200);
    expect(after.memoryRedacted).toBe(true);
    // The person leaves the account: with no current affiliation, members see them again.
    const [affiliation] = after.currentAffiliations;
    await expectJson(await call.endAffiliation(firm.owner, contact.id, affiliation?.id ?? ""), 200);
    expect((await expectJson(await call.get(colleague, contact.id), 200)).memoryRedacted).toBe(
      false,
    );
  });
});

describe("who may change contacts", () => {
  it("lets viewers read but not create, change, archive or merge", async () => {
    const contact = await call.create(firm.owner);
    const other = await call.create(firm.owner);
    await expectProblem(await call.api(viewer).$post({ json: buildContact() }), 403, "FORBIDDEN");
    await expectProblem(await call.patch(viewer, contact.id, { title: "X" }, 1), 403, "FORBIDDEN");
    await expectProblem(await call.archive(viewer, contact.id), 403, "FORBIDDEN");
    await expectProblem(await call.unarchive(viewer, contact.id), 403, "FORBIDDEN");
    await expectProblem(await call.merge(viewer, contact.id, other.id), 403, "FORBIDDEN");
  });

  it("lets members outside the team read the profile but not change it or its memory", async () => {
    const contact = await contactAtAccount();
    await expectProblem(
      await call.patch(outsider, contact.id, { title: "X" }, 1),
      403,
      "FORBIDDEN",
    );
    await expectProblem(
      await call.patch(outsider, contact.id, { notes: "Overheard" }, 1),
      403,
      "FORBIDDEN",
    );
    await expectProblem(await call.archive(outsider, contact.id), 403, "FORBIDDEN");
    const unchanged = await expectJson(await call.get(firm.owner, contact.id), 200);
    expect(unchanged).toMatchObject({ version: 1, notes: memory.notes });
  });

  it("lets the team, the account's owner and managers change it, memory included", async () => {
    const contact = await contactAtAccount();
    let version = 1;
    for (const [actor, notes] of [
      [teamMember, "From the team"],
      [accountOwner, "From the owner"],
      [manager, "From a manager"],
    ] as const) {
      const body = await expectJson(await call.patch(actor, contact.id, { notes }, version), 200);
      expect(body).toMatchObject({ notes, memoryRedacted: false });
      version = body.version;
    }
    // A write answers with the memory, but its own audit event records the access.
    expect(await memoryReadsOf(contact.id)).toEqual([]);
    await expectJson(await call.archive(teamMember, contact.id), 200);
    await expectJson(await call.unarchive(manager, contact.id), 200);
  });

  it("lets any member create contacts and change those at no account", async () => {
    const contact = await call.create(outsider, memory);
    expect(contact.memoryRedacted).toBe(false);
    const body = await expectJson(
      await call.patch(teamMember, contact.id, { interests: ["Chess"] }, 1),
      200,
    );
    expect(body.interests).toEqual(["Chess"]);
  });
});
