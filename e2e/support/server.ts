/**
 * Starts the real Rapport server as a child process (`node --import tsx src/cli/main.ts
 * serve`) with its own temp data dir (PGlite) on a free loopback port, waits for
 * /api/health, and stops it by PID afterwards.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type RapportServer, startRapportServer } from "../../src/platform/testing/processes";

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

export async function startServer(
  options: { env?: Record<string, string> } = {},
): Promise<E2eServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-e2e-"));
  let server: RapportServer;
  try {
    server = await startRapportServer({
      repoRoot,
      // The first start may build the web UI, hence the long bound.
      readyMs: 180_000,
      onLine: (line) => process.stderr.write(`[server] ${line}\n`),
      env: (_port, url) => {
        const env: Record<string, string | undefined> = {
          ...process.env,
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
        return env;
      },
    });
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const { url, port, output } = server;
  const stop = async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, port, dataDir, output, stop };
}
