/**
 * Imports over HTTP: upload a CSV or vCard file as the request body (202 with the import's
 * id; the work runs as a job), follow its progress and report, list past imports, and ask
 * which mapping a header line would get before importing.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import { pageQuerySchema, pageSchema } from "../../platform/http/pagination";
import { ctxFor, inTransaction } from "../../platform/http/request-ctx";
import { errors, idParam, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import { decodeUpload, ImportFileError } from "./imports.csv";
import {
  accountImportFields,
  contactImportFields,
  type ImportKind,
  importKinds,
  importQueryInput,
  importStatuses,
  suggestMappingQueryInput,
} from "./imports.inputs";
import { assertMayImport } from "./imports.policies";
import {
  createImport,
  fileProblem,
  getImport,
  listImports,
  suggestImportMapping,
} from "./imports.queries";
import type { Import } from "./imports.schema";

const tags = ["imports"];

const progressSchema = z.object({ processed: z.number().int(), total: z.number().int() });
const reportSchema = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
    rejectedCount: z.number().int(),
    accountsCreated: z.array(
      z.object({
        line: z.number().int(),
        id: z.string().nullable(),
        name: z.string(),
        domain: z.string().nullable(),
      }),
    ),
    affiliationsCreated: z.number().int(),
  })
  .openapi("ImportReport");

export const importSchema = z
  .object({
    id: z.string(),
    kind: z.enum(importKinds),
    status: z.enum(importStatuses),
    dryRun: z.boolean(),
    progress: progressSchema,
    report: reportSchema.nullable(),
    error: z.string().optional(),
    mapping: z.record(z.string(), z.string().nullable()).nullable(),
    sizeBytes: z.number().int(),
    createdById: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi("Import");

/** The one place an import becomes API output. */
export function presentImport(row: Omit<Import, "content">): z.infer<typeof importSchema> {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    dryRun: row.dryRun,
    progress: row.progress,
    report: row.report,
    ...(row.error ? { error: row.error } : {}),
    mapping: row.mapping,
    sizeBytes: row.sizeBytes,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

const fileBody = (mediaType: string, description: string) => ({
  required: true,
  description,
  content: { [mediaType]: { schema: z.string().openapi({ format: "binary" }) } },
});

const accepted = jsonContent(z.object({ id: z.string() }), "Queued: follow it at /imports/{id}");

function uploadRoute<P extends string>(path: P, mediaType: string, what: string) {
  return createRoute({
    method: "post",
    path,
    tags,
    summary: `Import ${what} (members and above); dryRun=true reports without writing`,
    request: { query: importQueryInput, body: fileBody(mediaType, `The ${mediaType} file`) },
    responses: { 202: accepted, ...errors(403, 413) },
  });
}

const contactsUpload = uploadRoute("/imports/contacts", "text/csv", "contacts from CSV");
const accountsUpload = uploadRoute("/imports/accounts", "text/csv", "accounts from CSV");
const vcardsUpload = uploadRoute(
  "/imports/vcards",
  "text/vcard",
  "contacts from vCard (3.0 or 4.0)",
);

const suggestRoute = createRoute({
  method: "post",
  path: "/imports/suggest-mapping",
  tags,
  summary:
    "The mapping an import would apply to a CSV header (send the header line or the first bytes)",
  request: {
    query: suggestMappingQueryInput,
    body: fileBody("text/csv", "The start of the CSV file"),
  },
  responses: {
    200: jsonContent(
      z.object({
        delimiter: z.string(),
        headers: z.array(z.string()),
        mapping: z.record(z.string(), z.string().nullable()),
        fields: z.array(z.string()),
      }),
      "Columns and suggested fields",
    ),
    ...errors(403, 413),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/imports/{id}",
  tags,
  summary: "An import: status, progress and report",
  request: { params: idParam },
  responses: { 200: jsonContent(importSchema, "The import"), ...errors(404) },
});

const listRoute = createRoute({
  method: "get",
  path: "/imports",
  tags,
  summary: "Imports, newest first",
  request: { query: pageQuerySchema },
  responses: { 200: jsonContent(pageSchema(importSchema), "A page of imports"), ...errors() },
});

/** Bodies that are a form or JSON were not sent as a file. */
function assertFileBody(c: Context<AppEnv>, expected: string): void {
  const type = c.req.header("content-type")?.toLowerCase() ?? "";
  if (/json|multipart\/form-data|x-www-form-urlencoded/.test(type)) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Send the file itself as the body, as ${expected}.`,
    );
  }
}

async function readFile(
  c: Context<AppEnv>,
  expected: string,
): Promise<{ text: string; size: number }> {
  assertFileBody(c, expected);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  try {
    return { text: decodeUpload(bytes), size: bytes.length };
  } catch (error) {
    if (error instanceof ImportFileError) throw fileProblem(error);
    throw error;
  }
}

async function upload(
  c: Context<AppEnv>,
  kind: ImportKind,
  query: z.output<typeof importQueryInput>,
) {
  // Refuse a viewer before reading (possibly megabytes of) body.
  assertMayImport(ctxFor(c).actor);
  const file = await readFile(c, kind === "vcards" ? "text/vcard" : "text/csv");
  const row = await inTransaction(c, (ctx) =>
    createImport(ctx, {
      kind,
      dryRun: query.dryRun ?? false,
      mapping: query.mapping,
      content: file.text,
      sizeBytes: file.size,
    }),
  );
  c.header("Location", `/api/v1/imports/${row.id}`);
  return row.id;
}

export function createImportRoutes() {
  return createRouter()
    .openapi(contactsUpload, async (c) =>
      c.json({ id: await upload(c, "contacts", c.req.valid("query")) }, 202),
    )
    .openapi(accountsUpload, async (c) =>
      c.json({ id: await upload(c, "accounts", c.req.valid("query")) }, 202),
    )
    .openapi(vcardsUpload, async (c) =>
      c.json({ id: await upload(c, "vcards", c.req.valid("query")) }, 202),
    )
    .openapi(suggestRoute, async (c) => {
      assertMayImport(ctxFor(c).actor);
      assertFileBody(c, "text/csv");
      const { kind } = c.req.valid("query");
      let bytes = new Uint8Array(await c.req.arrayBuffer());
      // The first bytes may end inside a character: keep whole lines only.
      const lastNewline = bytes.lastIndexOf(10);
      if (lastNewline > 0) bytes = bytes.subarray(0, lastNewline + 1);
      let text: string;
      try {
        text = decodeUpload(bytes);
      } catch (error) {
        if (error instanceof ImportFileError) throw fileProblem(error);
        throw error;
      }
      const fields = kind === "accounts" ? accountImportFields : contactImportFields;
      return c.json({ ...suggestImportMapping(kind, text), fields: [...fields] }, 200);
    })
    .openapi(listRoute, async (c) => {
      const page = await listImports(ctxFor(c), c.req.valid("query"));
      return c.json({ data: page.data.map(presentImport), nextCursor: page.nextCursor }, 200);
    })
    .openapi(getRoute, async (c) => {
      const row = await getImport(ctxFor(c), c.req.valid("param").id);
      return c.json(presentImport(row), 200);
    });
}
