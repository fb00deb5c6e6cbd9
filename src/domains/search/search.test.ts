import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../platform/db/columns";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { accounts } from "../accounts";
import { buildAccountRow } from "../accounts/accounts.factory";
import { contactAffiliations, contactEmails, contacts } from "../contacts";
import { buildContactRow } from "../contacts/contacts.factory";
import { needs } from "../needs";

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

type Workspace = typeof firm;
type Actor = typeof firm.owner;

/** A word no other test uses, so each test finds only what it seeded. */
function word(prefix: string): string {
  const letters = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.random() * 26));
  return `${prefix}${letters.join("")}`;
}

async function seedAccount(ws: Workspace, overrides: Partial<typeof accounts.$inferInsert> = {}) {
  const row = buildAccountRow(ws.workspace.id, ws.owner.memberId, t.clock(), {
    tags: [],
    segment: null,
    ...overrides,
  });
  await t.db.insert(accounts).values(row);
  return row as typeof row & { id: string };
}

async function seedContact(ws: Workspace, overrides: Partial<typeof contacts.$inferInsert> = {}) {
  const row = buildContactRow(ws.workspace.id, t.clock(), overrides) as ReturnType<
    typeof buildContactRow
  > & { id: string; emails: string[] };
  await t.db.insert(contacts).values(row);
  if (row.emails.length > 0) {
    await t.db
      .insert(contactEmails)
      .values(
        row.emails.map((email) => ({ workspaceId: ws.workspace.id, email, contactId: row.id })),
      );
  }
  return row;
}

async function affiliate(ws: Workspace, contactId: string, accountId: string, endedOn?: string) {
  await t.db.insert(contactAffiliations).values({
    id: newId(),
    workspaceId: ws.workspace.id,
    contactId,
    accountId,
    startedOn: "2024-01-01",
    endedOn: endedOn ?? null,
  });
}

async function seedNeed(
  ws: Workspace,
  accountId: string,
  overrides: Partial<typeof needs.$inferInsert> = {},
) {
  const row = {
    id: newId(),
    workspaceId: ws.workspace.id,
    accountId,
    kind: "challenge" as const,
    title: "Reduce ticket backlog",
    learnedOn: "2026-01-10",
    ...overrides,
  };
  await t.db.insert(needs).values(row);
  return row;
}

async function search(actor: Actor, q: string, limit?: number) {
  const query = limit === undefined ? { q } : { q, limit: String(limit) };
  const { data } = await expectJson(await actor.client.api.v1.search.$get({ query }), 200);
  return data;
}

const idsOf = (hits: { id: string }[]) => hits.map((hit) => hit.id);

