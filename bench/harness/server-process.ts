/**
 * The real Rapport server as `npm start` runs it (`node --import tsx src/cli/main.ts serve
 * --skip-web-build`), on a free loopback port with quiet logs, against the benchmark's
 * database. Its resident memory is sampled every second from /proc while it runs, and its
 * peak (VmHWM) read before it is stopped, by its PID.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cleanRapportEnv, startRapportServer } from "../../src/platform/testing/processes";
import { onCleanup } from "./cleanup";

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

export async function startBenchServer(
  databaseEnv: Record<string, string>,
  log: (line: string) => void,
): Promise<BenchServer> {
  const server = await startRapportServer({
    repoRoot,
    args: ["--skip-web-build"],
    stopGraceMs: 30_000,
    // A user's environment without any Rapport, database or mail setting, then ours.
    env: (_port, url) =>
      cleanRapportEnv(databaseEnv.RAPPORT_DATA_DIR ?? "./data", {
        RAPPORT_PUBLIC_URL: url,
        LOG_LEVEL: "warn",
        ...databaseEnv,
      }),
  });
  const { url, pid, output } = server;
  const rss: number[] = [];
  const sampler = setInterval(() => {
    const mb = procStatusMb(pid, "VmRSS");
    if (Number.isFinite(mb)) rss.push(mb);
  }, 1_000);
  sampler.unref();
  // Stopped on success, failure and Ctrl+C alike (cleanup.ts), by its PID.
  const stop = onCleanup(`Rapport server (pid ${pid})`, async () => {
    clearInterval(sampler);
    await server.stop();
  });
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
