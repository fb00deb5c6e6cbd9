import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/audit.schema";
import { jobs } from "../../platform/jobs";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { accounts } from "../accounts";
import { contactAffiliations, contactEmails, contacts } from "../contacts";
import { runImport } from "./imports.run";
import {
  createImportRunner,
  importFile,
  importReport,
  readImport,
  upload,
} from "./imports.testing";

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

async function contactByEmail(email: string) {
  const [row] = await t.db
    .select({ contact: contacts })
    .from(contactEmails)
    .innerJoin(
      contacts,
      and(
        eq(contacts.workspaceId, contactEmails.workspaceId),
        eq(contacts.id, contactEmails.contactId),
      ),
    )
    .where(and(eq(contactEmails.workspaceId, firm.workspace.id), eq(contactEmails.email, email)));
  return row?.contact;
}

async function countContacts(workspaceId = firm.workspace.id) {
  const [row] = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts)
    .where(eq(contacts.workspaceId, workspaceId));
  return row?.n ?? 0;
}

describe("reading CSV files", () => {
  it("imports a semicolon-delimited file with a BOM and quoted fields spanning lines", async () => {
    const csv =
      "\uFEFFFirst Name;Last Name;E-mail;Job Title;Notes\r\n" +
      'Ada;Lovelace;ada@analytical.example;"Chief; Engines";"Met at the\r\nRoyal Society"\r\n' +
      "Charles;Babbage;charles@analytical.example;Inventor;\r\n";
    const report = await importReport(t, firm.owner, "contacts", csv);
    expect(report).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: [] });
    const ada = await contactByEmail("ada@analytical.example");
    expect(ada).toMatchObject({
      firstName: "Ada",
      lastName: "Lovelace",
      title: "Chief; Engines",
      notes: "Met at the\r\nRoyal Society",
      version: 1,
    });
  });

  it("imports a tab-delimited file and numbers rejected rows by their physical line", async () => {
    const csv = [
      "Name\tEmail Address\tLevel",
      'Grace Hopper\tgrace@navy.example\t"Executive"',
      '"Katherine\nJohnson"\tnot-an-email\toperational',
      "Dorothy Vaughan\tdorothy@nasa.example\tchief",
      "\tnobody@nasa.example\t",
      "Mary Jackson\tmary@nasa.example\tmanagement",
    ].join("\n");
    const report = await importReport(t, firm.owner, "contacts", csv);
    expect(report.created).toBe(2);
    expect(report.rejected).toEqual([
      { line: 3, reason: expect.stringMatching(/^emails: Must be an email address.*not-an-email/) },
      {
        line: 5,
        reason: expect.stringMatching(/^level: Must be one of executive, management, operational/),
      },
      { line: 6, reason: expect.stringMatching(/^firstName: Required/) },
    ]);
    expect(await contactByEmail("grace@navy.example")).toMatchObject({
      firstName: "Grace",
      lastName: "Hopper",
      level: "executive",
    });
    expect(await contactByEmail("mary@nasa.example")).toBeDefined();
  });
});

const PEOPLE = [
  "First Name,Last Name,Email,Phone Number,Job Title",
  "Hedy,Lamarr,hedy@signals.example,+1 555 0100,Inventor",
  "Alan,Turing,alan@bletchley.example,,Mathematician",
  "Joan,Clarke,joan@bletchley.example,+44 20 7946 0000,Cryptanalyst",
].join("\n");

