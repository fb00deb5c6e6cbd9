import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/audit.schema";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { accounts } from "../accounts";
import { contactAffiliations, contactEmails } from "../contacts";
import { accountCsvHeader, contactCsvHeader } from "./imports.exports";
import { importReport } from "./imports.testing";

let t: TestApp;
let firm: Awaited<ReturnType<TestApp["createWorkspace"]>>;
let other: Awaited<ReturnType<TestApp["createWorkspace"]>>;
type Actor = typeof firm.owner;

const PEOPLE = [
  "First Name,Last Name,Email,Other Emails,Phone,Title,Level,Company,Company Domain,Interests,Birthday,How We Met,Notes",
  'Ada,Lovelace,ada@analytical.example,ada@home.example,+44 20 7946 0001,"Countess, analyst",executive,Analytical Engines,analytical.example,"poetry; horses",--12-10,A soirée,"Likes ""notes""; long ones,\nover lines"',
  "Charles,Babbage,charles@analytical.example,,,Inventor,management,Analytical Engines,analytical.example,,1971-12-26,,",
  "Mary,Somerville,mary@free.example,,,Writer,,,,astronomy,,,Unaffiliated notes",
].join("\n");

let engines: { id: string };
let ada: string;
let mary: string;

async function idOf(email: string): Promise<string> {
  const [row] = await t.db
    .select({ id: contactEmails.contactId })
    .from(contactEmails)
    .where(and(eq(contactEmails.workspaceId, firm.workspace.id), eq(contactEmails.email, email)));
  if (!row) throw new Error(`no contact with ${email}`);
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp();
  firm = await t.createWorkspace("Firm");
  other = await t.createWorkspace("Other firm");
  const report = await importReport(t, firm.owner, "contacts", PEOPLE);
  expect(report).toMatchObject({ created: 3, rejected: [] });
  const [account] = await t.db
    .select()
    .from(accounts)
    .where(eq(accounts.domain, "analytical.example"));
  if (!account) throw new Error("the import creates the account");
  engines = account;
  ada = await idOf("ada@analytical.example");
  mary = await idOf("mary@free.example");
});
afterAll(async () => {
  await t.close();
});

async function download(actor: Actor, path: string) {
  const res = await t.request(`/api/v1${path}`, { headers: actor.headers });
  // Keep a byte-order mark, which Response.text() would drop.
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
  expect(res.status, text).toBe(200);
  return {
    text,
    type: res.headers.get("content-type"),
    disposition: res.headers.get("content-disposition"),
  };
}

function csvRows(text: string): Record<string, string>[] {
  return parse(text, { bom: true, columns: true }) as Record<string, string>[];
}

function cardsOf(text: string) {
  const parsed = ICAL.parse(text) as unknown[];
  const list = Array.isArray(parsed[0]) ? parsed : [parsed];
  return list.map((jcard) => new ICAL.Component(jcard as never));
}

async function memoryReads(entityId: string) {
  return t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "contact.memory_read"), eq(auditEvents.entityId, entityId)));
}

