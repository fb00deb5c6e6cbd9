/**
 * What the wizard can tell about a file before sending it: is it text at all, CSV or
 * vCard, its header and first rows (for the mapping step's examples). The server parses
 * the whole file again and decides; this only makes the common mistakes obvious early.
 */
import type { ImportKind } from "../../../src/domains/imports/imports.inputs";

/** How much of the file the browser reads to judge it (the header and a few rows). */
const SNIFF_BYTES = 64 * 1024;

export type FileCheck =
  | { ok: true; kind: "csv"; delimiter: string; headers: string[]; samples: string[][] }
  | { ok: true; kind: "vcard"; cards: number }
  | { ok: false; reason: string };

const SPREADSHEET = /\.(xlsx?|xlsm|numbers|ods)$/i;

function delimiterName(delimiter: string): string {
  return delimiter === "\t"
    ? "tab"
    : delimiter === ";"
      ? "semicolon"
      : delimiter === "|"
        ? "pipe"
        : "comma";
}

export function describeDelimiter(delimiter: string): string {
  return `${delimiterName(delimiter)}-separated`;
}

/** Reads the start of the file and says what it is, or why it cannot be imported. */
export async function checkFile(file: File): Promise<FileCheck> {
  if (file.size === 0) return { ok: false, reason: "The file is empty." };
  if (SPREADSHEET.test(file.name)) {
    return {
      ok: false,
      reason:
        "This is a spreadsheet, not a CSV file. Open it in Excel, Numbers or Sheets, choose File → Save as (or Download) → CSV, and upload that file.",
    };
  }
  const head = decodeStart(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  if (head.includes("\u0000") || /\uFFFD{3,}/.test(head)) {
    return {
      ok: false,
      reason:
        "This file is not text, so it is not a CSV or vCard file. Export your contacts as CSV (or vCard) from the other tool and upload that.",
    };
  }
  const text = head.replace(/^\uFEFF/, "");
  if (/^\s*BEGIN:VCARD/i.test(text)) {
    return { ok: true, kind: "vcard", cards: (text.match(/^BEGIN:VCARD/gim) ?? []).length };
  }
  // The last line may be cut off by the 64 KB read: drop it unless the whole file was read.
  const whole = file.size <= SNIFF_BYTES;
  const records = parseCsvStart(text, whole);
  const headers = records[0]?.map((cell) => cell.trim()) ?? [];
  if (headers.length < 2 && !whole) {
    return { ok: false, reason: "The first line does not look like a CSV header row." };
  }
  if (headers.filter(Boolean).length === 0) {
    return { ok: false, reason: "The first line is empty: it must name the columns." };
  }
  return {
    ok: true,
    kind: "csv",
    delimiter: records.delimiter,
    headers,
    samples: records.slice(1, 6),
  };
}

/** Text of the file's start: UTF-16 with a BOM as the server reads it, else UTF-8. */
function decodeStart(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  }
  return new TextDecoder("utf-8").decode(bytes);
}

/** Which file kinds an import kind accepts, for the file picker and messages. */
export function acceptFor(kind: ImportKind): string {
  return kind === "vcards" ? ".vcf,.vcard,text/vcard" : ".csv,.tsv,.txt,text/csv";
}

/** The delimiter used most on the header line outside quotes (comma when none is). */
function sniffDelimiter(line: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "," || char === ";" || char === "\t" || char === "|")) {
      counts.set(char, (counts.get(char) ?? 0) + 1);
    }
  }
  let best = ",";
  let bestCount = 0;
  for (const [char, count] of counts) {
    if (count > bestCount) {
      best = char;
      bestCount = count;
    }
  }
  return best;
}

/** The first records of a CSV text (RFC 4180 quotes, any line ending). */
export function parseCsvStart(
  text: string,
  whole: boolean,
  maxRecords = 7,
): string[][] & { delimiter: string } {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = sniffDelimiter(firstLine);
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  for (; i < text.length && records.length < maxRecords; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"' && cell === "") {
      quoted = true;
    } else if (char === delimiter) {
      record.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      record.push(cell);
      if (record.some((value) => value !== "")) records.push(record);
      record = [];
      cell = "";
    } else {
      cell += char;
    }
  }
  if (whole && i >= text.length && (cell !== "" || record.length > 0)) {
    record.push(cell);
    if (record.some((value) => value !== "")) records.push(record);
  }
  return Object.assign(records, { delimiter });
}

/** "512 bytes", "48 KB", "3.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
