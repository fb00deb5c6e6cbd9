import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import {
  decodeUpload,
  detectDelimiter,
  ImportFileError,
  parseCsv,
  readCsvHeader,
  toCsv,
} from "./imports.csv";
import { normalizeHeader, resolveMapping, suggestMapping } from "./imports.mapping";
import { checkAccountRow, checkContactRow, parseBirthday } from "./imports.rows";
import { parseVCards, toVCard } from "./imports.vcard";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("decoding uploads", () => {
  it("reads UTF-8 with or without a BOM, and UTF-16 with one", () => {
    expect(decodeUpload(bytes("Name\nZoë\n"))).toBe("Name\nZoë\n");
    expect(decodeUpload(bytes("\uFEFFName\nZoë\n"))).toBe("Name\nZoë\n");
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...Array.from("Né").flatMap((ch) => [ch.charCodeAt(0), 0]),
    ]);
    expect(decodeUpload(utf16)).toBe("Né");
  });

  it("refuses binary data and text that is not UTF-8", () => {
    expect(() => decodeUpload(new Uint8Array([0x4e, 0x61, 0x00, 0x6d]))).toThrow(ImportFileError);
    expect(() => decodeUpload(new Uint8Array([0x4e, 0xe9, 0x65]))).toThrow(/not UTF-8/);
    expect(() => decodeUpload(new Uint8Array())).toThrow(/empty/);
  });
});

describe("CSV dialects", () => {
  it.each([
    [",", "First Name,Last Name,Email"],
    [";", "First Name;Last Name;Email"],
    ["\t", "First Name\tLast Name\tEmail"],
    ["|", "First Name|Last Name|Email"],
    [";", '"Name, full";Email;Notes'],
  ])("detects %j in %j", (delimiter, header) => {
    expect(detectDelimiter(`${header}\nx`)).toBe(delimiter);
  });

  it("keeps the physical line of each record, across quoted CRLF and LF newlines and blank lines", () => {
    const text = 'Name,Notes\r\n\r\nAda,"one\r\ntwo\nthree"\r\n"Bob ""B""",\r\n\r\nCy,"x"\r\n';
    const table = parseCsv(text);
    expect(table.headers).toEqual(["Name", "Notes"]);
    expect(table.records).toEqual([
      { line: 3, cells: ["Ada", "one\r\ntwo\nthree"] },
      { line: 6, cells: ['Bob "B"', ""] },
      { line: 8, cells: ["Cy", "x"] },
    ]);
  });

  it("reads the header alone, refusing duplicate or missing column names", () => {
    expect(readCsvHeader("\uFEFF\r\nName;Email\r\nAda;a@x\r\n")).toEqual({
      delimiter: ";",
      headers: ["Name", "Email"],
    });
    expect(() => readCsvHeader("Name,Name\n")).toThrow(/Two columns are named "Name"/);
    expect(() => readCsvHeader(",,\n")).toThrow(/no header/);
  });

  it("writes RFC 4180 CSV that reads back the same", () => {
    const rows = [["a,b", 'say "hi"', "two\nlines", null, " padded "]];
    const text = toCsv(rows, ["A", "B", "C", "D", "E"]);
    expect(text).toBe('A,B,C,D,E\r\n"a,b","say ""hi""","two\nlines",," padded "\r\n');
    expect(parseCsv(text).records[0]?.cells).toEqual([
      "a,b",
      'say "hi"',
      "two\nlines",
      "",
      " padded ",
    ]);
  });
});

describe("mapping suggestions", () => {
  it("ignores case, spaces and punctuation in header names", () => {
    expect(normalizeHeader(" E-mail Address ")).toBe("emailaddress");
    expect(normalizeHeader("Prénom")).toBe("prenom");
  });

  it("knows the names other tools export for contacts", () => {
    const headers = [
      "First Name",
      "Last Name",
      "Full Name",
      "Company",
      "Email Address",
      "E-mail 2 Address",
      "Job Title",
      "Phone Number",
      "Mobile",
      "Website",
      "Birthday",
      "E-mail 1 - Type",
      "Favourite Colour",
    ];
    expect(suggestMapping("contacts", headers)).toEqual({
      "First Name": "firstName",
      "Last Name": "lastName",
      "Full Name": "fullName",
      Company: "company",
      "Email Address": "emails",
      "E-mail 2 Address": "emails",
      "Job Title": "title",
      "Phone Number": "phones",
      Mobile: "phones",
      Website: "companyDomain",
      Birthday: "birthday",
      "E-mail 1 - Type": null,
      "Favourite Colour": null,
    });
  });

  it("maps Name to the full name of a contact but to the name of an account; a field once", () => {
    expect(suggestMapping("contacts", ["Name", "E-mail"])).toEqual({
      Name: "fullName",
      "E-mail": "emails",
    });
    expect(suggestMapping("accounts", ["Name", "Company", "Domain"])).toEqual({
      Name: "name",
      Company: null,
      Domain: "domain",
    });
  });

  it("lets the uploader's choices override the suggestion, and refuses a mapping without a name", () => {
    expect(
      resolveMapping("contacts", ["Who", "Mail"], { Who: "fullName", Mail: "emails" }),
    ).toEqual({
      Who: "fullName",
      Mail: "emails",
    });
    expect(() =>
      resolveMapping("contacts", ["First Name", "Email"], { "First Name": null }),
    ).toThrow(/first line must be a header.*Recognised only: emails/);
  });
});

