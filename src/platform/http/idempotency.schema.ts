/** Stored first results of POSTs sent with an Idempotency-Key, replayed on retry. */
import { integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz, workspaceIdColumn } from "../db/columns";

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    workspaceId: workspaceIdColumn(),
    memberId: uuid("member_id").notNull(),
    key: text("key").notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    requestHash: text("request_hash").notNull(),
    /** Null while the first request is still running. */
    statusCode: integer("status_code"),
    responseBody: text("response_body"),
    responseHeaders: jsonb("response_headers"),
    createdAt: timestamptz("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.memberId, t.key] })],
);
