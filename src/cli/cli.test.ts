/**
 * The real CLI, spawned as a user would run it, against temporary PGlite data dirs. A
 * migrated template dir is made once and copied, since creating a PGlite dir is slow.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanRapportEnv as cliEnv, freePort } from "../platform/testing/processes";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const PASSWORD = "correct horse battery";
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-cli-"));
const templateDir = path.join(tmpRoot, "template");
const children = new Set<ChildProcess>();

type CliResult = { code: number | null; stdout: string; stderr: string };

function spawnCli(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawnCli(args, env);
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

/** `serve` on a free port, resolved once it printed its start-up line. */
async function startServe(env: Record<string, string>) {
  const port = await freePort();
  const child = spawnCli(["serve", "--skip-web-build"], { ...env, PORT: String(port) });
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes("Rapport is running at")) resolve();
    });
    exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    child,
    url,
    stdout: () => stdout,
    exited,
    /** SIGTERM and wait: a clean stop exits 0 and releases the lock. */
    stop: async () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

function newDataDir(name: string): string {
  const dir = path.join(tmpRoot, name);
  fs.cpSync(templateDir, dir, { recursive: true });
  return dir;
}

const lastLine = (text: string) => text.trimEnd().split("\n").at(-1) ?? "";

beforeAll(async () => {
  const result = await runCli(["migrate"], cliEnv(templateDir, { RAPPORT_PGLITE_FSYNC: "off" }));
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
}, 180_000);

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});

describe("usage", () => {
  it("prints usage and exits 2 for unknown commands and bad flags", async () => {
    const env = cliEnv(path.join(tmpRoot, "never-created"));
    const [none, unknown, badFlag, missingValue, missingFlag, bareGroup, help] = await Promise.all([
      runCli([], env),
      runCli(["frobnicate"], env),
      runCli(["setup", "--workspace", "A", "--email", "a@b.test", "--colour", "red"], env),
      runCli(["backup", "--out"], env),
      runCli(["token", "create", "--email", "a@b.test"], env),
      runCli(["token"], env),
      runCli(["--help"], env),
    ]);
    for (const result of [none, unknown, badFlag, missingValue, missingFlag, bareGroup]) {
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("Usage: npm run rapport -- <command>");
      expect(result.stdout).toBe("");
    }
    expect(unknown.stderr).toContain("Unknown command: frobnicate");
    expect(badFlag.stderr).toContain("--colour");
    expect(missingFlag.stderr).toContain("--label is required");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("token create --email EMAIL --label LABEL");
    // Usage errors are found before any database is touched.
    expect(fs.existsSync(path.join(tmpRoot, "never-created"))).toBe(false);
  }, 60_000);

  it("stops on a bad setting with one line naming the variable", async () => {
    const result = await runCli(["serve"], cliEnv(path.join(tmpRoot, "bad-env"), { PORT: "abc" }));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PORT/);
  }, 60_000);
});

