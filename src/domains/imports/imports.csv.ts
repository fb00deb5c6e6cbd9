/**
 * Reading and writing CSV with csv-parse / csv-stringify: uploads are decoded (UTF-8 with or
 * without BOM, UTF-16 with BOM), the delimiter is detected (, ; tab |), and every record
 * keeps the physical line it starts on (header = line 1), so a rejected row can be found in
 * the file even when quoted fields span lines.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

/** A file that cannot be imported at all; the message says why, for the person who sent it. */
export class ImportFileError extends Error {
  override name = "ImportFileError";
}

export type CsvRecord = { line: number; cells: string[] };
export type CsvTable = { delimiter: string; headers: string[]; records: CsvRecord[] };

const DELIMITERS = [",", ";", "\t", "|"] as const;
const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Bytes of an upload → text. Binary files (NUL bytes, invalid UTF-8) are refused whole. */
export function decodeUpload(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ImportFileError("The file is empty.");
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      text = new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2));
    } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      text = new TextDecoder("utf-16be", { fatal: true }).decode(bytes.subarray(2));
    } else {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    }
  } catch {
    throw new ImportFileError(
      "The file is not UTF-8 text: it looks like a binary file (a spreadsheet?). Save it as CSV UTF-8 and upload that.",
    );
  }
  if (text.includes("\0")) {
    throw new ImportFileError(
      "The file contains binary data (NUL bytes): it is not a CSV or vCard text file.",
    );
  }
  return text;
}

/** The first record's text (quoted newlines included), without its line break. */
function firstRecord(text: string): string {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && (c === CR || c === LF)) {
      if (i > 0) return text.slice(0, i);
    }
  }
  return text;
}

/** The delimiter used most outside quotes in the header; a comma when none is used. */
export function detectDelimiter(text: string): string {
  const header = firstRecord(text.replace(/^\uFEFF/, "").replace(/^[\r\n]+/, ""));
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (const char of header) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: string = ",";
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * The physical line each non-empty record starts on, by the same quoting rules as the
 * parser (a quote opens a field only at its start). csv-parse counts a CRLF inside quotes
 * as two lines, so its own line numbers drift after such a field.
 */
function recordStartLines(text: string, delimiter: string): number[] {
  const delim = delimiter.charCodeAt(0);
  const starts: number[] = [];
  let line = 1;
  let recordLine = 1;
  let hasContent = false;
  let fieldStart = true;
  let inQuotes = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i += 2;
        else {
          inQuotes = false;
          i += 1;
        }
      } else if (c === CR || c === LF) {
        line += 1;
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      } else i += 1;
      continue;
    }
    if (c === CR || c === LF) {
      if (hasContent) starts.push(recordLine);
      hasContent = false;
      fieldStart = true;
      line += 1;
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      recordLine = line;
      continue;
    }
    hasContent = true;
    if (c === QUOTE && fieldStart) inQuotes = true;
    fieldStart = c === delim;
    i += 1;
  }
  if (hasContent) starts.push(recordLine);
  return starts;
}

type ParseError = Error & { code?: string; lines?: number };

function describeParseError(error: unknown): string {
  const e = error as ParseError;
  const where = e.lines ? ` near line ${e.lines}` : "";
  if (e.code === "CSV_QUOTE_NOT_CLOSED") {
    return `The file is not valid CSV: a quoted field opened${where} is never closed.`;
  }
  return `The file is not valid CSV${where}: ${e.message ?? String(error)}`;
}

function parseRecords(text: string, delimiter: string, to?: number): string[][] {
  try {
    return parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      record_delimiter: ["\r\n", "\n", "\r"],
      ...(to ? { to } : {}),
    }) as string[][];
  } catch (error) {
    throw new ImportFileError(describeParseError(error));
  }
}

function checkHeaders(headers: string[]): string[] {
  const trimmed = headers.map((h) => h.trim());
  if (trimmed.length === 0 || trimmed.every((h) => h === "")) {
    throw new ImportFileError("The file has no header line: the first line must name the columns.");
  }
  const seen = new Set<string>();
  for (const header of trimmed) {
    if (header && seen.has(header)) {
      throw new ImportFileError(`Two columns are named "${header}": rename one and upload again.`);
    }
    seen.add(header);
  }
  return trimmed;
}

/** The header alone (for the mapping suggestion and the checks made at upload). */
export function readCsvHeader(text: string): { delimiter: string; headers: string[] } {
  const body = text.replace(/^\uFEFF/, "").replace(/^[\r\n]+/, "");
  const delimiter = detectDelimiter(body);
  const [first] = parseRecords(firstRecord(body), delimiter, 1);
  return { delimiter, headers: checkHeaders(first ?? []) };
}

/** The whole file: header and data records, each with the line it starts on. */
export function parseCsv(text: string): CsvTable {
  const body = text.replace(/^\uFEFF/, "");
  const delimiter = detectDelimiter(body);
  const rows = parseRecords(body, delimiter);
  const lines = recordStartLines(body, delimiter);
  // Should the two ever disagree, the record's position is still a usable line number.
  const lineOf = (index: number) =>
    lines.length === rows.length ? (lines[index] ?? index + 1) : index + 1;
  const [first, ...data] = rows;
  const headers = checkHeaders(first ?? []);
  return {
    delimiter,
    headers,
    records: data.map((cells, index) => ({ line: lineOf(index + 1), cells })),
  };
}

/** Rows of cells → CSV text (RFC 4180 quoting, CRLF), with the header when given. */
export function toCsv(rows: (string | null)[][], header?: readonly string[]): string {
  return stringify(
    rows.map((row) => row.map((cell) => cell ?? "")),
    {
      header: Boolean(header),
      columns: header ? [...header] : undefined,
      record_delimiter: "windows",
      // The library quotes only its own record delimiter (CRLF); a lone LF or CR in a cell, and
      // edge spaces some readers trim, are quoted too.
      quoted_match: /[\r\n]|^\s|\s$/,
    },
  );
}