describe("finding records as you type", () => {
  it('finds "Northwind" from "nor", and "Ada Okafor" from "ada ok"', async () => {
    const ws = await t.createWorkspace("Type-ahead");
    const northwind = await seedAccount(ws, { name: "Northwind Traders" });
    await seedAccount(ws, { name: "Contoso" });
    const ada = await seedContact(ws, { firstName: "Ada", lastName: "Okafor" });
    await seedContact(ws, { firstName: "Ada", lastName: "Lindqvist" });
    await seedContact(ws, { firstName: "Bram", lastName: "Okafor" });

    expect(await search(ws.owner, "nor")).toEqual([
      expect.objectContaining({ type: "account", id: northwind.id, title: "Northwind Traders" }),
    ]);
    expect(await search(ws.owner, "ada ok")).toEqual([
      expect.objectContaining({ type: "contact", id: ada.id, title: "Ada Okafor" }),
    ]);
    expect(idsOf(await search(ws.owner, "  ADA   okafor "))).toEqual([ada.id]);
  });

  it("finds contacts by title and needs by title or detail", async () => {
    const stem = word("ttl");
    const account = await seedAccount(firm);
    const contact = await seedContact(firm, { title: `Head of ${stem}` });
    const byTitle = await seedNeed(firm, account.id, { title: `Migrate ${stem}` });
    const byDetail = await seedNeed(firm, account.id, { title: "Other", detail: `about ${stem}` });
    expect(idsOf(await search(firm.owner, stem)).sort()).toEqual(
      [contact.id, byTitle.id, byDetail.id].sort(),
    );
  });

  it("ranks names above domains and segments, those above tags, and needs after accounts and contacts on ties", async () => {
    const stem = word("rk");
    const byTag = await seedAccount(firm, { name: "Tagged", tags: [stem] });
    const byDomain = await seedAccount(firm, { name: "Hosted", domain: `${stem}.example` });
    const need = await seedNeed(firm, byTag.id, { title: `${stem} rollout`, detail: null });
    const contact = await seedContact(firm, { firstName: stem, lastName: "Mensah" });
    const byName = await seedAccount(firm, { name: `${stem} Holdings` });

    const hits = await search(firm.owner, stem);
    expect(hits.map((hit) => [hit.type, hit.id])).toEqual([
      ["account", byName.id],
      ["contact", contact.id],
      ["need", need.id],
      ["account", byDomain.id],
      ["account", byTag.id],
    ]);
  });

  it("keeps to the limit (10 by default) across all kinds, best first", async () => {
    const stem = word("lim");
    for (let i = 0; i < 6; i += 1) await seedAccount(firm, { name: `${stem} ${i}` });
    const account = await seedAccount(firm, { name: "Parent" });
    for (let i = 0; i < 6; i += 1) await seedContact(firm, { firstName: stem });
    for (let i = 0; i < 6; i += 1) await seedNeed(firm, account.id, { title: `${stem} ${i}` });

    expect(await search(firm.owner, stem)).toHaveLength(10);
    const three = await search(firm.owner, stem, 3);
    expect(three.map((hit) => hit.type)).toEqual(["account", "account", "account"]);
    expect(await search(firm.owner, stem, 50)).toHaveLength(18);
  });

  it("describes each hit: account by domain and segment, contact by title, current accounts and email, need by account and kind", async () => {
    const stem = word("sub");
    const acme = await seedAccount(firm, {
      name: `Acme ${stem}`,
      domain: `${stem}-acme.example`,
      segment: "Legal",
    });
    const bolt = await seedAccount(firm, { name: "Bolt Industries" });
    const former = await seedAccount(firm, { name: "Former Employer" });
    const gone = await seedAccount(firm, { name: "Gone Ltd", archivedAt: t.clock() });
    const contact = await seedContact(firm, {
      firstName: stem,
      lastName: "Moreau",
      title: "CFO",
      emails: [`${stem}@acme.example`, `${stem}@home.example`],
    });
    await affiliate(firm, contact.id, acme.id);
    await affiliate(firm, contact.id, bolt.id, "2026-06-30");
    await affiliate(firm, contact.id, former.id, "2025-06-30");
    await affiliate(firm, contact.id, gone.id);
    const need = await seedNeed(firm, acme.id, { kind: "goal", title: `${stem} expansion` });
    const bare = await seedContact(firm, { firstName: `${stem}x`, lastName: null, emails: [] });

    const hits = await search(firm.owner, stem, 50);
    const byId = new Map(hits.map((hit) => [hit.id, hit]));
    expect(byId.get(acme.id)).toEqual({
      type: "account",
      id: acme.id,
      title: `Acme ${stem}`,
      subtitle: `${stem}-acme.example · Legal`,
    });
    expect(byId.get(contact.id)).toEqual({
      type: "contact",
      id: contact.id,
      title: `${stem} Moreau`,
      subtitle: `CFO · Acme ${stem}, Bolt Industries · ${stem}@acme.example`,
    });
    expect(byId.get(need.id)).toEqual({
      type: "need",
      id: need.id,
      title: `${stem} expansion`,
      subtitle: `Acme ${stem} · Goal`,
      accountId: acme.id,
    });
    expect(byId.get(bare.id)).toMatchObject({ title: `${stem}x`, subtitle: "" });
  });
});

describe("finding people by email", () => {
  it("finds a contact by a whole email, by its beginning, and past the @", async () => {
    const local = word("ada.");
    const domain = word("dom");
    const email = `${local}@${domain}.example`;
    const contact = await seedContact(firm, { firstName: "Ada", emails: [email] });

    for (const q of [
      email,
      email.toUpperCase(),
      local,
      local.slice(0, 6),
      `${local}@`,
      `${local}@${domain.slice(0, 4)}`,
      `${local}@${domain}.ex`,
    ]) {
      expect(idsOf(await search(firm.owner, q)), q).toEqual([contact.id]);
    }
  });

  it("finds emails the parser splits into several words, such as plus-addresses", async () => {
    const local = word("pl");
    const email = `${local}+crm@${word("d")}.example`;
    const contact = await seedContact(firm, { emails: [email] });
    expect(idsOf(await search(firm.owner, email))).toEqual([contact.id]);
    expect(idsOf(await search(firm.owner, email.slice(0, -4)))).toEqual([contact.id]);
  });
});

