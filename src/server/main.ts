/**
 * Starts Rapport: opens (and locks) the database, applies migrations, builds the web UI on
 * first start, runs the job runner, serves the app on HOST:PORT and shuts down cleanly on
 * SIGINT/SIGTERM, so the PGlite data dir is closed and its lock released before the end.
 */
import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createAdaptorServer } from "@hono/node-server";
import type { Logger } from "pino";
import { type OpenedDatabase, openConfiguredDatabase } from "../cli/open-database";
import type { Config } from "../platform/config";
import type { AppDeps, Clock } from "../platform/http/context";
import { webDistDir } from "../platform/http/static";
import { createJobRunner, type JobRunner, requestAnalyze } from "../platform/jobs";
import { createLogger } from "../platform/logger";
import { requeuePendingMail } from "../platform/mail/mail.jobs";
import { createApp } from "./app";
import { buildJobRegistry } from "./jobs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** How long in-flight requests get to finish on shutdown before their sockets are cut. */
const DRAIN_MS = 10_000;

export type StartOptions = {
  now?: Clock;
  logger?: Logger;
  /** Build dist/web when it is missing (default true). */
  buildWeb?: boolean;
  /** Stop on SIGINT/SIGTERM (default true). */
  handleSignals?: boolean;
  /** Where the one start-up line goes (default stdout). */
  print?: (line: string) => void;
};

export type RunningServer = {
  url: string;
  port: number;
  database: OpenedDatabase;
  /** Stops accepting, lets requests finish, closes the database and releases its lock. */
  close(): Promise<void>;
  /** Settles once the server has shut down (by close() or a signal). */
  closed: Promise<void>;
};

export function readVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
    version?: string;
  };
  return pkg.version ?? "0.0.0";
}

export async function startServer(
  config: Config,
  options: StartOptions = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const now = options.now ?? (() => new Date());
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));

  // Database first: a second process on the same PGlite dir must fail before anything else.
  const database = await openConfiguredDatabase(config);
  let server: Server | undefined;
  let runner: JobRunner | undefined;
  try {
    if (options.buildWeb ?? true) await buildWebIfMissing(logger);
    const deps: AppDeps = {
      db: database.db,
      dbKind: database.kind,
      config,
      now,
      logger,
      version: readVersion(),
    };

    // --- Job runner: started here, stopped in shutdown() before the database closes. ---
    runner = createJobRunner({
      db: database.db,
      now,
      registry: buildJobRegistry(config),
      logger,
      // PGlite runs one transaction at a time in this process: parallel jobs would only queue
      // behind each other and in front of requests. PostgreSQL runs them side by side.
      concurrency: database.kind === "pglite" ? 1 : 4,
    });
    deps.onJobsEnqueued = runner.wake;
    // Mail that waited for SMTP (or whose delivery job was lost) goes out now.
    if (config.smtpUrl) await requeuePendingMail(database.db, now());
    // PGlite has no autovacuum: statistics now, so the first requests get good plans.
    if (database.kind === "pglite") await requestAnalyze(database.db, now());
    runner.start();

    const app = createApp(deps);
    server = createAdaptorServer({ fetch: app.fetch }) as Server;
    await listen(server, config.port, config.host);
  } catch (error) {
    await runner?.stop({ timeoutMs: DRAIN_MS }).catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }

  const listening = server;
  const jobRunner = runner;
  const port = (listening.address() as AddressInfo).port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  print(`Rapport is running at ${url} (database: ${database.description})`);

  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  let shuttingDown: Promise<void> | undefined;
  const shutdown = () => {
    shuttingDown ??= (async () => {
      const stopped = new Promise<void>((resolve) => listening.close(() => resolve()));
      listening.closeIdleConnections();
      const force = setTimeout(() => listening.closeAllConnections(), DRAIN_MS);
      await stopped;
      clearTimeout(force);
      await jobRunner.stop({ timeoutMs: DRAIN_MS });
      await database.close();
      logger.info("Rapport stopped");
      resolveClosed();
    })();
    return shuttingDown;
  };

  if (options.handleSignals ?? true) {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (signalled) {
        // A second Ctrl-C means "now": the lock file is released by lock.ts on exit.
        process.exit(130);
      }
      signalled = true;
      logger.info({ signal }, "shutting down");
      shutdown().catch((error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exitCode = 1;
      });
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    closed.then(() => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    });
  }

  return { url, port, database, close: shutdown, closed };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE")
        reject(new Error(`Port ${port} on ${host} is already in use: set PORT to a free port.`));
      else if (error.code === "EACCES")
        reject(new Error(`Not allowed to listen on ${host}:${port}: set PORT above 1023.`));
      // A new Error (no errno code), so it is never mistaken for a database error upstream.
      else reject(new Error(`Cannot listen on ${host}:${port} (${error.message}): check HOST.`));
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

/**
 * `npm start` builds the UI when it is missing or older than its sources (Vite, using the
 * repo's vite.config.ts). A failed build is not fatal: the API still works and "/" explains.
 */
async function buildWebIfMissing(logger: Logger): Promise<void> {
  const builtIndex = path.join(webDistDir, "index.html");
  // Rebuild when a source changed since the last build (e.g. after `git pull`), not only when missing.
  if (fs.existsSync(builtIndex) && newestSourceMtime() <= fs.statSync(builtIndex).mtimeMs) return;
  const configFile = path.join(repoRoot, "vite.config.ts");
  if (!fs.existsSync(configFile) || !fs.existsSync(path.join(repoRoot, "web/index.html"))) {
    logger.warn("The web UI sources are missing: serving the API only.");
    return;
  }
  logger.info("Building the web UI…");
  try {
    const { build } = await import("vite");
    // Vite logs to stdout at "info"; keep stdout for the one start-up line.
    await build({ configFile, logLevel: "warn", mode: "production" });
  } catch (error) {
    logger.warn(
      { err: error },
      "Building the web UI failed: serving the API only. Run `npm run build` to see why.",
    );
  }
}

function newestSourceMtime(): number {
  const web = path.join(repoRoot, "web");
  if (!fs.existsSync(web)) return 0;
  let newest =
    fs.statSync(path.join(repoRoot, "vite.config.ts"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  for (const entry of fs.readdirSync(web, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
