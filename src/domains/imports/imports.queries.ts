/**
 * Imports as records: upload (checked at once, so a file that is not CSV or vCard is a 400,
 * then stored and queued as a job), read, list newest first, and the mapping suggestion the
 * web wizard shows before importing.
 */
import { and, desc, eq, getTableColumns, lt } from "drizzle-orm";
import type { Ctx } from "../../platform/http/context";
import { AppError, notFound } from "../../platform/http/errors";
import { decodeCursor, toPage } from "../../platform/http/pagination";
import { enqueueJob } from "../../platform/jobs";
import { ImportFileError, readCsvHeader } from "./imports.csv";
import type { ImportKind, ImportMapping } from "./imports.inputs";
import { resolveMapping, suggestMapping } from "./imports.mapping";
import { assertMayImport } from "./imports.policies";
import { type Import, imports } from "./imports.schema";
import { assertVCardFile } from "./imports.vcard";

export const IMPORT_JOB = "imports.run";
export const IMPORT_MAX_ATTEMPTS = 3;

/** A file refused at upload: 400 naming the body, with the reason for the person who sent it. */
export function fileProblem(error: ImportFileError): AppError {
  return new AppError("VALIDATION_FAILED", error.message, {
    errors: [{ path: "body", message: error.message }],
  });
}

function refuseBadFile<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ImportFileError) throw fileProblem(error);
    throw error;
  }
}

export type UploadInput = {
  kind: ImportKind;
  dryRun: boolean;
  mapping: Record<string, string | null> | undefined;
  /** The decoded file (see decodeUpload); decode errors are the caller's 400. */
  content: string;
  sizeBytes: number;
};

/** Checks the file, stores it and queues the job that applies it (in the caller's transaction). */
export async function createImport(ctx: Ctx, input: UploadInput): Promise<Import> {
  assertMayImport(ctx.actor);
  if (!ctx.actor.memberId) throw new AppError("FORBIDDEN", "Only a member may import.");
  let mapping: ImportMapping | null = null;
  if (input.kind === "vcards") {
    refuseBadFile(() => assertVCardFile(input.content));
  } else {
    const { headers } = refuseBadFile(() => readCsvHeader(input.content));
    mapping = resolveMapping(input.kind, headers, input.mapping);
  }
  const now = ctx.now();
  const [row] = await ctx.db
    .insert(imports)
    .values({
      workspaceId: ctx.workspaceId,
      kind: input.kind,
      dryRun: input.dryRun,
      mapping,
      content: input.content,
      sizeBytes: input.sizeBytes,
      createdById: ctx.actor.memberId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error("import insert returned nothing");
  await enqueueJob(ctx.db, now, {
    name: IMPORT_JOB,
    workspaceId: ctx.workspaceId,
    payload: { workspaceId: ctx.workspaceId, importId: row.id },
    maxAttempts: IMPORT_MAX_ATTEMPTS,
  });
  return row;
}

/** Every column but the stored file. */
const { content: _content, ...summaryColumns } = getTableColumns(imports);

export async function getImport(ctx: Ctx, importId: string): Promise<Omit<Import, "content">> {
  const [row] = await ctx.db
    .select(summaryColumns)
    .from(imports)
    .where(and(eq(imports.workspaceId, ctx.workspaceId), eq(imports.id, importId)));
  if (!row) throw notFound("import");
  return row;
}

/** Newest first; the cursor is the (time-ordered) id of the last import seen. */
export async function listImports(ctx: Ctx, filter: { limit: number; cursor?: string }) {
  const after = decodeCursor(filter.cursor, 1);
  const rows = await ctx.db
    .select(summaryColumns)
    .from(imports)
    .where(
      and(
        eq(imports.workspaceId, ctx.workspaceId),
        after ? lt(imports.id, String(after[0])) : undefined,
      ),
    )
    .orderBy(desc(imports.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit, (row) => [row.id]);
}

/** The header line (or the file's first bytes) → the columns and the mapping the import would use. */
export function suggestImportMapping(
  kind: "contacts" | "accounts",
  content: string,
): { delimiter: string; headers: string[]; mapping: ImportMapping } {
  const { delimiter, headers } = refuseBadFile(() => readCsvHeader(content));
  return { delimiter, headers, mapping: suggestMapping(kind, headers) };
}