describe("checking rows", () => {
  it("splits a full name, accepting 'Last, First'", () => {
    const row = (fullName: string) =>
      checkContactRow({ line: 2, values: { fullName: [fullName] } });
    expect(row("Ada King Lovelace")).toMatchObject({
      ok: true,
      value: { input: { firstName: "Ada", lastName: "King Lovelace" } },
    });
    expect(row("Lovelace, Ada")).toMatchObject({
      ok: true,
      value: { input: { firstName: "Ada", lastName: "Lovelace" } },
    });
  });

  it("reads enums as people write them and names the field of each problem", () => {
    const ok = checkContactRow({
      line: 2,
      values: { firstName: ["Ada"], preferredChannel: ["In person"], level: ["Executive"] },
    });
    expect(ok).toMatchObject({
      ok: true,
      value: { input: { preferredChannel: "in_person", level: "executive" } },
    });
    const bad = checkContactRow({
      line: 7,
      values: {
        firstName: ["Ada"],
        emails: ["ada@x.example; nope"],
        timeZone: ["Mars/Base"],
        birthday: ["02/30"],
      },
    });
    expect(bad).toEqual({
      ok: false,
      line: 7,
      reason: expect.stringMatching(
        /emails: Must be an email address \(got "nope"\).*timeZone: Must be a time zone.*birthday: Must be a date/,
      ),
    });
    expect(
      checkAccountRow({
        line: 3,
        values: { name: ["X"], serviceHours: ["24/7"], serviceCoverage: ["Managed"] },
      }),
    ).toMatchObject({
      ok: true,
      value: { serviceLevel: { coverage: "managed", hours: "24x7" } },
    });
  });

  it("reads birthdays with and without a year, and refuses impossible ones", () => {
    expect(parseBirthday("1980-04-02").value).toMatchObject({ month: 4, day: 2, year: 1980 });
    expect(parseBirthday("--0229").value).toMatchObject({ month: 2, day: 29 });
    expect(parseBirthday("--02-29").value).not.toHaveProperty("year");
    expect(parseBirthday("1981-02-29").error).toMatch(/No such day/);
    expect(parseBirthday("April 2").error).toMatch(/Must be a date/);
  });
});

describe("vCard", () => {
  const contact = {
    workspaceId: "0190a1b2-0000-7000-8000-000000000000",
    id: "0190a1b2-0000-7000-8000-000000000001",
    firstName: "Zoë",
    lastName: "O'Brien; Jr",
    emails: ["zoe@example.com"],
    phones: ["+353 1 555 0100"],
    title: "Head of Ops",
    level: null,
    preferredChannel: null,
    timeZone: null,
    interests: [],
    family: [],
    howWeMet: null,
    notes: "Line one\nLine two, with comma; and semicolon",
    importantDates: [{ kind: "birthday" as const, month: 3, day: 9, remind: true }],
    mergedIntoId: null,
    createdAt: new Date("2026-01-01T00:00:00Z"),
    updatedAt: new Date("2026-01-15T09:00:00.123Z"),
    version: 1,
    archivedAt: null,
  };

  it("writes 4.0 cards that the library parses back to the same values", () => {
    const text = toVCard({ contact, company: "Acme; Sons, Ltd", withMemory: true });
    expect(text).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    expect(text).toContain("BDAY:--0309\r\n");
    expect(text).toContain("REV:20260115T090000Z\r\n");
    const card = new ICAL.Component(ICAL.parse(text));
    expect(card.getFirstPropertyValue("n")).toEqual(["O'Brien; Jr", "Zoë", "", "", ""]);
    expect(card.getFirstPropertyValue("org")).toBe("Acme; Sons, Ltd");
    expect(card.getFirstPropertyValue("note")).toBe(contact.notes);
    const [row] = parseVCards(text).rows;
    expect(row?.values).toMatchObject({
      firstName: ["Zoë"],
      lastName: ["O'Brien; Jr"],
      company: ["Acme; Sons, Ltd"],
      birthday: ["--03-09"],
    });
  });

  it("leaves BDAY and NOTE out without the right to see them", () => {
    const text = toVCard({ contact, company: null, withMemory: false });
    expect(text).not.toMatch(/BDAY|NOTE|ORG/);
  });
});
