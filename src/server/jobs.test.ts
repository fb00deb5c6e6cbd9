import { describe, expect, it } from "vitest";
import { loadConfig } from "../platform/config";
import { embeddedMaintenanceCrons } from "../platform/jobs";
import { buildJobRegistry } from "./jobs";

describe("the job registry", () => {
  it("is scheduled only for the embedded database: PostgreSQL has autovacuum", () => {
    const names = (env: Record<string, string>) =>
      buildJobRegistry(loadConfig({ LOG_LEVEL: "silent", ...env })).crons.map((c) => c.name);
    const embedded = embeddedMaintenanceCrons.map((c) => c.name);
    expect(names({})).toEqual(expect.arrayContaining(embedded));
    const server = names({ DATABASE_URL: "postgres://rapport@localhost/rapport" });
    expect(server.filter((name) => embedded.includes(name))).toEqual([]);
  });
});
