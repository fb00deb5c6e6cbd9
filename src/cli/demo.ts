/**
 * `demo`: a new workspace holding a generated firm (the demo domain's generateFirm) in the
 * configured database, migrations applied. Progress goes to stderr: one line rewritten in
 * place on a terminal, a line per finished step otherwise (logs, CI). The login goes to
 * stdout: where to open Rapport, the email, and the password (RAPPORT_PASSWORD, or one made
 * up here and printed once). The default email is demo@rapport.example, or demo+N@… when
 * that user exists. A repeated run makes another workspace; it never touches existing ones.
 */
import { z } from "zod";
import {
  DEMO_MAX_ACCOUNTS,
  DEMO_MIN_ACCOUNTS,
  type DemoProfile,
  demoProfiles,
  freeDemoEmail,
  generateFirm,
  newDemoPassword,
} from "../domains/demo";
import { MIN_PASSWORD_LENGTH } from "../platform/auth/secrets";
import type { CommandRun } from "./main";
import { openConfiguredDatabase } from "./open-database";

const WHOLE = /^\d+$/;
const SIGNED = /^-?\d+$/;

/** A progress reporter for stderr: in place on a terminal, a line per step elsewhere. */
function progressLine(err: (line: string) => void) {
  const tty = process.stderr.isTTY === true;
  const started = performance.now();
  let current = "";
  // The derive steps interleave (health, cadence, alarms, health…): time each from its first report.
  const firstSeen = new Map<string, number>();
  const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
  return {
    report({ step, done, total }: { step: string; done: number; total: number }) {
      if (!firstSeen.has(step)) firstSeen.set(step, performance.now());
      if (step !== current) {
        if (tty && current) process.stderr.write("\n");
        current = step;
      }
      if (step === "done") return;
      const line = `${step}: ${done.toLocaleString("en")}/${total.toLocaleString("en")}`;
      if (tty) process.stderr.write(`\r\x1b[2K${line}`);
      else if (done === total) err(`${line} (${seconds(firstSeen.get(step) ?? started)})`);
    },
    finish() {
      if (tty && current && current !== "done") process.stderr.write("\n");
      err(`Generated in ${seconds(started)}.`);
    },
  };
}

export const run: CommandRun = async (values, io) => {
  const profile = (typeof values.profile === "string" ? values.profile : "demo") as DemoProfile;
  if (!demoProfiles.includes(profile)) {
    io.usage(`--profile must be one of ${demoProfiles.join(", ")}`);
  }
  let accounts: number | undefined;
  if (typeof values.accounts === "string") {
    if (profile !== "demo")
      io.usage(`--accounts is for the demo profile (${profile} has a fixed size)`);
    accounts = WHOLE.test(values.accounts) ? Number(values.accounts) : Number.NaN;
    if (!(accounts >= DEMO_MIN_ACCOUNTS && accounts <= DEMO_MAX_ACCOUNTS)) {
      io.usage(
        `--accounts must be a whole number from ${DEMO_MIN_ACCOUNTS} to ${DEMO_MAX_ACCOUNTS}`,
      );
    }
  }
  let seed: number | undefined;
  if (typeof values.seed === "string") {
    seed = SIGNED.test(values.seed) ? Number(values.seed) : Number.NaN;
    if (!Number.isSafeInteger(seed)) io.usage(`--seed "${values.seed}" is not a whole number`);
  }
  const given = typeof values.email === "string" ? values.email.trim() : undefined;
  if (given !== undefined && !z.email().safeParse(given).success) {
    io.usage(`--email "${given}" is not an email address`);
  }
  const preset = io.presetPassword();
  if (preset !== undefined && preset.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`The password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const password = preset ?? newDemoPassword();

  const config = io.config();
  const database = await openConfiguredDatabase(config);
  try {
    const email = given ?? (await freeDemoEmail(database.db));
    const progress = progressLine(io.err);
    const firm = await generateFirm(database.db, {
      profile,
      accounts,
      seed,
      now: io.now(),
      ownerEmail: email,
      ownerPassword: password,
      onProgress: progress.report,
    });
    progress.finish();
    const c = firm.counts;
    io.out(
      `Created a ${profile} workspace (${firm.workspaceId}): ${c.accounts} accounts, ${c.contacts} contacts, ${c.interactions} interactions, ${c.answers} survey answers, ${c.members} members.`,
    );
    io.out(`URL:      ${config.publicUrl}`);
    io.out(`Email:    ${firm.owner.email}`);
    io.out(
      `Password: ${
        firm.owner.existingUser
          ? "(unchanged: an existing user, who now owns this workspace too)"
          : preset
            ? "(the one in RAPPORT_PASSWORD)"
            : password
      }`,
    );
  } finally {
    await database.close();
  }
};