describe("what search never shows", () => {
  it("leaves out archived accounts, contacts and needs, and the needs of archived accounts", async () => {
    const stem = word("arc");
    const live = await seedAccount(firm, { name: `${stem} Live` });
    await seedAccount(firm, { name: `${stem} Archived`, archivedAt: t.clock() });
    const archivedParent = await seedAccount(firm, { name: "Parent", archivedAt: t.clock() });
    await seedContact(firm, { firstName: stem, archivedAt: t.clock() });
    await seedNeed(firm, live.id, { title: `${stem} archived need`, archivedAt: t.clock() });
    await seedNeed(firm, archivedParent.id, { title: `${stem} orphaned need` });
    expect(idsOf(await search(firm.owner, stem))).toEqual([live.id]);
  });

  it("never returns another workspace's records, even with the same words", async () => {
    const stem = word("iso");
    const mine = await seedAccount(firm, { name: `${stem} Mine` });
    const theirs = await seedAccount(other, { name: `${stem} Theirs` });
    await seedContact(other, { firstName: stem, emails: [`${stem}@other.example`] });
    await seedNeed(other, theirs.id, { title: `${stem} need` });

    expect(idsOf(await search(firm.owner, stem))).toEqual([mine.id]);
    expect(idsOf(await search(firm.owner, `${stem}@other.example`))).toEqual([]);
    expect(idsOf(await search(firm.owner, `${stem}@oth`))).toEqual([]);
    const theirHits = await search(other.owner, stem);
    expect(theirHits).toHaveLength(3);
    expect(idsOf(theirHits)).not.toContain(mine.id);
  });
});

describe("interests are personal memory", () => {
  let hobby: string;
  let surname: string;
  const found: Record<string, string> = {};
  let roles: Record<"manager" | "accountOwner" | "teamMember" | "outsider" | "viewer", Actor>;

  beforeAll(async () => {
    hobby = word("golf");
    surname = word("hd");
    const accountOwner = await firm.addMember("member");
    const teamMember = await firm.addMember("member");
    roles = {
      manager: await firm.addMember("manager"),
      accountOwner,
      teamMember,
      outsider: await firm.addMember("member"),
      viewer: await firm.addMember("viewer"),
    };
    const account = await seedAccount(firm, { ownerId: accountOwner.memberId });
    await expectJson(
      await firm.owner.client.api.v1.accounts[":id"].team[":memberId"].$put({
        param: { id: account.id, memberId: teamMember.memberId },
        json: { role: "delivery" },
      }),
      200,
    );
    const withInterest = (firstName: string) =>
      seedContact(firm, { firstName, lastName: surname, interests: [hobby, "opera"] });
    const atAccount = await withInterest("Current");
    await affiliate(firm, atAccount.id, account.id);
    const leaving = await withInterest("Leaving");
    await affiliate(firm, leaving.id, account.id, "2026-12-31");
    const unaffiliated = await withInterest("Unaffiliated");
    const moved = await withInterest("Moved");
    await affiliate(firm, moved.id, account.id, "2025-06-30");
    const leftToday = await withInterest("Lefttoday");
    await affiliate(firm, leftToday.id, account.id, "2026-01-15"); // the test clock's today
    Object.assign(found, {
      atAccount: atAccount.id,
      leaving: leaving.id,
      unaffiliated: unaffiliated.id,
      moved: moved.id,
      leftToday: leftToday.id,
    });
  });

  const namesFoundBy = async (actor: Actor, q: string) => {
    const ids = idsOf(await search(actor, q, 50));
    return Object.entries(found)
      .filter(([, id]) => ids.includes(id))
      .map(([name]) => name)
      .sort();
  };
  const everyone = ["atAccount", "leaving", "leftToday", "moved", "unaffiliated"];
  const withoutCurrentAffiliation = ["leftToday", "moved", "unaffiliated"];

  it("lets managers and the account's owner and team find a contact by an interest", async () => {
    expect(await namesFoundBy(firm.owner, hobby)).toEqual(everyone);
    expect(await namesFoundBy(roles.manager, hobby)).toEqual(everyone);
    expect(await namesFoundBy(roles.accountOwner, hobby)).toEqual(everyone);
    expect(await namesFoundBy(roles.teamMember, hobby)).toEqual(everyone);
  });

  it("lets other members find by interest only contacts with no current affiliation", async () => {
    expect(await namesFoundBy(roles.outsider, hobby)).toEqual(withoutCurrentAffiliation);
    expect(await namesFoundBy(roles.outsider, `${surname} ${hobby}`)).toEqual(
      withoutCurrentAffiliation,
    );
  });

  it("never lets viewers find a contact by an interest", async () => {
    expect(await namesFoundBy(roles.viewer, hobby)).toEqual([]);
    expect(await namesFoundBy(roles.viewer, `current ${hobby}`)).toEqual([]);
  });

  it("still lets everyone find those contacts by name", async () => {
    for (const actor of Object.values(roles)) {
      expect(await namesFoundBy(actor, surname)).toEqual(everyone);
    }
  });

  it("does not let hidden interests lift a contact in the ranking", async () => {
    const stem = word("ord");
    const account = await seedAccount(firm);
    const plain = await seedContact(firm, { firstName: stem, lastName: "Aalto" });
    const keen = await seedContact(firm, { firstName: stem, lastName: "Zorn", interests: [stem] });
    await affiliate(firm, keen.id, account.id);
    expect(idsOf(await search(roles.manager, stem))).toEqual([keen.id, plain.id]);
    expect(idsOf(await search(roles.outsider, stem))).toEqual([plain.id, keen.id]);
    expect(idsOf(await search(roles.viewer, stem))).toEqual([plain.id, keen.id]);
  });

  it("stops showing interests to a member taken off the team", async () => {
    const leaver = await firm.addMember("member");
    const account = await seedAccount(firm);
    const put = firm.owner.client.api.v1.accounts[":id"].team[":memberId"];
    await expectJson(
      await put.$put({
        param: { id: account.id, memberId: leaver.memberId },
        json: { role: "support" },
      }),
      200,
    );
    const interest = word("sail");
    const contact = await seedContact(firm, { interests: [interest] });
    await affiliate(firm, contact.id, account.id);
    expect(idsOf(await search(leaver, interest))).toEqual([contact.id]);
    await expectJson(
      await put.$delete({ param: { id: account.id, memberId: leaver.memberId } }),
      200,
    );
    expect(idsOf(await search(leaver, interest))).toEqual([]);
  });
});

