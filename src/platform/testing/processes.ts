/** Helpers for tests and scripts that run Rapport as a real process. */
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
