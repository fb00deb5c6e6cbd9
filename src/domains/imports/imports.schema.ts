/**
 * Imports: one row per uploaded file (CSV or vCard). The file itself is stored on the row,
 * so the job that applies it survives a restart; the row then carries the job's progress,
 * its report (created, updated, unchanged, rejected rows) or the reason it failed.
 */
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { members, workspaces } from "../../platform/auth/auth.schema";
import { idColumn, rowMeta, timestamptz, workspaceIdColumn } from "../../platform/db/columns";
import {
  type ImportMapping,
  type ImportProgress,
  type ImportReport,
  importKinds,
  importStatuses,
} from "./imports.inputs";

export const imports = pgTable(
  "imports",
  {
    workspaceId: workspaceIdColumn().references(() => workspaces.id),
    id: idColumn(),
    kind: text("kind", { enum: importKinds }).notNull(),
    status: text("status", { enum: importStatuses }).notNull().default("queued"),
    dryRun: boolean("dry_run").notNull(),
    /** CSV header → field, as applied (the suggestion merged with the uploader's choices). */
    mapping: jsonb("mapping").$type<ImportMapping>(),
    /** The uploaded file, decoded to text; cleared once the import is done. */
    content: text("content"),
    sizeBytes: integer("size_bytes").notNull(),
    /** The member who uploaded it: owner of accounts it creates, actor of its audit events. */
    createdById: uuid("created_by_id").notNull(),
    progress: jsonb("progress")
      .$type<ImportProgress>()
      .notNull()
      .default({ processed: 0, total: 0 }),
    report: jsonb("report").$type<ImportReport>(),
    error: text("error"),
    startedAt: timestamptz("started_at"),
    finishedAt: timestamptz("finished_at"),
    ...rowMeta(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.createdById],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index("imports_created_by_idx").on(t.workspaceId, t.createdById, t.id),
  ],
);

export type Import = typeof imports.$inferSelect;
export type NewImport = typeof imports.$inferInsert;