describe("upserting contacts", () => {
  it("reports a dry run like the real run and writes nothing", async () => {
    const before = await countContacts();
    const auditBefore = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    const result = await importFile(t, firm.owner, "contacts", PEOPLE, { dryRun: true });
    expect(result).toMatchObject({
      status: "done",
      dryRun: true,
      progress: { processed: 3, total: 3 },
      report: { created: 3, updated: 0, unchanged: 0, rejected: [] },
    });
    expect(await countContacts()).toBe(before);
    expect(await contactByEmail("hedy@signals.example")).toBeUndefined();
    const auditAfter = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(auditAfter).toEqual(auditBefore);
  });

  it("creates no duplicates on re-import: every row is unchanged", async () => {
    const first = await importReport(t, firm.owner, "contacts", PEOPLE);
    expect(first).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const before = await countContacts();
    const second = await importReport(t, firm.owner, "contacts", PEOPLE);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: [] });
    expect(await countContacts()).toBe(before);
  });

  it("updates a contact whose row changed: new values, added emails and phones, version bumped", async () => {
    const before = await contactByEmail("alan@bletchley.example");
    t.clock.advance(60_000);
    const changed = [
      "First Name,Last Name,Email,Other Emails,Phone,Job Title,Birthday",
      "Alan,Turing,alan@bletchley.example,alan@manchester.example,+44 161 000,Reader,--06-23",
    ].join("\n");
    const report = await importReport(t, firm.owner, "contacts", changed);
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const after = await contactByEmail("alan@manchester.example");
    expect(after).toMatchObject({
      id: before?.id,
      title: "Reader",
      emails: ["alan@bletchley.example", "alan@manchester.example"],
      phones: ["+44 161 000"],
      importantDates: [{ kind: "birthday", month: 6, day: 23, remind: true }],
      version: (before?.version ?? 0) + 1,
      updatedAt: t.clock(),
    });
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityId, before?.id ?? ""), eq(auditEvents.action, "contact.updated")),
      );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorMemberId: firm.owner.memberId, actorVia: "import" });
  });

  it("leaves values alone where the file's cell is blank", async () => {
    const csv = "Name,Email,Job Title\nAlan Turing,alan@bletchley.example,\n";
    const report = await importReport(t, firm.owner, "contacts", csv);
    expect(report).toMatchObject({ unchanged: 1 });
    expect(await contactByEmail("alan@bletchley.example")).toMatchObject({ title: "Reader" });
  });

  it("rejects a row repeating an earlier row's email, and one whose emails are two contacts", async () => {
    const csv = [
      "Name,Email,Other Emails",
      "Hedy Lamarr,hedy@signals.example,",
      "Hedy Kiesler,hedy@signals.example,",
      "Joan Turing,joan@bletchley.example,alan@bletchley.example",
    ].join("\n");
    const report = await importReport(t, firm.owner, "contacts", csv);
    expect(report.rejected).toEqual([
      { line: 3, reason: "Duplicate of line 2: hedy@signals.example is on both rows" },
      { line: 4, reason: expect.stringMatching(/^emails: .*different contacts/) },
    ]);
    expect(report.unchanged).toBe(1);
  });

  it("matches a row without email to the email-less contact of the same name", async () => {
    const csv = "Name,Title\nRosalind Franklin,Chemist\n";
    expect(await importReport(t, firm.owner, "contacts", csv)).toMatchObject({ created: 1 });
    expect(await importReport(t, firm.owner, "contacts", csv)).toMatchObject({
      created: 0,
      unchanged: 1,
    });
  });
});

