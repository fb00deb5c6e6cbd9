import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/audit.schema";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { accounts } from "../accounts";
import { importReport, upload } from "./imports.testing";

let t: TestApp;
let firm: Awaited<ReturnType<TestApp["createWorkspace"]>>;

beforeAll(async () => {
  t = await createTestApp();
  firm = await t.createWorkspace("Firm");
});
afterAll(async () => {
  await t.close();
});

async function accountNamed(name: string) {
  const [row] = await t.db
    .select()
    .from(accounts)
    .where(and(eq(accounts.workspaceId, firm.workspace.id), eq(accounts.name, name)));
  return row;
}

const ACCOUNTS = [
  "Company Name,Website,Status,Tier,Industry,Tags,Employees,Service Coverage,Service Hours,Description",
  'Northwind,https://www.northwind.example/about,Active,Key,Retail,"retail; logistics","1,200",Managed,24/7,"Family-owned since 1952,\nnow in 12 countries"',
  "Contoso,contoso.example,prospect,growth,Legal,,85,,,",
  "Fabrikam,,,,,,,,,",
].join("\n");

describe("importing accounts", () => {
  it("creates accounts owned by the importer, with normalised domains and dated statuses", async () => {
    const member = await firm.addMember("member");
    const report = await importReport(t, member, "accounts", ACCOUNTS);
    expect(report).toMatchObject({ created: 3, updated: 0, unchanged: 0, rejected: [] });
    expect(await accountNamed("Northwind")).toMatchObject({
      domain: "northwind.example",
      status: "active",
      statusHistory: [{ status: "active", changedAt: t.clock().toISOString() }],
      tier: "key",
      segment: "Retail",
      tags: ["retail", "logistics"],
      size: 1200,
      serviceCoverage: "managed",
      serviceHours: "24x7",
      background: "Family-owned since 1952,\nnow in 12 countries",
      ownerId: member.memberId,
      version: 1,
    });
    expect(await accountNamed("Fabrikam")).toMatchObject({ domain: null, status: "prospect" });
    const northwind = await accountNamed("Northwind");
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, northwind?.id ?? ""));
    expect(events.map((e) => e.action)).toEqual(["account.created"]);
  });

  it("matches by domain or exact name on re-import: all unchanged", async () => {
    const report = await importReport(t, firm.owner, "accounts", ACCOUNTS);
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: [] });
  });

  it("updates what changed: a status change is dated, tags add up, the version moves", async () => {
    const before = await accountNamed("Contoso");
    t.clock.advance(3_600_000);
    const csv =
      "Name,Domain,Status,Tags\nContoso Ltd,contoso.example,onboarding,legal\nfabrikam,fabrikam.example,,\n";
    const report = await importReport(t, firm.owner, "accounts", csv);
    expect(report).toMatchObject({ created: 0, updated: 2, unchanged: 0 });
    expect(await accountNamed("Contoso Ltd")).toMatchObject({
      id: before?.id,
      status: "onboarding",
      statusHistory: [
        { status: "prospect", changedAt: expect.any(String) },
        { status: "onboarding", changedAt: t.clock().toISOString() },
      ],
      tags: ["legal"],
      version: (before?.version ?? 0) + 1,
      updatedAt: t.clock(),
    });
    // Matched by name, the domain-less account takes the file's domain; its name stays.
    expect(await accountNamed("Fabrikam")).toMatchObject({ domain: "fabrikam.example" });
  });

  it("rejects bad rows with their line and field, and imports the good ones", async () => {
    const csv = [
      "Name,Domain,Status,Tier,Size,Service Coverage",
      "Good One,good-one.example,,,,",
      ",nameless.example,,,,",
      "Bad Status,bad-status.example,asleep,,,",
      "Bad Tier,bad-tier.example,,platinum,,",
      "Bad Size,bad-size.example,,,fifty,",
      "Bad Domain,not a domain,,,,",
      "Half Service,half.example,,,,managed",
      "Good One Again,good-one.example,,,,",
    ].join("\n");
    const report = await importReport(t, firm.owner, "accounts", csv);
    expect(report.created).toBe(1);
    expect(report.rejected).toEqual([
      { line: 3, reason: "name: Required (the row has no account name)" },
      { line: 4, reason: expect.stringMatching(/^status: Must be one of prospect, onboarding/) },
      {
        line: 5,
        reason: expect.stringMatching(
          /^tier: Must be one of the workspace's tiers: key, growth, standard/,
        ),
      },
      { line: 6, reason: expect.stringMatching(/^size: Must be a whole number/) },
      { line: 7, reason: expect.stringMatching(/^domain: Must be a domain/) },
      { line: 8, reason: "serviceHours: Required when serviceCoverage is given" },
      { line: 9, reason: expect.stringMatching(/^Duplicate of line 2/) },
    ]);
    expect(report.rejectedCount).toBe(7);
  });

  it("lets a member change only accounts they own or are on the team of", async () => {
    const outsider = await firm.addMember("member");
    const csv =
      "Name,Domain,Segment\nNorthwind,northwind.example,Wholesale\nTheirs,theirs.example,Wholesale\n";
    const report = await importReport(t, outsider, "accounts", csv);
    expect(report).toMatchObject({ created: 1, updated: 0 });
    expect(report.rejected).toEqual([
      {
        line: 2,
        reason: expect.stringMatching(
          /members may change only accounts they own or are on the team of/,
        ),
      },
    ]);
    expect(await accountNamed("Northwind")).toMatchObject({ segment: "Retail" });
  });

  it("refuses viewers and a mapping that fills one field from two columns", async () => {
    const viewer = await firm.addMember("viewer");
    await expectProblem(await upload(viewer, "accounts", ACCOUNTS), 403, "FORBIDDEN");
    const problem = await expectProblem(
      await upload(firm.owner, "accounts", "Name,Company\nA,B\n", { mapping: { Company: "name" } }),
      400,
      "VALIDATION_FAILED",
    );
    expect(problem.detail).toMatch(/name is filled from two columns \(Name, Company\)/);
  });

  it("suggests the mapping from a header line", async () => {
    const res = await firm.owner.client.api.v1.imports["suggest-mapping"].$post(
      { query: { kind: "accounts" } },
      {
        headers: { "content-type": "text/csv" },
        init: { body: "Company;Web Site;Head-count;Notes\r\nAcme;acme" },
      },
    );
    expect(await expectJson(res, 200)).toMatchObject({
      delimiter: ";",
      headers: ["Company", "Web Site", "Head-count", "Notes"],
      mapping: { Company: "name", "Web Site": "domain", "Head-count": "size", Notes: null },
      fields: expect.arrayContaining(["name", "domain", "tags"]),
    });
  });
});