describe("bad and hostile input", () => {
  it("treats tsquery syntax and punctuation as plain text, never as a 500", async () => {
    const stem = word("obr");
    const contact = await seedContact(firm, { firstName: "Siobhan", lastName: `O'${stem}` });
    for (const q of [
      "a & | ! : * ( ) '",
      "'",
      "\\",
      "ada:*A",
      "!!!ada",
      "(ada | bram) & !chloé",
      "ada <-> okafor",
      "ada <2> okafor",
      "' or 1=1 --",
      "'); drop table contacts; --",
      "%_%",
      "@",
      "ada@%_\\'",
      "-",
      "...",
      "ünïcödé 日本語 🙂",
      "a".repeat(200),
    ]) {
      const res = await firm.owner.client.api.v1.search.$get({ query: { q } });
      expect(res.status, q).toBe(200);
    }
    expect(idsOf(await search(firm.owner, `o'${stem}`))).toEqual([contact.id]);
    expect(idsOf(await search(firm.owner, `siobhan:* & ${stem}!`))).toEqual([contact.id]);
  });

  it("answers an empty list when no word is left", async () => {
    for (const q of ["", "   ", "&|!", "'':*", "- . ,"]) {
      expect(await search(firm.owner, q), JSON.stringify(q)).toEqual([]);
    }
  });

  it("refuses a missing or too long query and a bad limit with the field's path", async () => {
    const h = { headers: firm.owner.headers };
    const pathsOf = async (url: string) =>
      (await expectProblem(await t.request(url, h), 400, "VALIDATION_FAILED")).errors?.map(
        (e) => e.path,
      );
    expect(await pathsOf("/api/v1/search")).toEqual(["q"]);
    expect(await pathsOf(`/api/v1/search?q=${"a".repeat(201)}`)).toEqual(["q"]);
    for (const limit of ["0", "51", "x", "1.5", "-1"]) {
      expect(await pathsOf(`/api/v1/search?q=ada&limit=${limit}`), limit).toEqual(["limit"]);
    }
  });

  it("asks for sign-in", async () => {
    await expectProblem(await t.request("/api/v1/search?q=ada"), 401, "UNAUTHENTICATED");
  });
});
