/**
 * A contacts CSV imported through the real API, as a firm moving from a spreadsheet would:
 * upload (POST /api/v1/imports/contacts), then poll the import until its job is done; then
 * the same file again, which must find every row unchanged and write nothing. The file is
 * shaped like bench/import-contacts.ts's: an exported address book, one company per 50 people.
 */
import { getRetrying, sleep } from "./stats";

export function buildContactsCsv(rows: number): string {
  const titles = ["Operations Manager", "CFO", "Head of IT", "Buyer", "Chief Executive"];
  const levels = ["executive", "management", "operational"];
  const companies = Math.max(1, Math.round(rows / 50));
  const lines = ["First Name,Last Name,Email,Phone Number,Job Title,Level,Company,Company Domain"];
  for (let i = 0; i < rows; i++) {
    const company = i % companies;
    lines.push(
      [
        `First${i}`,
        `Last ${i}`,
        `person${i}@importco${company}.example`,
        `+44 20 7946 ${String(i % 10_000).padStart(4, "0")}`,
        `"${titles[i % titles.length]}, ${i % 7 === 0 ? "EMEA" : "Global"}"`,
        levels[i % levels.length],
        `Importco ${company}`,
        `importco${company}.example`,
      ].join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

export type ImportRun = {
  seconds: number;
  rowsPerSecond: number;
  /** Between the job's start and finish, as the server recorded them. */
  jobSeconds: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
};

type ImportView = {
  status: "queued" | "running" | "done" | "failed";
  error?: string;
  startedAt: string | null;
  finishedAt: string | null;
  report: {
    created?: number;
    updated?: number;
    unchanged?: number;
    rejectedCount?: number;
  } | null;
};

async function importOnce(
  url: string,
  token: string,
  csv: string,
  rows: number,
): Promise<ImportRun> {
  const headers = { authorization: `Bearer ${token}` };
  const started = performance.now();
  const res = await fetch(`${url}/api/v1/imports/contacts`, {
    method: "POST",
    headers: { ...headers, "content-type": "text/csv" },
    body: csv,
  });
  const text = await res.text();
  if (res.status !== 202) throw new Error(`CSV upload: ${res.status} ${text.slice(0, 500)}`);
  const { id } = JSON.parse(text) as { id: string };
  for (;;) {
    const poll = await getRetrying(`${url}/api/v1/imports/${id}`, { headers });
    if (poll.status !== 200) throw new Error(`import ${id}: ${poll.status} ${await poll.text()}`);
    const view = (await poll.json()) as ImportView;
    if (view.status === "failed") throw new Error(`import ${id} failed: ${view.error}`);
    if (view.status === "done") {
      const seconds = Math.round(performance.now() - started) / 1000;
      const report = view.report ?? {};
      const jobMs =
        view.startedAt && view.finishedAt
          ? new Date(view.finishedAt).getTime() - new Date(view.startedAt).getTime()
          : Number.NaN;
      return {
        seconds,
        rowsPerSecond: Math.round(rows / seconds),
        jobSeconds: jobMs / 1000,
        created: report.created ?? 0,
        updated: report.updated ?? 0,
        unchanged: report.unchanged ?? 0,
        rejected: report.rejectedCount ?? 0,
      };
    }
    await sleep(100);
  }
}

export async function measureCsvImport(
  url: string,
  ownerToken: string,
  rows: number,
  log: (line: string) => void,
): Promise<{ rows: number; megabytes: number; first: ImportRun; rerun: ImportRun }> {
  const csv = buildContactsCsv(rows);
  const megabytes = Math.round((Buffer.byteLength(csv) / 1024 / 1024) * 10) / 10;
  log(`CSV import of ${rows.toLocaleString("en")} contacts (${megabytes} MB): first run`);
  const first = await importOnce(url, ownerToken, csv, rows);
  log(
    `CSV import, first: ${first.seconds} s (${first.rowsPerSecond} rows/s, ${first.created} created)`,
  );
  const rerun = await importOnce(url, ownerToken, csv, rows);
  log(`CSV import, unchanged re-run: ${rerun.seconds} s (${rerun.unchanged} unchanged)`);
  if (first.created !== rows || rerun.unchanged !== rows) {
    throw new Error(
      `CSV import: expected ${rows} created then ${rows} unchanged, got ${first.created} and ${rerun.unchanged}`,
    );
  }
  return { rows, megabytes, first, rerun };
}