describe("files that are not CSV", () => {
  it("refuses a binary file at upload with 400", async () => {
    const bytes = new Uint8Array([
      0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00,
    ]);
    const problem = await expectProblem(
      await upload(firm.owner, "contacts", bytes),
      400,
      "VALIDATION_FAILED",
    );
    expect(problem.detail).toMatch(/not a CSV|binary/i);
    expect(problem.errors).toEqual([{ path: "body", message: problem.detail }]);
  });

  it("refuses a file without a recognisable header (one column of garbage) with 400", async () => {
    const garbage = "xq7#kd!!\nzzzz\n0000\n";
    const problem = await expectProblem(
      await upload(firm.owner, "contacts", garbage),
      400,
      "VALIDATION_FAILED",
    );
    expect(problem.detail).toMatch(/first line must be a header/);
  });

  it("refuses an empty body and a vCard upload that is no vCard", async () => {
    await expectProblem(await upload(firm.owner, "contacts", ""), 400, "VALIDATION_FAILED");
    const problem = await expectProblem(
      await upload(firm.owner, "vcards", PEOPLE),
      400,
      "VALIDATION_FAILED",
    );
    expect(problem.detail).toMatch(/not a vCard/);
  });

  it("fails a file whose quotes never close, with the reason, writing nothing", async () => {
    const before = await countContacts();
    const broken =
      'Name,Email\nEdith Clarke,edith@ge.example\n"Lise Meitner,lise@kwi.example\nOtto Hahn,otto@kwi.example\n';
    const result = await importFile(t, firm.owner, "contacts", broken);
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(/quoted field .* never closed/);
    expect(result.report).toBeNull();
    expect(await countContacts()).toBe(before);
  });

  it("refuses a mapping naming a column the file lacks or a field that does not exist", async () => {
    const problem = await expectProblem(
      await upload(firm.owner, "contacts", PEOPLE, {
        mapping: { Shoe: "firstName", "Job Title": "shoeSize" },
      }),
      400,
      "VALIDATION_FAILED",
    );
    expect(problem.errors?.map((e) => e.path)).toEqual(["mapping.Shoe", "mapping.Job Title"]);
    const res = await t.request("/api/v1/imports/contacts?mapping=%7Bnot-json", {
      method: "POST",
      headers: { ...firm.owner.headers, "content-type": "text/csv" },
      body: PEOPLE,
    });
    expect((await expectProblem(res, 400, "VALIDATION_FAILED")).errors?.[0]?.path).toBe("mapping");
  });
});

describe("a failure while writing", () => {
  it("leaves nothing behind: no contact, account, email, affiliation or audit event", async () => {
    // A rule only the database knows, broken by the third row: found mid-write.
    await t.db.execute(sql`
      create function refuse_doomed() returns trigger language plpgsql as $$
      begin
        if new.first_name = 'Doomed' then raise exception 'doomed rows may not be written'; end if;
        return new;
      end $$`);
    await t.db.execute(
      sql`create trigger refuse_doomed before insert on contacts for each row execute function refuse_doomed()`,
    );
    try {
      const counts = async () =>
        Promise.all([
          countContacts(),
          t.db.select({ n: sql<number>`count(*)::int` }).from(accounts),
          t.db.select({ n: sql<number>`count(*)::int` }).from(contactEmails),
          t.db.select({ n: sql<number>`count(*)::int` }).from(contactAffiliations),
          t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents),
        ]);
      const before = await counts();
      const csv = [
        "Name,Email,Company,Job Title",
        "Lise Meitner,lise@kwi.example,Kaiser Wilhelm Institute,Physicist",
        "Hedy Lamarr,hedy@signals.example,,Film star",
        "Doomed Row,doomed@kwi.example,Kaiser Wilhelm Institute,",
      ].join("\n");
      const result = await importFile(t, firm.owner, "contacts", csv);
      expect(result.status).toBe("failed");
      expect(result.error).toMatch(
        /rolled back: nothing was written.*doomed rows may not be written/,
      );
      expect(await counts()).toEqual(before);
      expect(await contactByEmail("hedy@signals.example")).toMatchObject({ title: "Inventor" });
    } finally {
      await t.db.execute(sql`drop trigger refuse_doomed on contacts`);
      await t.db.execute(sql`drop function refuse_doomed()`);
    }
  });
});

