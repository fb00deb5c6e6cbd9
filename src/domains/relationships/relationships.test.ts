import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../platform/http/context";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { buildAccount } from "../accounts";
import {
  type ContactLevel,
  contactAffiliations,
  contactEmails,
  contacts,
  type RelationshipRole,
} from "../contacts";
import { buildContactRow } from "../contacts/contacts.factory";
import { buildInteraction, type CreateInteractionInput } from "../interactions";
import { getRelationshipMap } from "./relationships.queries";

let t: TestApp;
let firm: Awaited<ReturnType<TestApp["createWorkspace"]>>;
let other: Awaited<ReturnType<TestApp["createWorkspace"]>>;

beforeAll(async () => {
  t = await createTestApp();
  firm = await t.createWorkspace("Firm");
  other = await t.createWorkspace("Other firm");
});
afterAll(async () => {
  await t.close();
});

type Actor = typeof firm.owner;

async function newAccount(actor: Actor) {
  return expectJson(await actor.client.api.v1.accounts.$post({ json: buildAccount() }), 201);
}

async function putOnTeam(accountId: string, memberId: string, role: string) {
  await expectJson(
    await firm.owner.client.api.v1.accounts[":id"].team[":memberId"].$put({
      param: { id: accountId, memberId },
      json: { role: role as "lead" },
    }),
    200,
  );
}

type Seed = {
  firstName: string;
  lastName?: string;
  level?: ContactLevel | null;
  role?: RelationshipRole | null;
  authority?: string;
  endedOn?: string | null;
  archived?: boolean;
};

/** Writes a contact and its affiliation straight to the database (not through the contacts API). */
async function seedContact(workspaceId: string, accountId: string, seed: Seed) {
  const row = buildContactRow(workspaceId, t.clock(), {
    firstName: seed.firstName,
    lastName: seed.lastName ?? "Test",
    level: seed.level === undefined ? "operational" : seed.level,
    archivedAt: seed.archived ? t.clock() : null,
  });
  const [contact] = await t.db.insert(contacts).values(row).returning();
  if (!contact) throw new Error("contact insert failed");
  await t.db
    .insert(contactEmails)
    .values(contact.emails.map((email) => ({ workspaceId, email, contactId: contact.id })));
  const [affiliation] = await t.db
    .insert(contactAffiliations)
    .values({
      workspaceId,
      contactId: contact.id,
      accountId,
      role: seed.role === undefined ? "user" : seed.role,
      authority: seed.authority ?? null,
      startedOn: "2024-01-01",
      endedOn: seed.endedOn ?? null,
    })
    .returning();
  if (!affiliation) throw new Error("affiliation insert failed");
  return { contact, affiliation };
}

const mapOf = (actor: Actor, id: string) =>
  actor.client.api.v1.accounts[":id"]["relationship-map"].$get({ param: { id } });
const readMap = async (actor: Actor, id: string) => expectJson(await mapOf(actor, id), 200);
const codesOf = (map: { flags: { code: string }[] }) => map.flags.map((f) => f.code);

