/**
 * The `rapport` command line (`npm run rapport -- <command>`; `npm start` runs `serve`).
 * Exit codes: 0 done, 1 failed (one line on stderr saying why), 2 bad usage (usage text).
 * stdout carries only results, so scripts can read them (a new token is the last line).
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { type Config, ConfigError, loadConfig } from "../platform/config";
import { DataDirLockedError } from "../platform/db/lock";
import { AppError } from "../platform/http/errors";
export type OptionValues = Record<string, string | boolean | undefined>;

/** What a command gets instead of globals, so commands stay small and testable. */
export type CliIo = {
  config(): Config;
  now(): Date;
  out(line: string): void;
  err(line: string): void;
  /** A password from RAPPORT_PASSWORD, else a hidden prompt (twice when `confirm`). */
  readPassword(prompt: string, confirm: boolean): Promise<string>;
  /** RAPPORT_PASSWORD when set (commands that can make up a password themselves). */
  presetPassword(): string | undefined;
  /** Stops with exit code 2: the message, then the usage text. */
  usage(message: string): never;
};

export type CommandRun = (values: OptionValues, io: CliIo) => Promise<void>;

type Command = {
  /** "setup", or "token create" for commands with a subcommand. */
  name: string;
  synopsis: string;
  summary: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  required?: string[];
  /** Loaded only when the command runs, so usage and config errors answer at once. */
  load(): Promise<CommandRun>;
};

const text = { type: "string" } as const;

const commands: Command[] = [
  {
    name: "serve",
    synopsis: "serve [--skip-web-build]",
    summary: "Start the web app and API on HOST:PORT (migrations apply first).",
    // For CI and tests: start without building a missing web UI (the API works without it).
    options: { "skip-web-build": { type: "boolean" } },
    load: async () => (await import("./serve")).run,
  },
  {
    name: "migrate",
    synopsis: "migrate",
    summary: "Apply pending database migrations.",
    options: {},
    load: async () => (await import("./migrate")).run,
  },
  {
    name: "setup",
    synopsis: 'setup --workspace NAME --email EMAIL --name "Display Name"',
    summary: "Create a workspace and its owner (run again for another workspace).",
    options: { workspace: text, email: text, name: text },
    required: ["workspace", "email"],
    load: async () => (await import("./setup")).run,
  },
  {
    name: "demo",
    synopsis: "demo [--profile demo|tiny|firm|large] [--accounts N] [--seed S] [--email EMAIL]",
    summary:
      "Create a workspace with a generated firm and two years of history; prints its login (profile demo: 5-2000 accounts, default 40).",
    options: { profile: text, accounts: text, seed: text, email: text },
    load: async () => (await import("./demo")).run,
  },
  {
    name: "token create",
    synopsis: "token create --email EMAIL --label LABEL [--workspace NAME|ID]",
    summary: "Create an API token for a member; prints the token alone on the last line.",
    options: { email: text, label: text, workspace: text },
    required: ["email", "label"],
    load: async () => (await import("./token")).run,
  },
  {
    name: "member add",
    synopsis: 'member add --workspace NAME|ID --email EMAIL --role ROLE [--name "Display Name"]',
    summary:
      "Make a user (new or existing) an active member with ROLE (owner, admin, manager, member, viewer).",
    options: { workspace: text, email: text, role: text, name: text },
    required: ["workspace", "email", "role"],
    load: async () => (await import("./member")).run,
  },
  {
    name: "backup",
    synopsis: "backup --out FILE",
    summary: "Write a consistent backup of all data (gzip'd JSON lines) to FILE.",
    options: { out: text },
    required: ["out"],
    load: async () => (await import("./backup")).run,
  },
  {
    name: "restore",
    synopsis: "restore --in FILE",
    summary: "Load a backup into an empty database (all or nothing).",
    options: { in: text },
    required: ["in"],
    load: async () => (await import("./restore")).run,
  },
];

export function usageText(): string {
  const lines = ["Usage: npm run rapport -- <command> [options]", "", "Commands:"];
  for (const command of commands) lines.push(`  ${command.synopsis}`, `      ${command.summary}`);
  lines.push(
    "",
    "Options: -h, --help shows this text.",
    "Passwords for new users come from RAPPORT_PASSWORD or a hidden prompt.",
    "The database is PGlite in RAPPORT_DATA_DIR (default ./data), or PostgreSQL when",
    "DATABASE_URL is set.",
  );
  return lines.join("\n");
}