describe("contacts with a Company", () => {
  it("creates a prospect account owned by the importer, links the contact, and says so in the report", async () => {
    const member = await firm.addMember("member");
    const csv = [
      "Full Name,E-mail,Company,Website",
      "Marie Curie,marie@radium.example,Radium Institute,https://www.radium.example/",
      "Pierre Curie,pierre@radium.example,radium institute,",
    ].join("\n");
    const report = await importReport(t, member, "contacts", csv);
    expect(report).toMatchObject({ created: 2, affiliationsCreated: 2 });
    expect(report.accountsCreated).toEqual([
      { line: 2, id: expect.any(String), name: "Radium Institute", domain: "radium.example" },
    ]);
    const [account] = await t.db
      .select()
      .from(accounts)
      .where(eq(accounts.id, report.accountsCreated[0]?.id ?? ""));
    expect(account).toMatchObject({
      status: "prospect",
      ownerId: member.memberId,
      domain: "radium.example",
    });
    const links = await t.db
      .select({ contactId: contactAffiliations.contactId })
      .from(contactAffiliations)
      .where(eq(contactAffiliations.accountId, account?.id ?? ""));
    expect(links).toHaveLength(2);
    const created = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, account?.id ?? ""));
    expect(created.map((e) => e.action)).toEqual(["account.created"]);

    // Again: the account is found (by domain, or by name), the links exist: all unchanged.
    expect(await importReport(t, member, "contacts", csv)).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2,
      accountsCreated: [],
      affiliationsCreated: 0,
    });
  });

  it("links an existing contact to a company it was not with: updated, without a version bump", async () => {
    const before = await contactByEmail("hedy@signals.example");
    const report = await importReport(
      t,
      firm.owner,
      "contacts",
      "Name,Email,Company\nHedy Lamarr,hedy@signals.example,Radium Institute\n",
    );
    expect(report).toMatchObject({ updated: 1, affiliationsCreated: 1, accountsCreated: [] });
    expect((await contactByEmail("hedy@signals.example"))?.version).toBe(before?.version);
  });

  it("rejects a row whose company domain is not a domain", async () => {
    const report = await importReport(
      t,
      firm.owner,
      "contacts",
      "Name,Email,Company Domain\nNo One,no@one.example,not a domain\n",
    );
    expect(report.rejected).toEqual([
      { line: 2, reason: expect.stringMatching(/^companyDomain: Must be a domain/) },
    ]);
  });
});

