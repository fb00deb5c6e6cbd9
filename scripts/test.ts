/**
 * `npm test`: the whole suite, in steps, each announced on one line.
 *
 *   lint  biome check . ; tsc --noEmit -p .
 *   tools PostgreSQL server binaries and /usr/bin/chromium (apt-get installs them when root)
 *   unit  vitest (unit + API) on PGlite
 *   pg    the same vitest suite against a throwaway PostgreSQL cluster on a free loopback port
 *   e2e   vite build, then the Playwright journeys (vitest.e2e.config.ts)
 *
 * Flags: --only lint|unit|pg|e2e (comma-separated for several), --bail (stop at the first
 * failing step). Ends with a summary and the line `N passed, N failed`: tests counted from
 * vitest's JSON reports, plus one failure for each failed step that has no test count of its
 * own (lint, typecheck, a tool or cluster that could not be had, a vitest run that crashed).
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Cluster,
  findPgBinDir,
  isRoot,
  startCluster,
  testClusterSettings,
} from "../src/platform/testing/pg-cluster";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const resultsDir = path.join(root, ".tmp/test");
const CHROMIUM = "/usr/bin/chromium";
const PARTS = ["lint", "unit", "pg", "e2e"] as const;
type Part = (typeof PARTS)[number];

type StepResult = {
  part: Part | "tools";
  label: string;
  ok: boolean;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  counted: boolean;
};

// ---------------------------------------------------------------------------------------------
// Arguments

function usage(message?: string): never {
  if (message) console.error(message);
  console.error(`Usage: npm test -- [--only ${PARTS.join("|")}[,...]] [--bail]`);
  process.exit(2);
}

function parseArgs(argv: string[]): { parts: Set<Part>; bail: boolean } {
  const parts = new Set<Part>();
  let bail = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--bail") {
      bail = true;
    } else if (arg === "--only" || arg.startsWith("--only=")) {
      const value = arg === "--only" ? argv[++i] : arg.slice("--only=".length);
      if (!value) usage("--only needs a value.");
      for (const name of value.split(",")) {
        if (!(PARTS as readonly string[]).includes(name)) usage(`Unknown part "${name}".`);
        parts.add(name as Part);
      }
    } else if (arg === "--help" || arg === "-h") {
      usage();
    } else {
      usage(`Unknown argument "${arg}".`);
    }
  }
  return { parts: parts.size > 0 ? parts : new Set(PARTS), bail };
}

// ---------------------------------------------------------------------------------------------
// Processes and clean-up (also on failure and on SIGINT/SIGTERM)

const running = new Set<ChildProcess>();
const cleanups: Array<() => void> = [];

function cleanupAll(): void {
  for (let fn = cleanups.pop(); fn; fn = cleanups.pop()) {
    try {
      fn();
    } catch (error) {
      console.error(`clean-up failed: ${(error as Error).message}`);
    }
  }
}

process.on("exit", cleanupAll);
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
  ["SIGHUP", 129],
] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the test run and cleaning up.`);
    for (const child of running) {
      if (child.pid !== undefined && child.exitCode === null) child.kill(signal);
    }
    cleanupAll();
    process.exit(code);
  });
}

function bin(name: string): string {
  return path.join(root, "node_modules/.bin", name);
}

/** Runs a command (no shell), output inherited; resolves with its exit code. */
function run(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; quiet?: string } = {},
): Promise<number> {
  return new Promise((resolve) => {
    let logFd: number | undefined;
    if (options.quiet) logFd = fs.openSync(options.quiet, "a");
    const child = spawn(command, args, {
      cwd: options.cwd ?? root,
      env: { ...process.env, ...options.env },
      stdio: logFd === undefined ? "inherit" : ["ignore", logFd, logFd],
    });
    running.add(child);
    let settled = false;
    const finish = (code: number) => {
      if (settled) return;
      settled = true;
      running.delete(child);
      if (logFd !== undefined) fs.closeSync(logFd);
      resolve(code);
    };
    child.on("error", (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      finish(127);
    });
    child.on("close", (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}

function announce(text: string): void {
  console.log(`\n==> ${text}`);
}

// ---------------------------------------------------------------------------------------------
// Steps

async function command(part: Part, label: string, cmd: string, args: string[]) {
  announce(`${part}: ${label}`);
  const started = Date.now();
  const code = await run(cmd, args);
  const ok = code === 0;
  return {
    part,
    label,
    ok,
    passed: 0,
    failed: ok ? 0 : 1,
    skipped: 0,
    seconds: (Date.now() - started) / 1000,
    counted: false,
  } satisfies StepResult;
}

type VitestJson = {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  success?: boolean;
  testResults?: Array<{ status?: string; assertionResults?: Array<{ status?: string }> }>;
};

async function vitest(
  part: Part,
  label: string,
  args: string[],
  env: Record<string, string>,
  bail: boolean,
): Promise<StepResult> {
  announce(`${part}: ${label}`);
  const started = Date.now();
  fs.mkdirSync(resultsDir, { recursive: true });
  const outputFile = path.join(resultsDir, `results-${part}.json`);
  fs.rmSync(outputFile, { force: true });
  const code = await run(
    bin("vitest"),
    [
      "run",
      ...args,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${outputFile}`,
      ...(bail ? ["--bail=1"] : []),
    ],
    { env },
  );
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let counted = false;
  if (fs.existsSync(outputFile)) {
    const report = JSON.parse(fs.readFileSync(outputFile, "utf8")) as VitestJson;
    passed = report.numPassedTests ?? 0;
    failed = report.numFailedTests ?? 0;
    skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    counted = true;
    // A file that failed to load (or whose hooks failed) has no failed test of its own.
    for (const file of report.testResults ?? []) {
      const anyFailed = (file.assertionResults ?? []).some((t) => t.status === "failed");
      if (file.status === "failed" && !anyFailed) failed += 1;
    }
  } else {
    console.error(`vitest wrote no report (${path.relative(root, outputFile)}).`);
  }
  // Unhandled errors, or a crash: the exit code says failure even when every test passed.
  if (code !== 0 && failed === 0) failed = 1;
  return {
    part,
    label,
    ok: code === 0 && failed === 0,
    passed,
    failed,
    skipped,
    seconds: (Date.now() - started) / 1000,
    counted,
  };
}

// ---------------------------------------------------------------------------------------------
// Tools: PostgreSQL server binaries and Chromium

function hasChromium(): boolean {
  try {
    fs.accessSync(CHROMIUM, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

type Tools = { pgBinDir?: string; chromium: boolean };

async function ensureTools(needPg: boolean, needChromium: boolean): Promise<Tools | undefined> {
  const wanted = [needPg && "PostgreSQL server", needChromium && "Chromium"].filter(Boolean);
  announce(`tools: ${wanted.join(" and ")}`);
  let tools: Tools = { pgBinDir: findPgBinDir(), chromium: hasChromium() };
  const missing = (t: Tools) => [
    ...(needPg && !t.pgBinDir ? ["postgresql"] : []),
    ...(needChromium && !t.chromium ? ["chromium"] : []),
  ];
  let packages = missing(tools);
  if (packages.length > 0) {
    if (!isRoot()) {
      console.error(
        [
          `Missing: ${packages
            .map((p) =>
              p === "postgresql"
                ? "PostgreSQL server binaries (initdb, pg_ctl, postgres; looked in /usr/lib/postgresql/*/bin and pg_config --bindir)"
                : `Chromium at ${CHROMIUM}`,
            )
            .join("; ")}.`,
          "Install them and run npm test again. On Debian or Ubuntu, as root:",
          `  apt-get update && apt-get install -y ${packages.join(" ")}`,
        ].join("\n"),
      );
      return undefined;
    }
    const env = { DEBIAN_FRONTEND: "noninteractive" };
    console.log(`Installing ${packages.join(" and ")} with apt-get (running as root).`);
    if ((await run("apt-get", ["update"], { env })) !== 0) {
      console.error("apt-get update failed.");
      return undefined;
    }
    if ((await run("apt-get", ["install", "-y", ...packages], { env })) !== 0) {
      console.error(`apt-get install -y ${packages.join(" ")} failed.`);
      return undefined;
    }
    tools = { pgBinDir: findPgBinDir(), chromium: hasChromium() };
    packages = missing(tools);
    if (packages.length > 0) {
      console.error(`Still missing after apt-get install: ${packages.join(", ")}.`);
      return undefined;
    }
  }
  if (needPg) console.log(`PostgreSQL binaries: ${tools.pgBinDir}`);
  if (needChromium) console.log(`Chromium: ${CHROMIUM}`);
  return tools;
}

// ---------------------------------------------------------------------------------------------
// Main

function failedStep(part: StepResult["part"], label: string, started: number): StepResult {
  return {
    part,
    label,
    ok: false,
    passed: 0,
    failed: 1,
    skipped: 0,
    seconds: (Date.now() - started) / 1000,
    counted: false,
  };
}

async function main(): Promise<number> {
  const { parts, bail } = parseArgs(process.argv.slice(2));
  const results: StepResult[] = [];
  const stopHere = () => bail && results.some((r) => !r.ok);
  console.log(`Rapport tests: ${[...parts].join(", ")}${bail ? " (bail)" : ""}`);

  if (parts.has("lint")) {
    results.push(await command("lint", "biome check .", bin("biome"), ["check", "."]));
    if (!stopHere()) {
      results.push(await command("lint", "tsc --noEmit -p .", bin("tsc"), ["--noEmit", "-p", "."]));
    }
  }

  let tools: Tools | undefined = { chromium: false };
  if (!stopHere() && (parts.has("pg") || parts.has("e2e"))) {
    const started = Date.now();
    tools = await ensureTools(parts.has("pg"), parts.has("e2e"));
    if (!tools) {
      // Nothing further can run without the tools; say so and stop.
      results.push(failedStep("tools", "PostgreSQL / Chromium", started));
      return summarize(results);
    }
  }

  if (!stopHere() && parts.has("unit")) {
    results.push(await vitest("unit", "vitest run (unit + API on PGlite)", [], {}, bail));
  }

  if (!stopHere() && parts.has("pg") && tools?.pgBinDir) {
    announce("pg: start a throwaway PostgreSQL cluster");
    const started = Date.now();
    let cluster: Cluster | undefined;
    try {
      cluster = await startCluster({
        pgBinDir: tools.pgBinDir,
        settings: testClusterSettings,
        label: "test",
        run,
        onCleanup: (stop) => cleanups.push(stop),
      });
    } catch (error) {
      console.error(`Could not start PostgreSQL: ${(error as Error).message}`);
      results.push(failedStep("pg", "PostgreSQL cluster", started));
    }
    if (cluster) {
      try {
        results.push(
          await vitest(
            "pg",
            "vitest run (unit + API on PostgreSQL)",
            // The CLI suites drive real processes on embedded PGlite data dirs whatever the
            // database, and the bench smoke test starts its own: the unit step ran them already.
            ["--exclude", "src/cli/**", "--exclude", "bench/**"],
            { RAPPORT_TEST_DATABASE_URL: cluster.url },
            bail,
          ),
        );
      } finally {
        cluster.stop();
      }
    }
  }

  if (!stopHere() && parts.has("e2e")) {
    const build = await command("e2e", "vite build (web UI)", bin("vite"), ["build"]);
    results.push(build);
    if (build.ok) {
      results.push(
        await vitest(
          "e2e",
          "vitest run --config vitest.e2e.config.ts (Playwright journeys)",
          ["--config", "vitest.e2e.config.ts"],
          {},
          bail,
        ),
      );
    }
  }

  return summarize(results);
}

function summarize(results: StepResult[]): number {
  let passed = 0;
  let failed = 0;
  console.log("\nSummary");
  for (const r of results) {
    passed += r.passed;
    failed += r.failed;
    const outcome = r.counted
      ? `${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`
      : r.ok
        ? "ok"
        : "FAILED";
    const mark = r.ok ? "ok  " : "FAIL";
    console.log(
      `  ${mark} ${r.part.padEnd(5)} ${r.label.padEnd(66)} ${outcome} (${r.seconds.toFixed(1)}s)`,
    );
  }
  const allOk = results.length > 0 && results.every((r) => r.ok);
  console.log(`${passed} passed, ${failed} failed`);
  return allOk && failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    cleanupAll();
    process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    cleanupAll();
    console.log("0 passed, 1 failed");
    process.exit(1);
  },
);