describe("CSV exports", () => {
  it("exports contacts in the columns the import accepts, and the export imports back unchanged", async () => {
    const file = await download(firm.owner, "/exports/contacts.csv");
    expect(file.type).toBe("text/csv; charset=utf-8");
    expect(file.disposition).toBe(`attachment; filename="contacts-2026-01-15.csv"`);
    expect(file.text.startsWith("\uFEFF")).toBe(true);
    const rows = csvRows(file.text);
    expect(Object.keys(rows[0] ?? {})).toEqual(contactCsvHeader);
    expect(rows.find((r) => r.Email === "ada@analytical.example")).toMatchObject({
      "Other Emails": "ada@home.example",
      Company: "Analytical Engines",
      "Company Domain": "analytical.example",
      Interests: "poetry; horses",
      Birthday: "--12-10",
      Notes: 'Likes "notes"; long ones,\nover lines',
    });
    expect(await importReport(t, firm.owner, "contacts", file.text)).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 3,
      rejected: [],
      accountsCreated: [],
    });
    expect(await memoryReads(ada)).toHaveLength(1);
  });

  it("exports accounts in the columns the import accepts, and the export imports back unchanged", async () => {
    const csv = [
      "Name,Domain,Status,Tier,Segment,Tags,Size,Service Coverage,Service Hours,Background,Aspirations",
      'Northwind,northwind.example,active,key,Retail,"retail; logistics",1200,managed,24x7,"Since 1952,\nfamily-owned",Grow in Asia',
      "Plain,,,,,,,,,,",
    ].join("\n");
    expect(await importReport(t, firm.owner, "accounts", csv)).toMatchObject({ created: 2 });
    const file = await download(firm.owner, "/exports/accounts.csv");
    const rows = csvRows(file.text);
    expect(Object.keys(rows[0] ?? {})).toEqual(accountCsvHeader);
    expect(rows).toHaveLength(3);
    expect(await importReport(t, firm.owner, "accounts", file.text)).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 3,
      rejected: [],
    });
  });

  it("leaves personal memory out for a member off the account's team, and their export still imports unchanged", async () => {
    const member = await firm.addMember("member");
    const before = (await memoryReads(ada)).length;
    const rows = csvRows((await download(member, "/exports/contacts.csv")).text);
    const adaRow = rows.find((r) => r.Email === "ada@analytical.example");
    expect(adaRow).toMatchObject({
      Title: "Countess, analyst",
      Birthday: "",
      Notes: "",
      Interests: "",
    });
    // Nobody's account: anyone may see it.
    expect(rows.find((r) => r.Email === "mary@free.example")).toMatchObject({
      Notes: "Unaffiliated notes",
    });
    expect(await memoryReads(ada)).toHaveLength(before);
    expect(await memoryReads(mary)).toHaveLength(2);
    const file = (await download(member, "/exports/contacts.csv")).text;
    expect(await importReport(t, member, "contacts", file)).toMatchObject({
      unchanged: 3,
      rejected: [],
    });
  });

  it("refuses a member's import that would change personal memory they may not see", async () => {
    const member = await firm.addMember("member");
    const csv = "Name,Email,Notes\nAda Lovelace,ada@analytical.example,Overwritten\n";
    const report = await importReport(t, member, "contacts", csv);
    expect(report.rejected).toEqual([
      {
        line: 2,
        reason: expect.stringMatching(/^notes: you may not change this contact's personal memory/),
      },
    ]);
  });
});

describe("vCard exports", () => {
  it("exports one contact as a vCard 4.0 that the library reads back", async () => {
    const file = await download(firm.owner, `/contacts/${ada}.vcf`);
    expect(file.type).toBe("text/vcard; charset=utf-8");
    expect(file.disposition).toBe(`attachment; filename="ada-lovelace.vcf"`);
    expect(file.text).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    const [card] = cardsOf(file.text);
    expect(card?.getFirstPropertyValue("fn")).toBe("Ada Lovelace");
    expect(card?.getFirstPropertyValue("n")).toEqual(["Lovelace", "Ada", "", "", ""]);
    const emails = card?.getAllProperties("email") ?? [];
    expect(emails.map((e) => [e.getFirstValue(), e.getParameter("pref")])).toEqual([
      ["ada@analytical.example", "1"],
      ["ada@home.example", undefined],
    ]);
    expect(card?.getFirstPropertyValue("tel")).toBe("+44 20 7946 0001");
    expect(card?.getFirstPropertyValue("org")).toBe("Analytical Engines");
    expect(card?.getFirstPropertyValue("title")).toBe("Countess, analyst");
    expect(String(card?.getFirstPropertyValue("bday"))).toBe("--12-10");
    expect(file.text).toContain("BDAY:--1210\r\n");
    expect(card?.getFirstPropertyValue("note")).toBe('Likes "notes"; long ones,\nover lines');
    expect(card?.getFirstPropertyValue("uid")).toBe(`urn:uuid:${ada}`);
    expect(file.text).toMatch(/\r\nREV:\d{8}T\d{6}Z\r\n/);
  });

  it("writes BDAY and NOTE only for those who may see them, and audits that read", async () => {
    const member = await firm.addMember("member");
    const offTeam = await download(member, `/contacts/${ada}.vcf`);
    expect(offTeam.text).not.toMatch(/BDAY|NOTE/);
    const reads = (await memoryReads(ada)).length;
    await expectJson(
      await firm.owner.client.api.v1.accounts[":id"].team[":memberId"].$put({
        param: { id: engines.id, memberId: member.memberId },
        json: { role: "delivery" },
      }),
      200,
    );
    const onTeam = await download(member, `/contacts/${ada}.vcf`);
    expect(onTeam.text).toContain("BDAY:--1210");
    const events = await memoryReads(ada);
    expect(events).toHaveLength(reads + 1);
    expect(events.at(-1)).toMatchObject({ actorMemberId: member.memberId });
  });

  it("exports an account's current people as one file, which imports back unchanged", async () => {
    const charles = await idOf("charles@analytical.example");
    const file = await download(firm.owner, `/accounts/${engines.id}/contacts.vcf`);
    expect(file.disposition).toBe(`attachment; filename="analytical-engines-contacts.vcf"`);
    expect(
      cardsOf(file.text)
        .map((c) => c.getFirstPropertyValue("fn"))
        .sort(),
    ).toEqual(["Ada Lovelace", "Charles Babbage"]);
    expect(await importReport(t, firm.owner, "vcards", file.text)).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2,
      rejected: [],
    });
    // Charles left: no longer in the account's file.
    await t.db
      .update(contactAffiliations)
      .set({ endedOn: "2025-12-31" })
      .where(eq(contactAffiliations.contactId, charles));
    const after = await download(firm.owner, `/accounts/${engines.id}/contacts.vcf`);
    expect(cardsOf(after.text).map((c) => c.getFirstPropertyValue("fn"))).toEqual(["Ada Lovelace"]);
  });

  it("answers 404 for another workspace's contact or account, 400 for an id that is no UUID", async () => {
    await expectProblem(
      await t.request(`/api/v1/contacts/${ada}.vcf`, { headers: other.owner.headers }),
      404,
      "NOT_FOUND",
    );
    await expectProblem(
      await t.request(`/api/v1/accounts/${engines.id}/contacts.vcf`, {
        headers: other.owner.headers,
      }),
      404,
      "NOT_FOUND",
    );
    await expectProblem(
      await t.request("/api/v1/contacts/nope.vcf", { headers: firm.owner.headers }),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(await t.request(`/api/v1/contacts/${ada}.vcf`), 401, "UNAUTHENTICATED");
    // The .vcf route does not shadow the contact itself.
    const res = await t.request(`/api/v1/contacts/${ada}`, { headers: firm.owner.headers });
    expect(res.headers.get("content-type")).toContain("application/json");
  });
});