describe("who may import", () => {
  it("lets viewers read imports but not start one (403)", async () => {
    const viewer = await firm.addMember("viewer");
    await expectProblem(await upload(viewer, "contacts", PEOPLE), 403, "FORBIDDEN");
    const list = await expectJson(await viewer.client.api.v1.imports.$get({ query: {} }), 200);
    expect(list.data.length).toBeGreaterThan(0);
  });

  it("answers 404 for another workspace's import and 401 without credentials", async () => {
    const { id } = await expectJson(
      await upload(firm.owner, "contacts", PEOPLE, { dryRun: true }),
      202,
    );
    await expectProblem(
      await other.owner.client.api.v1.imports[":id"].$get({ param: { id } }),
      404,
      "NOT_FOUND",
    );
    const otherList = await expectJson(
      await other.owner.client.api.v1.imports.$get({ query: {} }),
      200,
    );
    expect(otherList.data).toEqual([]);
    await expectProblem(
      await t.client.api.v1.imports[":id"].$get({ param: { id } }),
      401,
      "UNAUTHENTICATED",
    );
    await expectProblem(
      await firm.owner.client.api.v1.imports[":id"].$get({ param: { id: "nope" } }),
      400,
      "VALIDATION_FAILED",
    );
    await createImportRunner(t).runDueJobs();
  });

  it("lists imports newest first with a cursor", async () => {
    const page1 = await expectJson(
      await firm.owner.client.api.v1.imports.$get({ query: { limit: "2" } }),
      200,
    );
    expect(page1.data).toHaveLength(2);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await expectJson(
      await firm.owner.client.api.v1.imports.$get({
        query: { limit: "2", cursor: page1.nextCursor ?? "" },
      }),
      200,
    );
    const ids = [...page1.data, ...page2.data].map((i) => i.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("body size and progress", () => {
  it("accepts an import above the 1 MB API limit (which still holds elsewhere) and reports progress", async () => {
    const rows = Array.from(
      { length: 12_000 },
      (_, i) => `Person ${i},person${i}@big.example,Tester of things`,
    );
    const csv = ["Name,Email,Title", ...rows].join("\n");
    expect(csv.length).toBeGreaterThan((1024 * 1024) / 2);
    const big = `${csv}\n${" ".repeat(1024 * 1024)}`;
    const { id } = await expectJson(
      await upload(firm.owner, "contacts", big, { dryRun: true }),
      202,
    );
    // Run it here to watch the progress it reports between batches.
    const reported: { processed: number; total: number }[] = [];
    await runImport({
      db: t.db,
      now: t.clock,
      workspaceId: firm.workspace.id,
      importId: id,
      attempt: 1,
      maxAttempts: 3,
      reportProgress: async (progress) => {
        reported.push(progress);
        expect((await readImport(firm.owner, id)).status).toBe("running");
      },
    });
    expect(reported).toEqual([
      { processed: 0, total: 12_000 },
      { processed: 5_000, total: 12_000 },
      { processed: 10_000, total: 12_000 },
      { processed: 12_000, total: 12_000 },
    ]);
    expect(await readImport(firm.owner, id)).toMatchObject({
      status: "done",
      progress: { processed: 12_000, total: 12_000 },
      report: { created: 12_000 },
    });
    const res = await t.request("/api/v1/accounts", {
      method: "POST",
      headers: { ...firm.owner.headers, "content-type": "application/json" },
      body: JSON.stringify({ name: "x", background: "y".repeat(1024 * 1024) }),
    });
    await expectProblem(res, 413, "PAYLOAD_TOO_LARGE");
    await createImportRunner(t).runDueJobs();
  });

  it("answers 413 above the import limit", async () => {
    const huge = new Uint8Array(50 * 1024 * 1024 + 1).fill(0x61);
    await expectProblem(await upload(firm.owner, "contacts", huge), 413, "PAYLOAD_TOO_LARGE");
  });
});

describe("progress and a thousand rows", () => {
  it("imports 1,000 rows, then again as all unchanged, reporting progress as it goes", async () => {
    const rows = Array.from(
      { length: 1_000 },
      (_, i) => `Client,${i},client${i}@thousand.example,Buyer,Thousand Corp ${i % 10}`,
    );
    const csv = ["First Name,Last Name,Email,Job Title,Company", ...rows].join("\r\n");
    const first = await importFile(t, firm.owner, "contacts", csv);
    expect(first).toMatchObject({
      status: "done",
      progress: { processed: 1_000, total: 1_000 },
      report: {
        created: 1_000,
        updated: 0,
        unchanged: 0,
        rejected: [],
        affiliationsCreated: 1_000,
      },
    });
    expect(first.report?.accountsCreated).toHaveLength(10);
    const [job] = await t.db
      .select()
      .from(jobs)
      .where(sql`${jobs.payload}->>'importId' = ${first.id}`);
    expect(job).toMatchObject({ status: "done", progress: { processed: 1_000, total: 1_000 } });

    const second = await importFile(t, firm.owner, "contacts", csv);
    expect(second.report).toMatchObject({ created: 0, updated: 0, unchanged: 1_000, rejected: [] });
    const completed = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "import.completed"), eq(auditEvents.entityId, second.id)));
    expect(completed).toHaveLength(1);
  });
});

describe("reading an import", () => {
  it("shows queued imports with their mapping before the job runs", async () => {
    const { id } = await expectJson(
      await upload(firm.owner, "contacts", PEOPLE, {
        dryRun: true,
        mapping: { "Phone Number": null },
      }),
      202,
    );
    const queued = await readImport(firm.owner, id);
    expect(queued).toMatchObject({
      id,
      kind: "contacts",
      status: "queued",
      dryRun: true,
      progress: { processed: 0, total: 0 },
      report: null,
      mapping: {
        "First Name": "firstName",
        "Last Name": "lastName",
        Email: "emails",
        "Phone Number": null,
        "Job Title": "title",
      },
    });
    expect(queued).not.toHaveProperty("error");
    await createImportRunner(t).runDueJobs();
    expect((await readImport(firm.owner, id)).status).toBe("done");
  });
});
