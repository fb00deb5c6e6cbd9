/**
 * The only reader of process.env. Every setting Rapport understands is declared here,
 * parsed once by zod, and a bad value stops start-up with one line naming the variable.
 */
import path from "node:path";
import { z } from "zod";

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  RAPPORT_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SMTP_FROM: z.string().min(3).default("Rapport <rapport@localhost>"),
  RAPPORT_PUBLIC_URL: z
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  LOG_LEVEL: z.enum(logLevels).default("info"),
  /** Flush the embedded database to disk every second (see db/disk-flusher.ts); off trades power-cut safety for less I/O. */
  RAPPORT_PGLITE_FSYNC: z.enum(["on", "off"]).default("on"),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  smtpFrom: string;
  publicUrl: string;
  logLevel: (typeof logLevels)[number];
  pgliteFsync: boolean;
};

export class ConfigError extends Error {}

/** Parses an environment (process.env by default) into a Config, or throws one clear line. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    const value = env[name];
    throw new ConfigError(
      `Invalid ${name}${value === undefined ? "" : ` (${JSON.stringify(value)})`}: ${issue?.message ?? "invalid"}`,
    );
  }
  const e = parsed.data;
  const host = e.HOST;
  return {
    port: e.PORT,
    host,
    dataDir: path.resolve(e.RAPPORT_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    publicUrl: (
      e.RAPPORT_PUBLIC_URL ?? `http://${host.includes(":") ? `[${host}]` : host}:${e.PORT}`
    ).replace(/\/$/, ""),
    logLevel: e.LOG_LEVEL,
    pgliteFsync: e.RAPPORT_PGLITE_FSYNC === "on",
  };
}