class UsageError extends Error {}

function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const [first, second] = argv;
  const two = commands.find((c) => c.name === `${first} ${second}`);
  if (two) return { command: two, rest: argv.slice(2) };
  const one = commands.find((c) => c.name === first);
  return one ? { command: one, rest: argv.slice(1) } : undefined;
}

export async function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  if (
    argv.length === 0 ||
    (argv.length === 1 && ["-h", "--help", "help"].includes(argv[0] ?? ""))
  ) {
    if (argv.length === 0) {
      err(usageText());
      return 2;
    }
    out(usageText());
    return 0;
  }
  try {
    const found = findCommand(argv);
    if (!found) {
      const [first = "", second = ""] = argv;
      const group = commands.filter((c) => c.name.startsWith(`${first} `)).map((c) => c.name);
      throw new UsageError(
        group.length > 0
          ? `Unknown command: ${`${first} ${second}`.trim()} (try ${group.join(", ")})`
          : `Unknown command: ${first}`,
      );
    }
    const { command, rest } = found;
    const values = parseOptions(command, rest);
    if (values.help) {
      out(usageText());
      return 0;
    }
    for (const name of command.required ?? []) {
      const value = values[name];
      if (typeof value !== "string" || value.trim() === "")
        throw new UsageError(`${command.name}: --${name} is required`);
    }
    // Every command needs the configuration: a bad value stops here, before anything loads.
    const config = loadConfig(env);
    const io: CliIo = {
      config: () => config,
      now: () => new Date(),
      out,
      err,
      readPassword: (prompt, confirm) => readPassword(env, prompt, confirm),
      presetPassword: () => env.RAPPORT_PASSWORD || undefined,
      usage: (message) => {
        throw new UsageError(`${command.name}: ${message}`);
      },
    };
    const run = await command.load();
    await run(values, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`Error: ${error.message}`);
      err("");
      err(usageText());
      return 2;
    }
    err(`Error: ${describeError(error)}`);
    return 1;
  }
}

function parseOptions(command: Command, args: string[]): OptionValues {
  try {
    const { values } = parseArgs({
      args,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    });
    return values as OptionValues;
  } catch (error) {
    // node:util's messages are clear ("Unknown option '--x'"); keep only the first line.
    throw new UsageError(`${command.name}: ${firstLine((error as Error).message)}`);
  }
}

const firstLine = (text: string) => text.split("\n")[0]?.trim() ?? text;

/** One line a person can act on; no stack traces for expected failures. */
function describeError(error: unknown): string {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) return error.message;
  if (error instanceof AppError) return firstLine(error.message);
  const e = error as NodeJS.ErrnoException & { message?: string };
  if (e?.code === "ECONNREFUSED" || e?.code === "ENOTFOUND")
    return `Cannot reach PostgreSQL at DATABASE_URL (${firstLine(String(e.message))}).`;
  if (e?.code === "28P01" || e?.code === "3D000")
    return `PostgreSQL refused the connection: ${firstLine(String(e.message))}.`;
  return firstLine(String(e?.message ?? error));
}

/** The password prompt: on stderr, echoing nothing, so it never lands in stdout or logs. */
async function readPassword(
  env: Record<string, string | undefined>,
  prompt: string,
  confirm: boolean,
): Promise<string> {
  const fromEnv = env.RAPPORT_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new Error("No password: set RAPPORT_PASSWORD or run the command in a terminal.");
  }
  const first = await promptHidden(prompt);
  if (confirm && (await promptHidden("Repeat the password: ")) !== first) {
    throw new Error("The two passwords differ.");
  }
  return first;
}

function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = "";
    const done = (error?: Error) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n") return done();
        if (char === "\u0003") return done(new Error("Cancelled."));
        if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
        else if (char >= " ") typed += char;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on("data", onData);
  });
}

function isEntryPoint(script: string): boolean {
  try {
    return fs.realpathSync(script) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// Run when executed (tsx src/cli/main.ts …), not when imported by tests.
if (process.argv[1] && isEntryPoint(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Error: ${describeError(error)}\n`);
      process.exitCode = 1;
    },
  );
}
