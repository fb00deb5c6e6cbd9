/**
 * The real Rapport server as `npm start` runs it (`node --import tsx src/cli/main.ts serve
 * --skip-web-build`), on a free loopback port with quiet logs, against the benchmark's
 * database. Its resident memory is sampled every second from /proc while it runs, and its
 * peak (VmHWM) read before it is stopped, by its PID.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cleanRapportEnv, freePort } from "../../src/platform/testing/processes";
import { onCleanup } from "./cleanup";
import { sleep } from "./stats";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type ServerMemory = {
  /** VmHWM: the most resident memory the process ever had, in MB. */
  peakRssMb: number;
  /** VmRSS sampled once a second. */
  sampledRssMb: { count: number; maxMb: number; meanMb: number; lastMb: number };
};

export type BenchServer = {
  url: string;
  pid: number;
  /** The server's recent output, for failure messages. */
  output(): string;
  /** Reads VmHWM and the samples so far (call before stop). */
  memory(): ServerMemory;
  stop(): Promise<void>;
};

/** A field of /proc/<pid>/status in MB ("VmRSS:   123456 kB"). */
export function procStatusMb(pid: number | "self", field: "VmRSS" | "VmHWM"): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return Number.NaN;
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

export async function startBenchServer(
  databaseEnv: Record<string, string>,
  log: (line: string) => void,
): Promise<BenchServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // A user's environment without any Rapport, database or mail setting, then ours.
  const env = cleanRapportEnv(databaseEnv.RAPPORT_DATA_DIR ?? "./data", {
    PORT: String(port),
    HOST: "127.0.0.1",
    RAPPORT_PUBLIC_URL: url,
    LOG_LEVEL: "warn",
    ...databaseEnv,
  });
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", "serve", "--skip-web-build"],
    { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error("the server did not start");
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 200) lines.shift();
    }
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  const rss: number[] = [];
  const sampler = setInterval(() => {
    const mb = procStatusMb(pid, "VmRSS");
    if (Number.isFinite(mb)) rss.push(mb);
  }, 1_000);
  sampler.unref();

  const stop = onCleanup(`Rapport server (pid ${pid})`, async () => {
    clearInterval(sampler);
    if (child.exitCode !== null || child.signalCode !== null) return;
    // SIGTERM: the server drains requests, stops its job runner and closes the database.
    child.kill("SIGTERM");
    const done = await Promise.race([
      exited(child).then(() => true),
      sleep(30_000).then(() => false),
    ]);
    if (!done) {
      child.kill("SIGKILL");
      await exited(child);
    }
  });
  const output = () => lines.join("\n");

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`The server exited before it was ready:\n${output()}`);
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
  log(`server up at ${url} (pid ${pid})`);

  return {
    url,
    pid,
    output,
    memory: () => ({
      peakRssMb: procStatusMb(pid, "VmHWM"),
      sampledRssMb: {
        count: rss.length,
        maxMb: rss.length ? Math.max(...rss) : Number.NaN,
        meanMb: rss.length
          ? Math.round((rss.reduce((a, b) => a + b, 0) / rss.length) * 10) / 10
          : Number.NaN,
        lastMb: rss.at(-1) ?? Number.NaN,
      },
    }),
    stop,
  };
}
