/**
 * A throwaway PostgreSQL cluster on a free loopback port, for `npm test` (the pg step) and
 * `npm run bench`: initdb into a temp dir, a few settings appended to postgresql.conf, then
 * pg_ctl start. The caller decides durability: the tests turn it off for speed, the
 * benchmark keeps it on so its figures are what a real deployment would see.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./processes";

export type Cluster = { url: string; port: number; dir: string; stop: () => void };

/** Runs a command to completion, its output appended to `quiet`; resolves with the exit code. */
export type RunCommand = (
  command: string,
  args: string[],
  options: { cwd: string; quiet: string },
) => Promise<number>;

export type ClusterOptions = {
  pgBinDir: string;
  /** postgresql.conf lines on durability and memory (see testClusterSettings). */
  settings: readonly string[];
  /** Names the cluster in its config comment and log lines ("test", "bench"). */
  label: string;
  /** How initdb and pg_ctl run (default: spawn without a shell, output to the file). */
  run?: RunCommand;
  /** Receives stop() before anything is created, so exit and signal handlers can call it. */
  onCleanup?: (stop: () => void) => void;
  log?: (line: string) => void;
};

/** What `npm test` runs with: nothing needs to survive a crash, so skip every flush. */
export const testClusterSettings: readonly string[] = [
  "fsync = off",
  "synchronous_commit = off",
  "full_page_writes = off",
];

function versionKey(name: string): number {
  const n = Number.parseFloat(name);
  return Number.isNaN(n) ? -1 : n;
}

/** The newest installed PostgreSQL server's bin dir (Debian layout, else pg_config). */
export function findPgBinDir(): string | undefined {
  const base = "/usr/lib/postgresql";
  if (fs.existsSync(base)) {
    const versions = fs
      .readdirSync(base)
      .filter((v) => fs.existsSync(path.join(base, v, "bin/initdb")))
      .sort((a, b) => versionKey(b) - versionKey(a));
    if (versions[0]) return path.join(base, versions[0], "bin");
  }
  const pgConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (pgConfig.status === 0) {
    const dir = pgConfig.stdout.trim();
    if (
      dir &&
      fs.existsSync(path.join(dir, "initdb")) &&
      fs.existsSync(path.join(dir, "pg_ctl")) &&
      fs.existsSync(path.join(dir, "postgres"))
    ) {
      return dir;
    }
  }
  return undefined;
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

export function userIds(user: string): { uid: number; gid: number } | undefined {
  const uid = spawnSync("id", ["-u", user], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", user], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

const runQuietly: RunCommand = (command, args, options) =>
  new Promise((resolve) => {
    const logFd = fs.openSync(options.quiet, "a");
    const child = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", logFd, logFd] });
    let settled = false;
    const finish = (code: number) => {
      if (settled) return;
      settled = true;
      fs.closeSync(logFd);
      resolve(code);
    };
    child.on("error", () => finish(127));
    child.on("close", (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });

/**
 * initdb refuses to run as root, so as root the cluster belongs to the postgres user (or
 * nobody) and initdb/pg_ctl run through runuser. Everything lives in one temp dir, which the
 * returned stop() removes after stopping the server.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { pgBinDir, label } = options;
  const run = options.run ?? runQuietly;
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-pg-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "postgres.log");
  let wrap = (cmd: string, args: string[]): [string, string[]] => [cmd, args];
  if (isRoot()) {
    const user = ["postgres", "nobody"].find((u) => userIds(u));
    const ids = user ? userIds(user) : undefined;
    if (!user || !ids)
      throw new Error("running as root but there is no postgres user to run initdb as");
    fs.chmodSync(dir, 0o700);
    fs.chownSync(dir, ids.uid, ids.gid);
    wrap = (cmd, args) => ["runuser", ["-u", user, "--", cmd, ...args]];
  }
  const pgCtl = path.join(pgBinDir, "pg_ctl");
  let started = false;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (started) {
      const [cmd, args] = wrap(pgCtl, ["-D", dataDir, "-m", "fast", "-w", "-t", "60", "stop"]);
      const result = spawnSync(cmd, args, { cwd: dir, stdio: "ignore" });
      if (result.status !== 0) {
        // Not stopped by pg_ctl: stop the postmaster we started, by its PID.
        const pidFile = path.join(dataDir, "postmaster.pid");
        const pid = fs.existsSync(pidFile)
          ? Number(fs.readFileSync(pidFile, "utf8").split("\n")[0])
          : Number.NaN;
        if (pid > 0) {
          try {
            process.kill(pid, "SIGQUIT");
          } catch {
            // already gone
          }
        }
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
    log(`Stopped the ${label} PostgreSQL cluster and removed ${dir}.`);
  };
  options.onCleanup?.(stop);

  const initLog = path.join(dir, "initdb.log");
  const [initCmd, initArgs] = wrap(path.join(pgBinDir, "initdb"), [
    "-D",
    dataDir,
    "-U",
    "postgres",
    "-A",
    "trust",
    "-E",
    "UTF8",
    "--locale=C",
    "-N",
  ]);
  if ((await run(initCmd, initArgs, { cwd: dir, quiet: initLog })) !== 0) {
    process.stderr.write(fs.readFileSync(initLog, "utf8"));
    throw new Error("initdb failed");
  }

  const baseConf = [
    "",
    `# rapport ${label} cluster: loopback only, socket in the temp dir`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dir}'`,
    ...options.settings,
    "max_connections = 200",
    "",
  ].join("\n");
  fs.appendFileSync(path.join(dataDir, "postgresql.conf"), baseConf);

  // The port is found free, then taken by postgres: retry if another process won the race.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    // The last setting in postgresql.conf wins, so a retry appends the new port.
    fs.appendFileSync(path.join(dataDir, "postgresql.conf"), `port = ${port}\n`);
    const [cmd, args] = wrap(pgCtl, ["-D", dataDir, "-l", logFile, "-w", "-t", "60", "start"]);
    if ((await run(cmd, args, { cwd: dir, quiet: path.join(dir, "pg_ctl.log") })) === 0) {
      started = true;
      log(`PostgreSQL (${pgBinDir}) listening on 127.0.0.1:${port}, data in ${dir}`);
      return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, stop };
    }
    // pg_ctl may have left a postmaster starting up; make sure nothing runs before retrying.
    started = true;
    const [stopCmd, stopArgs] = wrap(pgCtl, ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
    spawnSync(stopCmd, stopArgs, { cwd: dir, stdio: "ignore" });
    started = false;
    console.error(`PostgreSQL did not start on port ${port} (attempt ${attempt}).`);
    if (fs.existsSync(logFile)) process.stderr.write(fs.readFileSync(logFile, "utf8"));
  }
  throw new Error("PostgreSQL did not start");
}
