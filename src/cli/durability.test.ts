/**
 * A killed server loses nothing it acknowledged: rows are created through the API, the
 * process gets SIGKILL mid-stream (no shutdown, its lock file left behind), and a new
 * server on the same PGlite data dir (fsync on, the default) must have every one of them.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { cleanRapportEnv, freePort } from "../platform/testing/processes";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-durability-"));
const dataDir = path.join(tmpRoot, "data");
const children = new Set<ChildProcess>();

function spawnCli(args: string[], extra: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: repoRoot,
    env: cleanRapportEnv(dataDir, extra),
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

async function runCli(args: string[], extra: Record<string, string> = {}) {
  const run = spawnCli(args, extra);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

async function startServe() {
  const port = await freePort();
  const run = spawnCli(["serve", "--skip-web-build"], { PORT: String(port) });
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (run.stdout().includes("Rapport is running at")) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    run.exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`serve exited with ${code}: ${run.stderr()}`));
    });
  });
  return { ...run, url: `http://127.0.0.1:${port}` };
}

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});

it("keeps every acknowledged row after kill -9, and takes over the dead process's lock", async () => {
  const setup = await runCli(
    ["setup", "--workspace", "Durable", "--email", "d@durable.test", "--name", "D"],
    { RAPPORT_PASSWORD: "correct horse battery" },
  );
  expect(setup.stderr).toBe("");
  expect(setup.code).toBe(0);
  const tokenRun = await runCli(["token", "create", "--email", "d@durable.test", "--label", "k"]);
  expect(tokenRun.code).toBe(0);
  const headers = {
    authorization: `Bearer ${tokenRun.stdout.trimEnd().split("\n").at(-1)}`,
    "content-type": "application/json",
  };

  const first = await startServe();
  const acknowledged: string[] = [];
  let killed = false;
  // Two writers at a time, so the kill lands while a transaction is in flight.
  const writer = async (name: string) => {
    for (let i = 0; !killed; i++) {
      try {
        const res = await fetch(`${first.url}/api/v1/tokens`, {
          method: "POST",
          headers,
          body: JSON.stringify({ label: `${name}-${i}` }),
        });
        if (res.status !== 201) throw new Error(`unexpected ${res.status}: ${await res.text()}`);
        acknowledged.push(((await res.json()) as { id: string }).id);
      } catch (error) {
        if (killed) return;
        throw error;
      }
      if (acknowledged.length >= 40 && !killed) {
        killed = true;
        first.child.kill("SIGKILL");
      }
    }
  };
  await Promise.all([writer("a"), writer("b")]);
  expect(await first.exited).toBe(null); // killed by a signal, no clean exit
  // The dead process's lock is still there, naming it.
  expect(fs.readFileSync(path.join(dataDir, "rapport.lock"), "utf8").trim()).toBe(
    String(first.child.pid),
  );

  const second = await startServe();
  try {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const res = await fetch(`${second.url}/api/v1/tokens?limit=200${query}`, { headers });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { data: { id: string }[]; nextCursor: string | null };
      for (const row of page.data) seen.add(row.id);
      cursor = page.nextCursor;
    } while (cursor);
    const missing = acknowledged.filter((id) => !seen.has(id));
    expect(missing).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
  } finally {
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }
}, 300_000);
