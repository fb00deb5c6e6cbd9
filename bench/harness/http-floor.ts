/**
 * Measures the HTTP floor (constant-server.ts) with autocannon at each connection count:
 * the latency of Node, @hono/node-server, Hono's router and a JSON response on this machine,
 * which every Rapport path pays before it touches the database.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../src/platform/testing/processes";
import { onCleanup } from "./cleanup";
import { type HttpMeasurement, loadTest } from "./load-test";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");

export async function measureHttpFloor(options: {
  connections: number[];
  durationSeconds: number;
  warmupSeconds: number;
  log: (line: string) => void;
}): Promise<HttpMeasurement[]> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(here, "constant-server.ts")],
    {
      cwd: repoRoot,
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const stop = onCleanup(`constant Hono server (pid ${child.pid})`, async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("listening")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`the constant server exited (${code})`)));
    });
    const url = `http://127.0.0.1:${port}`;
    const results: HttpMeasurement[] = [];
    for (const connections of options.connections) {
      const measured = await loadTest(
        url,
        { next: () => ({ path: "/api/v1/constant" }) },
        {
          connections,
          durationSeconds: options.durationSeconds,
          warmupSeconds: options.warmupSeconds,
        },
      );
      options.log(
        `HTTP floor, ${connections} connection(s): p50 ${measured.latency.p50Ms} ms, p95 ${measured.latency.p95Ms} ms, ${measured.requestsPerSecond} req/s`,
      );
      results.push(measured);
    }
    return results;
  } finally {
    await stop();
  }
}
