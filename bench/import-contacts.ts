/**
 * How long a 100,000-row contacts CSV takes to import on embedded PGlite (file-backed, as
 * `npm start` runs it): upload checks, then the import job (parse, validate, match, write in
 * one transaction with an audit event per record), then the same file again (all unchanged).
 * Run: npx tsx bench/import-contacts.ts [rows]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { createImport } from "../src/domains/imports/imports.queries";
import { runImport } from "../src/domains/imports/imports.run";
import { imports } from "../src/domains/imports/imports.schema";
import { createWorkspaceWithOwner } from "../src/platform/auth/members.queries";
import { openDatabase } from "../src/platform/db/client";
import { migrateDatabase } from "../src/platform/db/migrate";
import type { Ctx } from "../src/platform/http/context";

const rows = Number(process.argv[2] ?? 100_000);

function buildCsv(count: number): string {
  const titles = ["Operations Manager", "CFO", "Head of IT", "Buyer", "Chief Executive"];
  const levels = ["executive", "management", "operational"];
  const lines = ["First Name,Last Name,Email,Phone Number,Job Title,Level,Company,Company Domain"];
  for (let i = 0; i < count; i++) {
    const company = i % 2_000;
    lines.push(
      [
        `First${i}`,
        `Last ${i}`,
        `person${i}@client${company}.example`,
        `+44 20 7946 ${String(i % 10_000).padStart(4, "0")}`,
        `"${titles[i % titles.length]}, ${i % 7 === 0 ? "EMEA" : "Global"}"`,
        levels[i % levels.length],
        `Client ${company}`,
        `client${company}.example`,
      ].join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-bench-import-"));
const database = await openDatabase({ kind: "pglite", dataDir });
await migrateDatabase(database);
const now = () => new Date();
const { workspace, member } = await createWorkspaceWithOwner(
  database.db,
  {
    workspaceName: "Bench",
    email: "bench@example.com",
    name: "Bench",
    password: "correct horse battery",
  },
  now(),
);
const ctx: Ctx = {
  db: database.db,
  now,
  workspaceId: workspace.id,
  actor: { memberId: member.id, role: "owner", via: "bench" },
};

const csv = buildCsv(rows);
const sizeBytes = Buffer.byteLength(csv);

async function timeImport(label: string) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const row = await database.db.transaction((tx) =>
    createImport(
      { ...ctx, db: tx },
      { kind: "contacts", dryRun: false, mapping: undefined, content: csv, sizeBytes },
    ),
  );
  const uploaded = performance.now();
  let planned = uploaded;
  await runImport({
    db: database.db,
    now,
    workspaceId: workspace.id,
    importId: row.id,
    attempt: 1,
    maxAttempts: 1,
    reportProgress: async (progress) => {
      if (progress.processed === progress.total) planned = performance.now();
    },
  });
  const finished = performance.now();
  const cpu = process.cpuUsage(cpuStarted);
  const [result] = await database.db.select().from(imports).where(eq(imports.id, row.id));
  if (result?.status !== "done") throw new Error(`${label}: ${result?.status} ${result?.error}`);
  const seconds = (ms: number) => Number((ms / 1000).toFixed(2));
  return {
    label,
    report: {
      created: result.report?.created,
      updated: result.report?.updated,
      unchanged: result.report?.unchanged,
      rejected: result.report?.rejectedCount,
      accountsCreated: result.report?.accountsCreated.length,
    },
    uploadSeconds: seconds(uploaded - started),
    readValidateMatchSeconds: seconds(planned - uploaded),
    writeSeconds: seconds(finished - planned),
    totalSeconds: seconds(finished - started),
    /** CPU time of this process (PGlite runs in it): what the run costs, whatever else the machine did. */
    cpuSeconds: seconds((cpu.user + cpu.system) / 1000),
  };
}

const first = await timeImport("first import");
console.log(JSON.stringify(first));
const second = await timeImport("same file again");
console.log(JSON.stringify(second));
const [counts] = (
  (await database.db.execute(
    sql`select (select count(*) from contacts)::int as contacts, (select count(*) from accounts)::int as accounts, (select count(*) from audit_events)::int as audit_events`,
  )) as { rows: unknown[] }
).rows;
await database.close();
fs.rmSync(dataDir, { recursive: true, force: true });

const result = {
  date: new Date().toISOString(),
  cpus: os.cpus().length,
  loadAverage: os.loadavg().map((n) => Number(n.toFixed(1))),
  rows,
  fileMegabytes: Number((sizeBytes / 1024 / 1024).toFixed(1)),
  runs: [first, second],
  counts,
};
fs.mkdirSync(path.join(import.meta.dirname, "results"), { recursive: true });
fs.writeFileSync(
  path.join(import.meta.dirname, "results", "import-contacts.json"),
  `${JSON.stringify(result, null, 2)}\n`,
);
console.log(JSON.stringify(result, null, 2));