describe("vCard imports", () => {
  it("imports vCard 3.0 and 4.0 cards from other address books, rejecting an unreadable card by its line", async () => {
    const file = [
      "BEGIN:VCARD",
      "VERSION:3.0",
      "N:Hopper;Grace;Murray;;",
      "FN:Grace Hopper",
      "ORG:US Navy;Computing",
      "TITLE:Rear Admiral",
      "EMAIL;TYPE=INTERNET,WORK:grace@navy.example",
      "EMAIL;TYPE=INTERNET,HOME,pref:grace@home.example",
      "TEL;TYPE=CELL:+1 555 0199",
      "BDAY:1906-12-09",
      'NOTE:Coined "debugging"\\, they say',
      "END:VCARD",
      "BEGIN:VCARD",
      "VERSION:4.0",
      "this line is not a property",
      "END:VCARD",
      "BEGIN:VCARD",
      "VERSION:4.0",
      "FN:Annie Easley",
      "EMAIL;PREF=1:annie@nasa.example",
      "BDAY:--0423",
      "END:VCARD",
      "",
    ].join("\r\n");
    const report = await importReport(t, firm.owner, "vcards", file);
    expect(report).toMatchObject({ created: 2, accountsCreated: [{ line: 1, name: "US Navy" }] });
    expect(report.rejected).toEqual([
      { line: 13, reason: expect.stringMatching(/^vCard: cannot be read/) },
    ]);
    const grace = await idOf("grace@home.example");
    const card = cardsOf((await download(firm.owner, `/contacts/${grace}.vcf`)).text)[0];
    expect(card?.getFirstPropertyValue("email")).toBe("grace@home.example");
    expect(String(card?.getFirstPropertyValue("bday"))).toBe("1906-12-09");
    expect(card?.getFirstPropertyValue("note")).toBe('Coined "debugging", they say');
    const annie = cardsOf(
      (await download(firm.owner, `/contacts/${await idOf("annie@nasa.example")}.vcf`)).text,
    )[0];
    expect(annie?.getFirstPropertyValue("n")).toEqual(["Easley", "Annie", "", "", ""]);
    expect(String(annie?.getFirstPropertyValue("bday"))).toBe("--04-23");
  });
});
