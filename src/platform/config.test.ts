import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("configuration", () => {
  it("has defaults for a one-command start on embedded PGlite", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      databaseUrl: undefined,
      smtpUrl: undefined,
      logLevel: "info",
    });
    expect(config.dataDir).toBe(path.resolve("./data"));
    expect(config.publicUrl).toBe("http://127.0.0.1:3000");
    expect(config.pgliteFsync).toBe(true);
  });

  it("switches to PostgreSQL with a postgres:// DATABASE_URL", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@localhost/db" }).databaseUrl).toBe(
      "postgres://u@localhost/db",
    );
    expect(loadConfig({ DATABASE_URL: "" }).databaseUrl).toBeUndefined();
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://x"],
    ["SMTP_URL", "http://mail"],
    ["RAPPORT_PUBLIC_URL", "not a url"],
    ["LOG_LEVEL", "loud"],
  ])("stops with one line naming %s when it is %s", (name, value) => {
    let message = "";
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toContain(name);
    expect(message).not.toContain("\n");
  });
});