describe("the relationship map", () => {
  it("groups current contacts by level, keeps who left, and shows our team and who covers whom", async () => {
    const account = await newAccount(firm.owner);
    const sponsor = await firm.addMember("member");
    const delivery = await firm.addMember("member");
    await putOnTeam(account.id, sponsor.memberId, "executive_sponsor");
    await putOnTeam(account.id, delivery.memberId, "delivery");
    const ceo = await seedContact(firm.workspace.id, account.id, {
      firstName: "Ada",
      level: "executive",
      role: "decision_maker",
      authority: "Signs up to €50k",
    });
    const cto = await seedContact(firm.workspace.id, account.id, {
      firstName: "Bram",
      level: "management",
      role: "champion",
    });
    const ops = await seedContact(firm.workspace.id, account.id, { firstName: "Chloé" });
    const unsure = await seedContact(firm.workspace.id, account.id, {
      firstName: "Dmitri",
      level: null,
      role: null,
    });
    // Leaving next month: still current today.
    const leaving = await seedContact(firm.workspace.id, account.id, {
      firstName: "Esi",
      endedOn: "2026-02-28",
    });
    const gone = await seedContact(firm.workspace.id, account.id, {
      firstName: "Farid",
      level: "management",
      endedOn: "2025-12-31",
    });
    await seedContact(firm.workspace.id, account.id, { firstName: "Greta", archived: true });

    const map = await readMap(sponsor, account.id);
    expect(map.asOf).toBe("2026-01-15");
    const ids = Object.fromEntries(
      map.levels.map((l) => [l.level, l.contacts.map((c) => c.contactId)]),
    );
    expect(ids).toEqual({
      executive: [ceo.contact.id],
      management: [cto.contact.id],
      operational: [ops.contact.id, leaving.contact.id],
      unknown: [unsure.contact.id],
    });
    expect(map.levels[0]?.contacts[0]).toEqual({
      affiliationId: ceo.affiliation.id,
      contactId: ceo.contact.id,
      name: "Ada Test",
      title: null,
      level: "executive",
      role: "decision_maker",
      authority: "Signs up to €50k",
      responsibility: null,
      accountability: null,
      startedOn: "2024-01-01",
      endedOn: null,
    });
    expect(map.formerContacts).toEqual([
      expect.objectContaining({ contactId: gone.contact.id, endedOn: "2025-12-31" }),
    ]);
    expect(map.team).toEqual([
      {
        memberId: firm.owner.memberId,
        name: expect.any(String),
        role: "lead",
        responsibility: "Account owner",
        isOwner: true,
      },
      expect.objectContaining({ memberId: sponsor.memberId, role: "executive_sponsor" }),
      expect.objectContaining({ memberId: delivery.memberId, role: "delivery" }),
    ]);
    const links = map.coverage.map((l) => `${l.memberId}>${l.contactId}:${l.source}`).sort();
    const link = (m: string, c: string) => `${m}>${c}:team_role`;
    expect(links).toEqual(
      [
        link(sponsor.memberId, ceo.contact.id),
        link(firm.owner.memberId, ceo.contact.id),
        link(firm.owner.memberId, cto.contact.id),
        link(firm.owner.memberId, unsure.contact.id),
        link(delivery.memberId, ops.contact.id),
        link(delivery.memberId, leaving.contact.id),
      ].sort(),
    );
    expect(map.flags).toEqual([]);
  });

  it("flags a single-threaded account until a second senior contact is added", async () => {
    const account = await newAccount(firm.owner);
    const first = await readMap(firm.owner, account.id);
    expect(codesOf(first)).toEqual([
      "single_threaded",
      "no_executive_sponsor",
      "no_decision_maker",
    ]);
    await seedContact(firm.workspace.id, account.id, {
      firstName: "Hiro",
      lastName: "Tanaka",
      level: "executive",
      role: "decision_maker",
    });
    const one = await readMap(firm.owner, account.id);
    expect(one.flags.find((f) => f.code === "single_threaded")?.reason).toBe(
      "Hiro Tanaka is the only current contact.",
    );
    await seedContact(firm.workspace.id, account.id, { firstName: "Ines", level: "management" });
    expect(codesOf(await readMap(firm.owner, account.id))).toEqual(["no_executive_sponsor"]);
  });

  it("says who left when the only senior contact ends their affiliation, and that the champion left", async () => {
    const account = await newAccount(firm.owner);
    const jonas = await seedContact(firm.workspace.id, account.id, {
      firstName: "Jonas",
      lastName: "Schulz",
      level: "executive",
      role: "champion",
    });
    await seedContact(firm.workspace.id, account.id, { firstName: "Kim", role: "decision_maker" });
    expect(codesOf(await readMap(firm.owner, account.id))).toEqual(["no_executive_sponsor"]);
    await t.db
      .update(contactAffiliations)
      .set({ endedOn: "2026-01-14" })
      .where(eq(contactAffiliations.id, jonas.affiliation.id));
    const map = await readMap(firm.owner, account.id);
    expect(map.flags).toEqual([
      {
        code: "single_threaded",
        reason:
          "Kim Test is the only current contact and is not above operational level. Jonas Schulz (executive) left on 2026-01-14 and was the last senior contact.",
      },
      expect.objectContaining({ code: "no_executive_sponsor" }),
      {
        code: "champion_left",
        reason: "Champion Jonas Schulz left on 2026-01-14 and no current contact is a champion.",
      },
    ]);
    expect(map.formerContacts.map((c) => c.name)).toEqual(["Jonas Schulz"]);
  });

  it("links who met whom in completed interactions of the last year, a meeting standing in for a team-role link", async () => {
    const account = await newAccount(firm.owner);
    const delivery = await firm.addMember("member");
    const outsider = await firm.addMember("member");
    await putOnTeam(account.id, delivery.memberId, "delivery");
    const ceo = await seedContact(firm.workspace.id, account.id, {
      firstName: "Ines",
      level: "executive",
    });
    const cto = await seedContact(firm.workspace.id, account.id, {
      firstName: "Jonas",
      level: "management",
    });
    const ops = await seedContact(firm.workspace.id, account.id, { firstName: "Kai" });
    const log = async (input: Partial<CreateInteractionInput>) =>
      expectJson(
        await firm.owner.client.api.v1.interactions.$post({
          json: buildInteraction({ accountId: account.id, ...input }, t.clock()),
        }),
        201,
      );
    const daysAgo = (n: number) => new Date(t.clock().getTime() - n * 86_400_000).toISOString();
    // Delivery met the CEO (no team-role link) and the owner met the CTO (also a role link).
    await log({
      occurredAt: daysAgo(30),
      memberIds: [delivery.memberId],
      contactIds: [ceo.contact.id],
    });
    await log({
      occurredAt: daysAgo(364),
      memberIds: [firm.owner.memberId],
      contactIds: [cto.contact.id],
    });
    // None of these count: too long ago, not happened yet, archived, or not on our team.
    await log({
      occurredAt: daysAgo(366),
      memberIds: [firm.owner.memberId],
      contactIds: [ops.contact.id],
    });
    await log({
      occurredAt: null,
      scheduledAt: daysAgo(-3),
      memberIds: [firm.owner.memberId],
      contactIds: [ceo.contact.id],
    });
    const archived = await log({
      occurredAt: daysAgo(5),
      memberIds: [delivery.memberId],
      contactIds: [cto.contact.id],
    });
    await expectJson(
      await firm.owner.client.api.v1.interactions[":id"].archive.$post({
        param: { id: archived.id },
        header: {},
      }),
      200,
    );
    await log({
      occurredAt: daysAgo(2),
      memberIds: [outsider.memberId],
      contactIds: [ops.contact.id],
    });

    const map = await readMap(firm.owner, account.id);
    expect(map.coverage.map((l) => `${l.memberId}>${l.contactId}:${l.source}`).sort()).toEqual(
      [
        `${delivery.memberId}>${ceo.contact.id}:interaction`,
        `${firm.owner.memberId}>${cto.contact.id}:interaction`,
        `${delivery.memberId}>${ops.contact.id}:team_role`,
      ].sort(),
    );
  });

  it("keeps other accounts' and other workspaces' people off the map", async () => {
    const account = await newAccount(firm.owner);
    const elsewhere = await newAccount(firm.owner);
    const theirs = await newAccount(other.owner);
    await seedContact(firm.workspace.id, elsewhere.id, { firstName: "Lena" });
    await seedContact(other.workspace.id, theirs.id, { firstName: "Mo" });
    const map = await readMap(firm.owner, account.id);
    expect(map.levels.flatMap((l) => l.contacts)).toEqual([]);
    await expectProblem(await mapOf(firm.owner, theirs.id), 404, "NOT_FOUND");
  });

  it("is readable by everyone in the workspace, whatever their role", async () => {
    const account = await newAccount(firm.owner);
    for (const role of ["viewer", "member", "manager"] as const) {
      const actor = await firm.addMember(role);
      expect((await readMap(actor, account.id)).accountId).toBe(account.id);
    }
  });

  it("reads a fixed number of times whatever the number of contacts (no N+1)", async () => {
    const small = await newAccount(firm.owner);
    const large = await newAccount(firm.owner);
    await seedContact(firm.workspace.id, small.id, { firstName: "Nia", level: "executive" });
    for (let i = 0; i < 25; i++) {
      await seedContact(firm.workspace.id, large.id, {
        firstName: `P${i}`,
        level: (["executive", "management", "operational"] as const)[i % 3],
        role: i % 2 ? "champion" : "decision_maker",
        endedOn: i % 5 === 0 ? "2025-01-01" : null,
      });
    }
    const queriesFor = async (accountId: string) => {
      let selects = 0;
      const db = new Proxy(t.db, {
        get(target, prop) {
          if (prop === "select") selects += 1;
          const value = Reflect.get(target, prop, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      const ctx: Ctx = {
        db,
        now: t.clock,
        workspaceId: firm.workspace.id,
        actor: { memberId: firm.owner.memberId, role: "owner", via: "test" },
      };
      const map = await getRelationshipMap(ctx, accountId);
      return { selects, people: map.levels.flatMap((l) => l.contacts).length };
    };
    const few = await queriesFor(small.id);
    const many = await queriesFor(large.id);
    expect([few.people, many.people]).toEqual([1, 20]);
    expect(many.selects).toBe(few.selects);
    expect(many.selects).toBeGreaterThanOrEqual(2);
    expect(many.selects).toBeLessThanOrEqual(4);
  });

  it("rejects a malformed id and answers 401 without credentials", async () => {
    const res = await t.request("/api/v1/accounts/not-a-uuid/relationship-map", {
      headers: firm.owner.headers,
    });
    const problem = await expectProblem(res, 400, "VALIDATION_FAILED");
    expect(problem.errors?.map((e) => e.path)).toEqual(["id"]);
    const account = await newAccount(firm.owner);
    const anonymous = t.client.api.v1.accounts[":id"]["relationship-map"];
    await expectProblem(
      await anonymous.$get({ param: { id: account.id } }),
      401,
      "UNAUTHENTICATED",
    );
  });
});
