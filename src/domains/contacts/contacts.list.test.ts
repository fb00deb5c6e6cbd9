import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectJson } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { type ContactSort, contactSorts } from "./contacts.inputs";
import { contactCalls, type Workspace } from "./contacts.testing";

let t: TestApp;
let firm: Workspace;
let call: ReturnType<typeof contactCalls>;
let northwind: { id: string; name: string };
let contoso: { id: string; name: string };
const ids: Record<string, string> = {};

// [first name, last name, level]: some share a full name when lower-cased (id breaks the tie).
const people = [
  ["Delta", "Moreau", "executive"],
  ["alpha", "Ivanova", "management"],
  ["Charlie", null, "operational"],
  ["Beta", "Haddad", "executive"],
  ["beta", "haddad", "management"],
  ["Echo", "Tanaka", null],
  ["Foxtrot", "100%_Sure", "operational"],
] as const;

beforeAll(async () => {
  t = await createTestApp();
  firm = await t.createWorkspace("Lists");
  call = contactCalls(t);
  northwind = await call.newAccount(firm.owner);
  contoso = await call.newAccount(firm.owner);
  for (const [i, [firstName, lastName, level]] of people.entries()) {
    if (i % 3 !== 0) t.clock.advance(60_000); // some share a createdAt: id breaks the tie
    const contact = await call.create(firm.owner, {
      firstName,
      lastName,
      level,
      emails: [`${firstName.toLowerCase()}${i}@${i < 3 ? "northwind" : "contoso"}.example`],
    });
    ids[`${firstName} ${i}`] = contact.id;
  }
  const byCreation = await list({ sort: "createdAt", limit: "200" });
  // Touch two early contacts so updatedAt order differs from createdAt order.
  for (const c of byCreation.data.slice(0, 2)) {
    t.clock.advance(60_000);
    await expectJson(await call.patch(firm.owner, c.id, { title: "Partner" }, 1), 200);
  }
  // Delta and alpha work at Northwind (Delta as champion), Charlie used to; Beta at Contoso.
  const at = (name: string) => ids[name] ?? "";
  await expectJson(
    await call.affiliate(firm.owner, at("Delta 0"), northwind.id, { role: "champion" }),
    201,
  );
  await expectJson(await call.affiliate(firm.owner, at("alpha 1"), northwind.id), 201);
  await expectJson(
    await call.affiliate(firm.owner, at("Charlie 2"), northwind.id, {
      startedOn: "2020-01-01",
      endedOn: "2025-12-31",
    }),
    201,
  );
  await expectJson(
    await call.affiliate(firm.owner, at("Beta 3"), contoso.id, { role: "decision_maker" }),
    201,
  );
  // Someone who will leave later is still there today.
  await expectJson(
    await call.affiliate(firm.owner, at("Echo 5"), contoso.id, { endedOn: "2026-06-30" }),
    201,
  );
});
afterAll(async () => {
  await t.close();
});

const list = (query: Record<string, string>) =>
  call
    .api(firm.owner)
    .$get({ query })
    .then((r) => expectJson(r, 200));
const namesOf = (page: { data: { firstName: string }[] }) =>
  page.data.map((c) => c.firstName).sort();

describe("listing contacts", () => {
  it("filters by current account, level and text (names and emails, wildcards escaped)", async () => {
    expect(namesOf(await list({ accountId: northwind.id }))).toEqual(["Delta", "alpha"]);
    expect(namesOf(await list({ accountId: contoso.id }))).toEqual(["Beta", "Echo"]);
    expect(namesOf(await list({ level: "executive" }))).toEqual(["Beta", "Delta"]);
    expect(namesOf(await list({ accountId: northwind.id, level: "management" }))).toEqual([
      "alpha",
    ]);
    expect(namesOf(await list({ q: "BETA HAD" }))).toEqual(["Beta", "beta"]);
    expect(namesOf(await list({ q: "echo5@contoso" }))).toEqual(["Echo"]);
    expect(namesOf(await list({ q: "northwind.example" }))).toEqual(["Charlie", "Delta", "alpha"]);
    expect(namesOf(await list({ q: "100%_" }))).toEqual(["Foxtrot"]);
    expect(namesOf(await list({ q: "%" }))).toEqual(["Foxtrot"]);
    expect(namesOf(await list({ q: "_" }))).toEqual(["Foxtrot"]);
    expect(namesOf(await list({ archived: "true" }))).toEqual([]);
    // An id that is no account of this workspace simply matches no one.
    expect(namesOf(await list({ accountId: crypto.randomUUID() }))).toEqual([]);
  });

  it("shows each person's primary email and current affiliations, without memory", async () => {
    const page = await list({ accountId: northwind.id, sort: "name" });
    expect(page.data.map((c) => [c.firstName, c.primaryEmail, c.currentAffiliations])).toEqual([
      [
        "alpha",
        "alpha1@northwind.example",
        [
          {
            id: expect.any(String),
            accountId: northwind.id,
            accountName: northwind.name,
            role: "user",
          },
        ],
      ],
      [
        "Delta",
        "delta0@northwind.example",
        [
          {
            id: expect.any(String),
            accountId: northwind.id,
            accountName: northwind.name,
            role: "champion",
          },
        ],
      ],
    ]);
    const charlie = (await list({ q: "charlie" })).data[0];
    expect(charlie?.currentAffiliations).toEqual([]);
  });

  for (const sort of contactSorts) {
    it(`pages through sort=${sort} with no duplicates and no gaps`, async () => {
      const full = await list({ sort, limit: "200" });
      expect(full.data).toHaveLength(people.length);
      expect(full.nextCursor).toBeNull();
      expectSorted(full.data, sort);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list({ sort, limit: "2", ...(cursor ? { cursor } : {}) });
        expect(page.data.length).toBeLessThanOrEqual(2);
        seen.push(...page.data.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(full.data.map((c) => c.id));
    });
  }

  it("sorts by name by default", async () => {
    const byDefault = await list({});
    expect(byDefault.data.map((c) => c.id)).toEqual(
      (await list({ sort: "name" })).data.map((c) => c.id),
    );
  });
});

type Listed = {
  id: string;
  firstName: string;
  lastName: string | null;
  createdAt: string;
  updatedAt: string;
};

function expectSorted(rows: Listed[], sort: ContactSort) {
  const field = sort.replace("-", "") as "name" | "createdAt" | "updatedAt";
  const sign = sort.startsWith("-") ? -1 : 1;
  const keyOf = (c: Listed) =>
    field === "name" ? `${c.firstName} ${c.lastName ?? ""}`.toLowerCase() : c[field];
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1] as Listed, rows[i] as Listed];
    const order = keyOf(a) === keyOf(b) ? (a.id < b.id ? -1 : 1) : keyOf(a) < keyOf(b) ? -1 : 1;
    expect(order * sign, `${a.firstName} before ${b.firstName}`).toBe(-1);
  }
}
