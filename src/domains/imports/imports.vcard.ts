/**
 * vCard (RFC 6350) with ical.js: reading vCard 3.0 and 4.0 files into contact rows for the
 * import, and writing vCard 4.0 for the export (FN, N, EMAIL and TEL with TYPE/PREF, ORG,
 * TITLE, BDAY with --MMDD when the year is unknown, NOTE, UID, REV). A card the library
 * cannot read is rejected with the line its BEGIN:VCARD is on; the other cards still import.
 */
import ICAL from "ical.js";
import { ImportFileError } from "./imports.csv";
import type { ContactRecord } from "./imports.plan";
import type { RawContactRow } from "./imports.rows";

type JCardProperty = [
  name: string,
  params: Record<string, unknown>,
  type: string,
  ...values: unknown[],
];
type JCard = ["vcard", JCardProperty[], unknown[]];

export type VCardRows = { rows: RawContactRow[]; rejected: { line: number; reason: string }[] };

/** Splits the file into cards, each with the line its BEGIN:VCARD is on. */
function splitCards(text: string): { line: number; text: string }[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const cards: { line: number; text: string }[] = [];
  let current: { line: number; lines: string[] } | undefined;
  lines.forEach((raw, index) => {
    if (/^BEGIN:VCARD\s*$/i.test(raw)) current = { line: index + 1, lines: [] };
    if (current) current.lines.push(raw);
    if (current && /^END:VCARD\s*$/i.test(raw)) {
      cards.push({ line: current.line, text: `${current.lines.join("\r\n")}\r\n` });
      current = undefined;
    }
  });
  if (current) cards.push({ line: current.line, text: `${current.lines.join("\r\n")}\r\n` });
  return cards;
}

/** Checks at upload that the file is a vCard at all. */
export function assertVCardFile(text: string): void {
  if (!/^BEGIN:VCARD\s*$/im.test(text)) {
    throw new ImportFileError("The file is not a vCard: it has no BEGIN:VCARD line.");
  }
}

const text = (value: unknown): string =>
  (Array.isArray(value) ? value.join(" ") : String(value ?? "")).trim();

/** PREF=1 (4.0) or TYPE=pref (3.0) first, then in the order written. */
function byPreference(props: JCardProperty[]): JCardProperty[] {
  const rank = (p: JCardProperty) => {
    const pref = Number(p[1].pref);
    if (Number.isFinite(pref) && pref > 0) return pref;
    const types = [p[1].type].flat().map((t) => String(t).toLowerCase());
    return types.includes("pref") ? 1 : 101;
  };
  return props
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map((x) => x.p);
}

function rowOf(card: JCard, line: number): RawContactRow {
  const props = card[1];
  const all = (name: string) => props.filter((p) => p[0] === name);
  const first = (name: string) => all(name)[0];
  const values: RawContactRow["values"] = {};
  const n = first("n")?.[3];
  if (Array.isArray(n)) {
    const [family, given] = n;
    if (text(given)) values.firstName = [text(given)];
    if (text(family)) values.lastName = [text(family)];
  }
  if (!values.firstName) {
    const fn = text(first("fn")?.[3]);
    if (fn) values.fullName = [fn];
  }
  const emails = byPreference(all("email"))
    .map((p) => text(p[3]))
    .filter(Boolean);
  if (emails.length) values.emails = emails;
  const phones = byPreference(all("tel"))
    .map((p) => text(p[3]).replace(/^tel:/i, ""))
    .filter(Boolean);
  if (phones.length) values.phones = phones;
  const org = first("org")?.[3];
  const company = text(Array.isArray(org) ? org[0] : org);
  if (company) values.company = [company];
  const title = text(first("title")?.[3]);
  if (title) values.title = [title];
  const bday = first("bday")?.[3];
  if (typeof bday === "string" && bday.trim()) values.birthday = [bday.trim().split("T")[0] ?? ""];
  const note = first("note")?.[3];
  if (typeof note === "string" && note.trim()) values.notes = [note];
  return { line, values };
}

export function parseVCards(content: string): VCardRows {
  const cards = splitCards(content);
  if (cards.length === 0)
    throw new ImportFileError("The file is not a vCard: it has no BEGIN:VCARD line.");
  const rows: RawContactRow[] = [];
  const rejected: { line: number; reason: string }[] = [];
  for (const card of cards) {
    try {
      const parsed = ICAL.parse(card.text) as JCard | JCard[];
      const jcard = (Array.isArray(parsed[0]) ? parsed[0] : parsed) as JCard;
      if (jcard[0] !== "vcard") throw new Error("not a vCard");
      rows.push(rowOf(jcard, card.line));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      rejected.push({ line: card.line, reason: `vCard: cannot be read (${why})` });
    }
  }
  return { rows, rejected };
}

export type VCardContact = {
  contact: ContactRecord;
  /** The current account's name (first current affiliation), for ORG. */
  company: string | null;
  /** Whether the actor may see personal memory (BDAY, NOTE). */
  withMemory: boolean;
};

function birthdayOf(contact: ContactRecord): string | undefined {
  const date = contact.importantDates.find((d) => d.kind === "birthday");
  if (!date) return undefined;
  const mmdd = `${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
  return date.year ? `${String(date.year).padStart(4, "0")}-${mmdd}` : `--${mmdd}`;
}

function add(
  card: ICAL.Component,
  name: string,
  value: unknown,
  params: Record<string, string> = {},
) {
  const property = new ICAL.Property(name);
  if (Array.isArray(value)) property.setValue(value as never);
  else property.setValue(value as string);
  for (const [key, param] of Object.entries(params)) property.setParameter(key, param);
  card.addProperty(property);
}

/** One contact as a vCard 4.0 card. */
export function toVCard({ contact, company, withMemory }: VCardContact): string {
  const card = new ICAL.Component("vcard");
  add(card, "version", "4.0");
  const fullName = [contact.firstName, contact.lastName].filter(Boolean).join(" ");
  add(card, "fn", fullName);
  add(card, "n", [contact.lastName ?? "", contact.firstName, "", "", ""]);
  contact.emails.forEach((email, i) => {
    add(card, "email", email, i === 0 ? { type: "work", pref: "1" } : { type: "work" });
  });
  contact.phones.forEach((phone, i) => {
    add(card, "tel", phone, i === 0 ? { type: "voice", pref: "1" } : { type: "voice" });
  });
  if (company) add(card, "org", [company]);
  if (contact.title) add(card, "title", contact.title);
  if (withMemory) {
    const bday = birthdayOf(contact);
    if (bday) add(card, "bday", bday);
    if (contact.notes) add(card, "note", contact.notes);
  }
  add(card, "uid", `urn:uuid:${contact.id}`);
  add(card, "rev", contact.updatedAt.toISOString().replace(/\.\d{3}Z$/, "Z"));
  return card.toString();
}

/** Cards joined as one file, each ending in CRLF as RFC 6350 asks. */
export function toVCardFile(cards: readonly VCardContact[]): string {
  return cards.map((c) => `${toVCard(c)}\r\n`).join("");
}
