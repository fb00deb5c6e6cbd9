/**
 * `npm run rapport -- demo`, spawned as a user would run it, on a temporary PGlite data dir
 * (the same way as cli.test.ts: a migrated template dir copied per case).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanRapportEnv as cliEnv } from "../platform/testing/processes";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-cli-demo-"));
const templateDir = path.join(tmpRoot, "template");

type CliResult = { code: number | null; stdout: string; stderr: string };

function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

function newDataDir(name: string): string {
  const dir = path.join(tmpRoot, name);
  fs.cpSync(templateDir, dir, { recursive: true });
  return dir;
}

const field = (stdout: string, name: string) =>
  stdout.match(new RegExp(`^${name}:\\s+(.+)$`, "m"))?.[1]?.trim();

beforeAll(async () => {
  const result = await runCli(["migrate"], cliEnv(templateDir, { RAPPORT_PGLITE_FSYNC: "off" }));
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
}, 180_000);

afterAll(() => {
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});

describe("demo", () => {
  it("refuses bad options with the usage text, before touching any database", async () => {
    const env = cliEnv(path.join(tmpRoot, "never-created"));
    const results = await Promise.all([
      runCli(["demo", "--accounts", "4"], env),
      runCli(["demo", "--accounts", "2001"], env),
      runCli(["demo", "--accounts", "ten"], env),
      runCli(["demo", "--seed", "1.5"], env),
      runCli(["demo", "--profile", "huge"], env),
      runCli(["demo", "--profile", "tiny", "--accounts", "10"], env),
      runCli(["demo", "--email", "not-an-email"], env),
    ]);
    for (const result of results) {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("Usage: npm run rapport -- <command>");
    }
    expect(results[0]?.stderr).toContain("--accounts must be a whole number from 5 to 2000");
    expect(results[4]?.stderr).toContain("--profile must be one of demo, tiny, firm, large");
    expect(fs.existsSync(path.join(tmpRoot, "never-created"))).toBe(false);
  }, 60_000);

  it("generates a firm, reports progress on stderr and prints a login that works", async () => {
    const env = cliEnv(newDataDir("demo"), { RAPPORT_PGLITE_FSYNC: "off", PORT: "4321" });
    const first = await runCli(["demo", "--profile", "tiny", "--seed", "5"], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /20 accounts, 100 contacts, 1000 interactions, 100 survey answers/,
    );
    expect(field(first.stdout, "URL")).toBe("http://127.0.0.1:4321");
    expect(field(first.stdout, "Email")).toBe("demo@rapport.example");
    expect(field(first.stdout, "Password")).toMatch(/^\S{10,}$/);
    // Not a terminal: one line per finished step.
    expect(first.stderr).toMatch(/^accounts: 20\/20 \(/m);
    expect(first.stderr).toMatch(/^health: 5\/5 \(/m);

    // The printed login is a real member: a token can be made for it.
    const token = await runCli(
      ["token", "create", "--email", "demo@rapport.example", "--label", "ci"],
      env,
    );
    expect(token.code, token.stderr).toBe(0);

    // Again: another workspace, and the next free demo email.
    const second = await runCli(["demo", "--accounts", "5"], {
      ...env,
      RAPPORT_PASSWORD: "a long demo password",
    });
    expect(second.code, second.stderr).toBe(0);
    expect(field(second.stdout, "Email")).toBe("demo+2@rapport.example");
    expect(field(second.stdout, "Password")).toBe("(the one in RAPPORT_PASSWORD)");
  }, 120_000);
});