describe("setup, tokens and members", () => {
  it("creates workspaces, a token that authenticates, and members", async () => {
    const env = cliEnv(newDataDir("setup"), { RAPPORT_PASSWORD: PASSWORD });
    const first = await runCli(
      ["setup", "--workspace", "Northwind", "--email", "ada@northwind.test", "--name", "Ada"],
      env,
    );
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Created workspace "Northwind"');
    const second = await runCli(
      ["setup", "--workspace", "Southwind", "--email", "ada@northwind.test", "--name", "Ada"],
      env,
    );
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Created workspace "Southwind"');

    // Ada owns two workspaces now: the token needs --workspace.
    const ambiguous = await runCli(
      ["token", "create", "--email", "ada@northwind.test", "--label", "ci"],
      env,
    );
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/Northwind.*Southwind.*--workspace/);
    const token = await runCli(
      [
        "token",
        "create",
        "--email",
        "ada@northwind.test",
        "--label",
        "ci",
        "--workspace",
        "southwind",
      ],
      env,
    );
    expect(token.stderr).toBe("");
    expect(token.code).toBe(0);
    const secret = lastLine(token.stdout);
    expect(secret).toMatch(/^rap_[A-Za-z0-9_-]{20,}$/);

    const added = await runCli(
      [
        "member",
        "add",
        "--workspace",
        "Northwind",
        "--email",
        "max@northwind.test",
        "--role",
        "manager",
        "--name",
        "Max Müller",
      ],
      env,
    );
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    expect(added.stdout).toContain("Added max@northwind.test (new user) as manager");
    const again = await runCli(
      [
        "member",
        "add",
        "--workspace",
        "Northwind",
        "--email",
        "max@northwind.test",
        "--role",
        "viewer",
      ],
      env,
    );
    expect(again.code).toBe(1);
    expect(again.stderr.trimEnd().split("\n")).toEqual([
      "Error: max@northwind.test is already an active member (manager) of this workspace.",
    ]);
    const badRole = await runCli(
      ["member", "add", "--workspace", "Northwind", "--email", "x@northwind.test", "--role", "god"],
      env,
    );
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain("--role must be one of");
    const existingUser = await runCli(
      [
        "member",
        "add",
        "--workspace",
        "Southwind",
        "--email",
        "MAX@northwind.test",
        "--role",
        "viewer",
      ],
      env,
    );
    expect(existingUser.code).toBe(0);
    expect(existingUser.stdout).toContain('as viewer of "Southwind"');

    const server = await startServe(env);
    try {
      expect(server.stdout()).toContain(`Rapport is running at ${server.url} (database: pglite at`);
      const health = await fetch(`${server.url}/api/health`);
      expect(await health.json()).toMatchObject({ status: "ok", database: "pglite" });
      const me = await fetch(`${server.url}/api/v1/me`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({
        workspace: { name: "Southwind" },
        member: { role: "owner", email: "ada@northwind.test" },
      });
      // The new member signs in with the password the CLI set.
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "max@northwind.test", password: PASSWORD }),
      });
      expect(login.status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 240_000);
});

describe("one process per data dir", () => {
  it("refuses a second serve or a writing command at once, naming the holder", async () => {
    const dataDir = newDataDir("lock");
    const env = cliEnv(dataDir, { RAPPORT_PASSWORD: PASSWORD });
    const server = await startServe(env);
    try {
      const holder = server.child.pid;
      const started = Date.now();
      const [secondServe, setup] = await Promise.all([
        runCli(["serve", "--skip-web-build"], { ...env, PORT: String(await freePort()) }),
        runCli(["setup", "--workspace", "W", "--email", "w@w.test", "--name", "W"], env),
      ]);
      for (const result of [secondServe, setup]) {
        expect(result.code).toBe(1);
        expect(result.stdout).toBe("");
        expect(result.stderr).toContain(`is in use by process ${holder}`);
        expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      }
      // "At once": no waiting on the lock (the time is mostly tsx start-up).
      expect(Date.now() - started).toBeLessThan(30_000);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(fs.existsSync(path.join(dataDir, "rapport.lock"))).toBe(false);
    const after = await runCli(
      ["setup", "--workspace", "W", "--email", "w@w.test", "--name", "W"],
      env,
    );
    expect(after.code).toBe(0);
  }, 240_000);
});

describe("backup and restore", () => {
  it("backs up one data dir and restores it into a new one, refusing a non-empty target", async () => {
    const env = cliEnv(newDataDir("backup-src"), { RAPPORT_PASSWORD: PASSWORD });
    expect(
      (await runCli(["setup", "--workspace", "Ærø", "--email", "e@ae.test", "--name", "Eøn"], env))
        .code,
    ).toBe(0);
    const file = path.join(tmpRoot, "backup.jsonl.gz");
    const backup = await runCli(["backup", "--out", file], env);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(fs.existsSync(file)).toBe(true);

    const targetEnv = cliEnv(newDataDir("backup-dst"));
    const restore = await runCli(["restore", "--in", file], targetEnv);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    const again = await runCli(["restore", "--in", file], targetEnv);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
    // The restored copy has the workspace: a token for its owner works.
    const token = await runCli(
      ["token", "create", "--email", "e@ae.test", "--label", "t"],
      targetEnv,
    );
    expect(token.code).toBe(0);
    expect(token.stdout).toContain('"Ærø"');
  }, 240_000);
});
