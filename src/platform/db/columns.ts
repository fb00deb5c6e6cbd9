/**
 * Column builders shared by every table, so the data rules of DESIGN §4 (UUIDv7 ids,
 * workspace_id first, timestamps in UTC, optimistic-concurrency version, soft archive)
 * are written once.
 */
import { customType, integer, timestamp, uuid } from "drizzle-orm/pg-core";
import { uuidv7 } from "uuidv7";

/** Time-ordered ids: index-friendly and usable as a stable sort key for cursors. */
export const newId = (): string => uuidv7();

export const idColumn = () => uuid("id").notNull().$defaultFn(newId);
export const workspaceIdColumn = () => uuid("workspace_id").notNull();
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** created_at, updated_at, version: on every business row. */
export const rowMeta = () => ({
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  version: integer("version").notNull().default(1),
});

/**
 * PostgreSQL full-text vector, only ever a generated column. rapport_join_text (migration
 * 0004) joins a text[] immutably, which array_to_string is not declared to be.
 */
export const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
