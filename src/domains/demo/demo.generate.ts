/**
 * generateFirm: a new workspace with a believable firm in it. Plans the whole firm first
 * (small records, seeded), creates the workspace and its owner the way onboarding does
 * (audited), writes the colleagues, then builds and writes the accounts a chunk at a time
 * (so a million touches never sit in memory at once), and finally lets the app compute
 * what it derives (demo.derive.ts). Pass a transaction as `db` to make the whole firm one
 * atomic act (the onboarding button does); otherwise each chunk commits on its own.
 */
import { randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { workspaces } from "../../platform/auth/auth.schema";
import { createWorkspaceWithOwner } from "../../platform/auth/members.queries";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../../platform/auth/secrets";
import { findUserByEmail } from "../../platform/auth/users.queries";
import type { Db } from "../../platform/db/client";
import { accountHealth, tasks } from "../../platform/db/schema";
import { AppError } from "../../platform/http/errors";
import { ensureDefaultCadenceRules } from "../cadence";
import { deriveFirm, systemCtx } from "./demo.derive";
import { DEMO_MAX_ACCOUNTS, DEMO_MIN_ACCOUNTS, type FirmPlan, planFirm, sizeOf } from "./demo.firm";
import { buildTouches } from "./demo.history";
import { buildListening, type NewTask } from "./demo.listening";
import { buildPeople } from "./demo.people";
import { createRandom, slugOf } from "./demo.random";
import type { DemoProfile, GeneratedFirm, GenerateFirmOptions } from "./demo.types";
import { coreSegmentNames } from "./demo.words";
import {
  type ChunkRows,
  freeDemoEmail,
  freeFirmDomain,
  writeChunk,
  writeColleagues,
} from "./demo.write";

export const demoProfiles: readonly DemoProfile[] = ["demo", "tiny", "firm", "large"];
/** Touches per chunk: one transaction and a few megabytes of rows at a time. */
const CHUNK_TOUCHES = 10_000;
const SAMPLE_ACCOUNTS = 50;

function invalid(path: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", `${path}: ${message}`, { errors: [{ path, message }] });
}

function checkOptions(options: GenerateFirmOptions): void {
  if (!demoProfiles.includes(options.profile)) {
    throw invalid("profile", `Must be one of ${demoProfiles.join(", ")}`);
  }
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) {
    throw invalid("seed", "Must be a whole number");
  }
  const accounts = options.accounts;
  if (accounts !== undefined) {
    if (options.profile !== "demo") throw invalid("accounts", "Only the demo profile takes a size");
    if (
      !Number.isInteger(accounts) ||
      accounts < DEMO_MIN_ACCOUNTS ||
      accounts > DEMO_MAX_ACCOUNTS
    ) {
      throw invalid(
        "accounts",
        `Must be a whole number from ${DEMO_MIN_ACCOUNTS} to ${DEMO_MAX_ACCOUNTS}`,
      );
    }
  }
  if (options.ownerEmail !== undefined && !z.email().safeParse(options.ownerEmail).success) {
    throw invalid("ownerEmail", "Must be an email address");
  }
  if (options.ownerPassword !== undefined && options.ownerPassword.length < MIN_PASSWORD_LENGTH) {
    throw invalid("ownerPassword", `At least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (options.now && Number.isNaN(options.now.getTime())) throw invalid("now", "Must be a date");
}

/**
 * A password to show once: from the system's random source on purpose, not the seed (a
 * seeded password would be the same for everyone who ran the demo with that seed).
 */
export function newDemoPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** Name prefixes that exist, for search type-ahead: accounts' first words, contacts' surnames. */
function prefixesOf(accountNames: string[], surnames: string[]): string[] {
  const words = (list: string[], length: number) =>
    [...new Set(list.map((w) => w.toLowerCase()).filter((w) => /^[a-z]{5,}$/.test(w)))]
      .slice(0, 2)
      .map((w) => w.slice(0, length));
  return [
    ...new Set([
      ...words(
        accountNames.map((n) => n.split(" ")[0] ?? ""),
        4,
      ),
      ...words(surnames, 3),
    ]),
  ];
}

export async function generateFirm(db: Db, options: GenerateFirmOptions): Promise<GeneratedFirm> {
  checkOptions(options);
  const now = options.now ?? new Date();
  const rng = createRandom(options.seed ?? 1);
  const size = sizeOf(options);
  const plan: FirmPlan = planFirm(rng, { ...options, now }, size);
  const progress = (step: string, done: number, total: number) =>
    options.onProgress?.({ step, done, total });

  progress("workspace", 0, 1);
  const owner = plan.members[0];
  if (!owner) throw new Error("a firm plan always has an owner");
  const ownerEmail = options.ownerEmail ?? (await freeDemoEmail(db));
  const existingUser = (await findUserByEmail(db, ownerEmail)) !== undefined;
  const memberPassword = options.ownerPassword ?? newDemoPassword();
  const created = await createWorkspaceWithOwner(
    db,
    {
      workspaceName:
        options.workspaceName ??
        (options.profile === "demo" ? `${plan.firmName} (demo)` : plan.firmName),
      email: ownerEmail,
      name: `${owner.firstName} ${owner.lastName}`,
      password: memberPassword,
    },
    // The workspace is as old as its history: cadence counts "no touch yet" from then.
    plan.start,
  );
  const workspaceId = created.workspace.id;
  await db
    .update(workspaces)
    .set({ coreSegments: [...coreSegmentNames] })
    .where(eq(workspaces.id, workspaceId));
  const domain = await freeFirmDomain(db, slugOf(plan.firmName) || "demo-firm");
  // Colleagues share one password (hashed once): the demo lets you sign in as any of them.
  const colleagueIds = await writeColleagues(
    db,
    workspaceId,
    plan.members.slice(1),
    domain,
    await hashPassword(memberPassword),
  );
  const memberIds = [created.member.id, ...colleagueIds];
  await ensureDefaultCadenceRules(systemCtx(db, workspaceId, now));
  progress("workspace", 1, 1);

  const busy = plan.busyIndex;
  const peopleScope = {
    workspaceId,
    now,
    memberIds,
    usedEmails: new Set<string>(),
    birthdaysByLead: new Map<number, number>(),
  };
  const historyScope = {
    workspaceId,
    now,
    memberIds,
    plannedByLead: new Map([
      [0, { today: 2, week: 4 }],
      [busy, { today: 2, week: 4 }],
    ]),
  };
  const listeningScope = {
    workspaceId,
    now,
    memberIds,
    tasksByLead: new Map([
      [0, { late: 2, today: 2 }],
      [busy, { late: 2, today: 2 }],
    ]),
    taskTurn: 0,
  };
  const counts = { contacts: 0, interactions: 0, answers: 0 };
  const laterTasks: NewTask[] = [];
  const surnames: string[] = [];
  const total = plan.accounts.length;
  const perChunk = Math.max(1, Math.floor(CHUNK_TOUCHES / Math.max(1, size.interactions / total)));
  progress("accounts", 0, total);
  for (let start = 0; start < total; start += perChunk) {
    const chunk: ChunkRows = { people: [], touches: [], listening: [] };
    for (const account of plan.accounts.slice(start, start + perChunk)) {
      const people = buildPeople(rng, peopleScope, account);
      const touches = buildTouches(rng, historyScope, account, people.contacts, people.needs);
      const listening = buildListening(rng, listeningScope, account, people.contacts, touches);
      chunk.people.push(people.rows);
      chunk.touches.push(touches);
      chunk.listening.push(listening);
      laterTasks.push(...listening.laterTasks);
      counts.contacts += people.rows.contacts.length;
      counts.interactions += touches.interactions.length;
      counts.answers += listening.answers.length;
      if (surnames.length < 20) surnames.push(...people.rows.contacts.map((c) => c.lastName ?? ""));
    }
    await writeChunk(db, chunk);
    progress("accounts", Math.min(total, start + perChunk), total);
  }
  // Fresh statistics before the derive step's set-based queries plan themselves.
  await db.execute(
    sql`analyze accounts, interactions, tone_scores, survey_answers, tasks, contact_affiliations`,
  );
  await deriveFirm(db, workspaceId, now, laterTasks, progress);

  const drifting = plan.accounts.filter((a) => a.arc === "drifting").map((a) => a.id);
  const scores = drifting.length
    ? await db
        .select({ accountId: accountHealth.accountId, score: accountHealth.score })
        .from(accountHealth)
        .where(
          and(
            eq(accountHealth.workspaceId, workspaceId),
            inArray(accountHealth.accountId, drifting),
          ),
        )
    : [];
  const scoreOf = new Map(scores.map((s) => [s.accountId, s.score]));
  const [taskCount] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tasks)
    .where(eq(tasks.workspaceId, workspaceId));
  const step = Math.max(1, total / SAMPLE_ACCOUNTS);
  const busyPlan = plan.members[busy];
  progress("done", 1, 1);
  return {
    workspaceId,
    owner: {
      email: ownerEmail,
      password: existingUser ? (options.ownerPassword ?? "") : memberPassword,
      memberId: created.member.id,
      userId: created.user.id,
      existingUser,
    },
    busyMember: { memberId: memberIds[busy] as string, email: `${busyPlan?.localPart}@${domain}` },
    memberPassword,
    counts: {
      members: memberIds.length,
      accounts: total,
      ...counts,
      tasks: Number(taskCount?.n ?? 0),
    },
    sample: {
      accountIds: Array.from(
        { length: Math.min(total, SAMPLE_ACCOUNTS) },
        (_, k) => plan.accounts[Math.floor(k * step)]?.id as string,
      ),
      atRiskAccountIds: [...drifting].sort(
        (a, b) => (scoreOf.get(a) ?? 100) - (scoreOf.get(b) ?? 100),
      ),
      searchPrefixes: prefixesOf(
        plan.accounts.map((a) => a.name),
        surnames,
      ),
    },
  };
}
