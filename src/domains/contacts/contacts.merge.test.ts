import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectJson, expectProblem } from "../../platform/testing/http";
import { createTestApp, type TestApp } from "../../platform/testing/test-app";
import { buildContact } from "./contacts.factory";
import { contactCalls, existingIdOf, pathsOf, type Workspace } from "./contacts.testing";

let t: TestApp;
let firm: Workspace;
let other: Workspace;
let call: ReturnType<typeof contactCalls>;
let northwind: { id: string; name: string };
let contoso: { id: string; name: string };

beforeAll(async () => {
  t = await createTestApp();
  firm = await t.createWorkspace("Firm");
  other = await t.createWorkspace("Other firm");
  call = contactCalls(t);
  northwind = await call.newAccount(firm.owner);
  contoso = await call.newAccount(firm.owner);
});
afterAll(async () => {
  await t.close();
});

describe("merging duplicate contacts", () => {
  it("moves affiliations and emails, unions lists, fills blanks and archives the source with a pointer", async () => {
    const target = await call.create(firm.owner, {
      firstName: "Ada",
      lastName: "Okafor",
      emails: ["ada@northwind.example"],
      phones: ["+44 20 7946 0000"],
      title: null,
      level: "executive",
      interests: ["Sailing"],
      family: [{ name: "Tomi", relation: "daughter" }],
      notes: "Kept",
      importantDates: [{ kind: "birthday", month: 3, day: 14 }],
    });
    const source = await call.create(firm.owner, {
      firstName: "A.",
      lastName: "Okafor-Smith",
      emails: ["ada@home.example", "a.okafor@contoso.example"],
      phones: ["+442079460000", "+1 212 555 0100"],
      title: "Chief Operating Officer",
      level: "management",
      timeZone: "Europe/London",
      interests: ["sailing", "Jazz"],
      family: [
        { name: "tomi", relation: "Daughter", notes: "duplicate" },
        { name: "Sam", relation: "partner" },
      ],
      howWeMet: "Panel at LegalTech 2023",
      notes: "Ignored: the target has notes",
      importantDates: [
        { kind: "birthday", month: 3, day: 14, year: 1980 },
        { kind: "custom", label: "Joined the board", month: 6, day: 1 },
      ],
    });
    const targetLink = await expectJson(
      await call.affiliate(firm.owner, target.id, northwind.id),
      201,
    );
    const sourceLink = await expectJson(
      await call.affiliate(firm.owner, source.id, contoso.id, { role: "champion" }),
      201,
    );

    const res = await call.merge(firm.owner, target.id, source.id);
    expect(res.headers.get("etag")).toBe('"2"');
    const merged = await expectJson(res, 200);
    expect(merged).toMatchObject({
      id: target.id,
      firstName: "Ada",
      lastName: "Okafor",
      emails: ["ada@northwind.example", "ada@home.example", "a.okafor@contoso.example"],
      primaryEmail: "ada@northwind.example",
      phones: ["+44 20 7946 0000", "+1 212 555 0100"],
      title: "Chief Operating Officer",
      level: "executive",
      timeZone: "Europe/London",
      interests: ["Sailing", "Jazz"],
      family: [
        { name: "Tomi", relation: "daughter" },
        { name: "Sam", relation: "partner" },
      ],
      howWeMet: "Panel at LegalTech 2023",
      notes: "Kept",
      importantDates: [
        { kind: "birthday", month: 3, day: 14, year: 1980, remind: true },
        { kind: "custom", label: "Joined the board", month: 6, day: 1, remind: true },
      ],
      mergedIntoId: null,
      version: 2,
    });
    expect(merged.currentAffiliations.map((a) => a.id).sort()).toEqual(
      [targetLink.id, sourceLink.id].sort(),
    );
    const { data } = await expectJson(await call.affiliations(firm.owner, target.id), 200);
    expect(data.every((a) => a.contactId === target.id)).toBe(true);
    expect(data).toHaveLength(2);

    const gone = await expectJson(await call.get(firm.owner, source.id), 200);
    expect(gone).toMatchObject({
      mergedIntoId: target.id,
      archivedAt: t.clock().toISOString(),
      version: 2,
    });
    expect((await expectJson(await call.affiliations(firm.owner, source.id), 200)).data).toEqual(
      [],
    );
    // The source's addresses now lead to the survivor.
    const dup = await call.api(firm.owner).$post({
      json: buildContact({ emails: ["ada@home.example"] }),
    });
    expect(await existingIdOf(dup)).toBe(target.id);
    // A merged contact cannot come back: its emails and affiliations live elsewhere now.
    await expectProblem(await call.unarchive(firm.owner, source.id), 409, "CONFLICT");

    const targetEvents = await call.auditOf(target.id);
    expect(targetEvents.find((e) => e.action === "contact.merged")).toMatchObject({
      before: { version: 1, title: null },
      after: { version: 2, mergedFromId: source.id },
    });
    const sourceEvents = await call.auditOf(source.id);
    expect(sourceEvents.find((e) => e.action === "contact.merged_into")).toMatchObject({
      before: { archivedAt: null, mergedIntoId: null },
      after: { mergedIntoId: target.id },
    });
  });

  it("moves the interactions the duplicate took part in, with one participant where both did", async () => {
    const target = await call.create(firm.owner, {
      firstName: "Bram",
      emails: ["bram@nw.example"],
    });
    const source = await call.create(firm.owner, { firstName: "B.", emails: ["b@home.example"] });
    await expectJson(await call.affiliate(firm.owner, target.id, northwind.id), 201);
    await expectJson(await call.affiliate(firm.owner, source.id, northwind.id), 201);
    const log = (contactIds: string[]) =>
      firm.owner.client.api.v1.interactions.$post({
        json: {
          accountId: northwind.id,
          kind: "call",
          occurredAt: new Date(t.clock().getTime() - 3_600_000).toISOString(),
          summary: "Kick-off",
          contactIds,
        },
      });
    const onlySource = await expectJson(await log([source.id]), 201);
    const both = await expectJson(await log([target.id, source.id]), 201);

    await expectJson(await call.merge(firm.owner, target.id, source.id), 200);
    for (const { id } of [onlySource, both]) {
      const read = await expectJson(
        await firm.owner.client.api.v1.interactions[":id"].$get({ param: { id } }),
        200,
      );
      expect(read.contacts.map((c) => c.id)).toEqual([target.id]);
    }
  });

  it("keeps pointers one step long when a survivor is merged again", async () => {
    const first = await call.create(firm.owner);
    const second = await call.create(firm.owner);
    const third = await call.create(firm.owner);
    await expectJson(await call.merge(firm.owner, second.id, first.id), 200);
    await expectJson(await call.merge(firm.owner, third.id, second.id), 200);
    const firstNow = await expectJson(await call.get(firm.owner, first.id), 200);
    expect(firstNow.mergedIntoId).toBe(third.id);
  });

  it("refuses a self-merge, an archived or already merged source, and an archived target", async () => {
    const target = await call.create(firm.owner);
    expect(await pathsOf(await call.merge(firm.owner, target.id, target.id))).toEqual(["sourceId"]);
    const archived = await call.create(firm.owner);
    await expectJson(await call.archive(firm.owner, archived.id), 200);
    await expectProblem(await call.merge(firm.owner, target.id, archived.id), 409, "CONFLICT");
    const merged = await call.create(firm.owner);
    const survivor = await call.create(firm.owner);
    await expectJson(await call.merge(firm.owner, survivor.id, merged.id), 200);
    await expectProblem(await call.merge(firm.owner, target.id, merged.id), 409, "CONFLICT");
    const live = await call.create(firm.owner);
    await expectProblem(await call.merge(firm.owner, archived.id, live.id), 409, "CONFLICT");
    // Nothing moved: the refused source is untouched.
    expect((await expectJson(await call.get(firm.owner, live.id), 200)).version).toBe(1);
  });

  it("answers 404 when either contact is another workspace's or does not exist", async () => {
    const mine = await call.create(firm.owner);
    const theirs = await call.create(other.owner);
    await expectProblem(await call.merge(firm.owner, mine.id, theirs.id), 404, "NOT_FOUND");
    await expectProblem(await call.merge(firm.owner, theirs.id, mine.id), 404, "NOT_FOUND");
    await expectProblem(
      await call.merge(firm.owner, mine.id, crypto.randomUUID()),
      404,
      "NOT_FOUND",
    );
  });

  it("needs the right to change both contacts", async () => {
    const member = await firm.addMember("member");
    const viewer = await firm.addMember("viewer");
    const manager = await firm.addMember("manager");
    const own = await call.newAccount(member);
    const mine = await call.create(member);
    await expectJson(await call.affiliate(member, mine.id, own.id), 201);
    const atNorthwind = await call.create(firm.owner);
    await expectJson(await call.affiliate(firm.owner, atNorthwind.id, northwind.id), 201);
    await expectProblem(await call.merge(member, mine.id, atNorthwind.id), 403, "FORBIDDEN");
    await expectProblem(await call.merge(member, atNorthwind.id, mine.id), 403, "FORBIDDEN");
    await expectProblem(await call.merge(viewer, mine.id, atNorthwind.id), 403, "FORBIDDEN");
    const loose = await call.create(firm.owner);
    await expectJson(await call.merge(member, mine.id, loose.id), 200);
    await expectJson(await call.merge(manager, atNorthwind.id, mine.id), 200);
  });

  it("rejects a missing, malformed or unknown body field", async () => {
    const target = await call.create(firm.owner);
    const path = `/api/v1/contacts/${target.id}/merge`;
    expect(await pathsOf(await call.send(firm.owner, "POST", path, {}))).toEqual(["sourceId"]);
    expect(await pathsOf(await call.send(firm.owner, "POST", path, { sourceId: 7 }))).toEqual([
      "sourceId",
    ]);
    expect(await pathsOf(await call.send(firm.owner, "POST", path, { sourceId: "ada" }))).toEqual([
      "sourceId",
    ]);
    await expectProblem(
      await call.send(firm.owner, "POST", path, { sourceId: target.id, keep: "both" }),
      400,
      "VALIDATION_FAILED",
    );
    await expectProblem(await call.send(firm.owner, "POST", path, "{nope"), 400, "MALFORMED_JSON");
  });
});
