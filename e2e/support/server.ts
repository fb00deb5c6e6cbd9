/**
 * Starts the real Rapport server as a child process (`node --import tsx src/cli/main.ts
 * serve`) with its own temp data dir (PGlite) on a free loopback port, waits for
 * /api/health, and stops it by PID afterwards.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../src/platform/testing/processes";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type E2eServer = {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  dataDir: string;
  /** The server's recent output, for failure messages. */
  output(): string;
  stop(): Promise<void>;
};

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startServer(
  options: { env?: Record<string, string> } = {},
): Promise<E2eServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-e2e-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    RAPPORT_DATA_DIR: dataDir,
    RAPPORT_PUBLIC_URL: url,
    LOG_LEVEL: "warn",
    RAPPORT_PGLITE_FSYNC: "off",
    // Always the embedded database and no mail server, whatever the calling shell has set.
    DATABASE_URL: "",
    SMTP_URL: "",
    ...options.env,
  };
  delete env.RAPPORT_TEST_DATABASE_URL;

  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 200) lines.shift();
      process.stderr.write(`[server] ${line}\n`);
    }
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let spawnError: Error | undefined;
  child.on("error", (error) => {
    spawnError = error;
  });

  // Should the test process end without stop() (a crash, a killed worker), take the server
  // down with it rather than leave it running.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", killOnExit);
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const done = await Promise.race([
        exited(child).then(() => true),
        sleep(20_000).then(() => false),
      ]);
      if (!done) {
        child.kill("SIGKILL");
        await exited(child);
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const output = () => lines.join("\n");

  // Ready when /api/health answers; the first start may build the web UI, hence the long bound.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(
        `The server exited before it was ready (${spawnError?.message ?? `code ${child.exitCode}, signal ${child.signalCode}`}):\n${output()}`,
      );
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer ${url}/api/health:\n${output()}`);
    }
    await sleep(250);
  }
  return { url, port, dataDir, output, stop };
}
