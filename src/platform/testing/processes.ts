/** Helpers for tests and scripts that run Rapport as a real process. */
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

/**
 * The environment a user would start Rapport with: this process's environment without
 * any Rapport, database or mail setting (so a developer's or the pg step's settings do
 * not leak in), a data dir and quiet logs.
 */
export function cleanRapportEnv(
  dataDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key === "DATABASE_URL" || key === "PORT" || key === "HOST") continue;
    if (key.startsWith("RAPPORT_") || key.startsWith("SMTP_")) continue;
    env[key] = value;
  }
  return { ...env, RAPPORT_DATA_DIR: dataDir, LOG_LEVEL: "warn", ...extra };
}

export type RapportServer = {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  pid: number;
  /** The server's last 200 lines of output, for failure messages. */
  output(): string;
  /** SIGTERM (the server drains and closes its database), SIGKILL after `stopGraceMs`. */
  stop(): Promise<void>;
};

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `node --import tsx src/cli/main.ts serve [args]` from the repo root on a free
 * loopback port with `env` (PORT, HOST and RAPPORT_PUBLIC_URL are set here) and resolves
 * once /api/health answers; it stops the server and throws, with its output, if it exits
 * first or does not answer within `readyMs`. The journeys and the benchmark both use it.
 */
export async function startRapportServer(options: {
  repoRoot: string;
  env: (port: number, url: string) => Record<string, string | undefined>;
  args?: string[];
  readyMs?: number;
  stopGraceMs?: number;
  /** Each line of the server's output, as it comes (the journeys echo it). */
  onLine?: (line: string) => void;
}): Promise<RapportServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { ...options.env(port, url), PORT: String(port), HOST: "127.0.0.1" };
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", "serve", ...(options.args ?? [])],
    { cwd: options.repoRoot, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 200) lines.shift();
      options.onLine?.(line);
    }
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let spawnError: Error | undefined;
  child.on("error", (error) => {
    spawnError = error;
  });
  // Should this process end without stop(), take the server down with it.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", killOnExit);
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const done = await Promise.race([
      exited(child).then(() => true),
      sleep(options.stopGraceMs ?? 20_000).then(() => false),
    ]);
    if (!done) {
      child.kill("SIGKILL");
      await exited(child);
    }
  };
  const output = () => lines.join("\n");

  const deadline = Date.now() + (options.readyMs ?? 120_000);
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
    await sleep(200);
  }
  return { url, port, pid: child.pid as number, output, stop };
}
