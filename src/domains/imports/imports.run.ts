/**
 * Running an import (the job's work). Two phases, because PGlite has one connection: first
 * parse, validate and match (reads only, with progress reported between batches), then
 * write the whole plan in ONE transaction that issues nothing outside itself, together with
 * the audit events and the import's final state. A failure there rolls everything back.
 */
import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/audit.queries";
import { hasRole } from "../../platform/auth/auth.policies";
import { members } from "../../platform/auth/auth.schema";
import type { Db } from "../../platform/db/client";
import type { Clock, Ctx } from "../../platform/http/context";
import { planAccountImport } from "./imports.accounts";
import { planContactImport } from "./imports.contacts";
import { ImportFileError, parseCsv } from "./imports.csv";
import type { ImportMapping, ImportProgress, ImportReport } from "./imports.inputs";
import { emptyPlan, type Plan, reject } from "./imports.plan";
import type { RawAccountRow, RawContactRow, RawRow } from "./imports.rows";
import { type Import, imports } from "./imports.schema";
import { parseVCards } from "./imports.vcard";
import { applyPlan, ImportConflictError } from "./imports.write";

export type RunOptions = {
  db: Db;
  now: Clock;
  workspaceId: string;
  importId: string;
  attempt: number;
  maxAttempts: number;
  reportProgress: (progress: ImportProgress) => Promise<void>;
};

export type RunOutcome = { status: Import["status"]; retry?: Error };

/** CSV records → field values by the mapping; blank rows are skipped, overlong ones refused. */
function mappedRows(content: string, mapping: ImportMapping, plan: Plan): RawRow<string>[] {
  const table = parseCsv(content);
  const fields = table.headers.map((header) => mapping[header] ?? null);
  const rows: RawRow<string>[] = [];
  for (const record of table.records) {
    if (record.cells.every((cell) => cell.trim() === "")) continue;
    const extra = record.cells.slice(table.headers.length);
    if (extra.some((cell) => cell.trim() !== "")) {
      reject(
        plan,
        record.line,
        `The row has ${record.cells.length} fields but the header has ${table.headers.length}`,
      );
      continue;
    }
    const values: Record<string, string[]> = {};
    fields.forEach((field, index) => {
      const cell = record.cells[index];
      if (field && cell !== undefined) values[field] = [...(values[field] ?? []), cell];
    });
    rows.push({ line: record.line, values });
  }
  return rows;
}

async function setImport(db: Db, row: Import, values: Partial<typeof imports.$inferInsert>) {
  await db
    .update(imports)
    .set({ ...values, version: sql`${imports.version} + 1` })
    .where(and(eq(imports.workspaceId, row.workspaceId), eq(imports.id, row.id)));
}

/** The importer, acting again: still an active member allowed to import. */
async function importerCtx(options: RunOptions, row: Import): Promise<Ctx> {
  const [member] = await options.db
    .select({ role: members.role, status: members.status })
    .from(members)
    .where(and(eq(members.workspaceId, row.workspaceId), eq(members.id, row.createdById)));
  if (member?.status !== "active") {
    throw new ImportFileError("The member who uploaded the file is no longer active here.");
  }
  if (!hasRole(member.role, "member")) {
    throw new ImportFileError(
      "The member who uploaded the file may no longer import (now a viewer).",
    );
  }
  return {
    db: options.db,
    now: options.now,
    workspaceId: row.workspaceId,
    actor: { memberId: row.createdById, role: member.role, via: "import" },
  };
}

/** SQLSTATE classes worth another attempt: connection, rollback (deadlock), resources, shutdown. */
function isTransient(error: unknown): boolean {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if (e instanceof ImportConflictError) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^(08|40|53|57|23505)/.test(code)) return true;
  }
  return false;
}

function describe(error: unknown): string {
  const messages: string[] = [];
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string" && !messages.includes(message)) messages.push(message);
  }
  // Drizzle's "Failed query: <sql>" is noise to the reader; the database's own words are kept.
  return messages.filter((m) => !m.startsWith("Failed query")).join(": ") || String(error);
}

export async function runImport(options: RunOptions): Promise<RunOutcome> {
  const { db, now } = options;
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.workspaceId, options.workspaceId), eq(imports.id, options.importId)));
  if (!row) throw new ImportFileError(`Import ${options.importId} does not exist`);
  // Jobs run at least once: a finished import is never applied again.
  if (row.status === "done" || row.status === "failed") return { status: row.status };
  await setImport(db, row, { status: "running", startedAt: now(), updatedAt: now(), error: null });
  let writing = false;
  try {
    const ctx = await importerCtx(options, row);
    const plan = emptyPlan();
    const content = row.content ?? "";
    let rows: RawRow<string>[];
    if (row.kind === "vcards") {
      const parsed = parseVCards(content);
      for (const r of parsed.rejected) reject(plan, r.line, r.reason);
      rows = parsed.rows;
    } else {
      rows = mappedRows(content, row.mapping ?? {}, plan);
    }
    const total = rows.length + plan.report.rejectedCount;
    const progress = async (planned: number) => {
      const value = { processed: planned + (total - rows.length), total };
      await options.reportProgress(value);
      await setImport(db, row, { progress: value, updatedAt: now() });
    };
    await progress(0);
    if (row.kind === "accounts")
      await planAccountImport(ctx, plan, rows as RawAccountRow[], progress);
    else await planContactImport(ctx, plan, rows as RawContactRow[], progress);
    plan.report.rejected.sort((a, b) => a.line - b.line);
    const report: ImportReport = plan.report;
    const done = {
      status: "done" as const,
      report,
      progress: { processed: total, total },
      content: null,
      finishedAt: now(),
      updatedAt: now(),
    };
    if (row.dryRun) {
      // A dry run reports what would happen; no created account exists, so none has an id.
      report.accountsCreated = report.accountsCreated.map((a) => ({ ...a, id: null }));
      await setImport(db, row, done);
      return { status: "done" };
    }
    writing = true;
    await db.transaction(async (tx) => {
      const txCtx = { ...ctx, db: tx };
      await applyPlan(txCtx, plan);
      await recordAudit(txCtx, {
        action: "import.completed",
        entityType: "import",
        entityId: row.id,
        after: { kind: row.kind, ...report, rejected: report.rejected.slice(0, 100) },
      });
      await setImport(tx, row, done);
    });
    return { status: "done" };
  } catch (error) {
    const retry = isTransient(error) && options.attempt < options.maxAttempts;
    const cause = error instanceof ImportFileError ? error.message : describe(error);
    const message = writing
      ? `The import failed while writing and was rolled back: nothing was written. ${cause}`
      : cause;
    await setImport(db, row, {
      status: retry ? "queued" : "failed",
      error: retry ? `Attempt ${options.attempt} failed (${cause}); trying again.` : message,
      finishedAt: retry ? null : now(),
      updatedAt: now(),
    });
    if (retry)
      return { status: "queued", retry: error instanceof Error ? error : new Error(cause) };
    return { status: "failed" };
  }
}
