import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openTestDatabase, testPostgresUrl } from "../testing/databases";

describe("the PostgreSQL pool", () => {
  it("survives the server ending its connections, and reconnects for the next query", async (ctx) => {
    ctx.skip(!testPostgresUrl(), "RAPPORT_TEST_DATABASE_URL is unset: PostgreSQL only");
    const database = await openTestDatabase();
    try {
      await database.db.execute(sql`select 1`);
      // As a restart or an admin would: end every other connection to this database.
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      const ended = await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
      );
      await admin.end();
      expect(ended.rowCount).toBeGreaterThan(0);
      // The idle client's "error" must not crash the process; the pool opens a new one.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const result = (await database.db.execute(sql`select 2 as two`)) as unknown as {
        rows: { two: number }[];
      };
      expect(result.rows[0]).toEqual({ two: 2 });
    } finally {
      await database.close();
    }
  });
});
