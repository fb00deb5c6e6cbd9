/**
 * Fills the database with a profile's firm, the way the benchmark needs it: migrations, the
 * generator (with a progress line), ANALYZE so the planner knows the sizes, API tokens for
 * the busy member (the reads) and the owner (the writes: surveys with `force`, imports),
 * and a contact at each sample account for the survey samples.
 */
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { type GeneratedFirm, generateFirm } from "../../src/domains/demo";
import { createApiToken } from "../../src/platform/auth/tokens.queries";
import { loadConfig } from "../../src/platform/config";
import type { Database } from "../../src/platform/db/client";
import { migrateDatabase } from "../../src/platform/db/migrate";
import type { Ctx } from "../../src/platform/http/context";
import { createJobRunner } from "../../src/platform/jobs";
import { buildJobRegistry } from "../../src/server/jobs";
import type { BenchProfile } from "./options";

export type LoadedFirm = {
  firm: GeneratedFirm;
  generationSeconds: number;
  analyzeSeconds: number;
  /** Bearer tokens: the busy member reads, the owner writes. */
  tokens: { busyMember: string; owner: string };
  /** A contact currently at each of the first sample accounts (survey samples). */
  surveyContacts: { contactId: string; accountId: string }[];
  /** Row counts as the database has them after generation. */
  tableRows: Record<string, number>;
};

type Rows<T> = { rows: T[] };

export async function loadFirm(
  database: Database,
  profile: BenchProfile,
  log: (line: string) => void,
): Promise<LoadedFirm> {
  log("migrating");
  await migrateDatabase(database);
  const started = performance.now();
  let lastLine = 0;
  const firm = await generateFirm(database.db, {
    profile,
    seed: 1,
    // Today as the server will see it: the agenda and cadence are judged against it.
    now: new Date(),
    onProgress: ({ step, done, total }) => {
      // One line every 2 s at most: enough to see it move, not enough to flood a log.
      if (performance.now() - lastLine < 2_000 && done < total) return;
      lastLine = performance.now();
      log(
        `generating ${profile}: ${step} ${done.toLocaleString("en")}/${total.toLocaleString("en")}`,
      );
    },
  });
  const generationSeconds = (performance.now() - started) / 1000;
  log(`generated ${profile} in ${generationSeconds.toFixed(1)} s: ${JSON.stringify(firm.counts)}`);

  // The generator's writes leave refresh requests queued (alarms raised ask for scores):
  // run them now with the server's own jobs, so the measurements see a settled firm and
  // not a backlog competing with them (on PGlite, in the same thread).
  const drainStarted = performance.now();
  await createJobRunner({
    db: database.db,
    now: () => new Date(),
    registry: buildJobRegistry(loadConfig({ LOG_LEVEL: "silent" })),
    logger: pino({ level: "silent" }),
    concurrency: 1,
  }).runDueJobs();
  log(`ran the queued jobs in ${((performance.now() - drainStarted) / 1000).toFixed(1)} s`);

  const analyzeStarted = performance.now();
  await database.db.execute(sql`analyze`);
  const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;

  const ctxOf = (memberId: string, role: "owner" | "member"): Ctx => ({
    db: database.db,
    now: () => new Date(),
    workspaceId: firm.workspaceId,
    actor: { memberId, role, via: "bench" },
  });
  const busyMember = await createApiToken(ctxOf(firm.busyMember.memberId, "member"), {
    label: "bench: busy member",
    memberId: firm.busyMember.memberId,
  });
  const owner = await createApiToken(ctxOf(firm.owner.memberId, "owner"), {
    label: "bench: owner",
    memberId: firm.owner.memberId,
  });

  const today = new Date().toISOString().slice(0, 10);
  const ids = firm.sample.accountIds;
  const contacts = (await database.db.execute(sql`
    select distinct on (ca.account_id) ca.contact_id as "contactId", ca.account_id as "accountId"
    from contact_affiliations ca
    join contacts c on c.workspace_id = ca.workspace_id and c.id = ca.contact_id
    where ca.workspace_id = ${firm.workspaceId}
      and ca.account_id = any(string_to_array(${ids.join(",")}, ',')::uuid[])
      and (ca.ended_on is null or ca.ended_on > ${today}::date)
      and c.archived_at is null and c.merged_into_id is null
    order by ca.account_id, ca.contact_id`)) as unknown as Rows<{
    contactId: string;
    accountId: string;
  }>;

  const counts = (await database.db.execute(sql`
    select (select count(*) from accounts)::int as accounts,
      (select count(*) from contacts)::int as contacts,
      (select count(*) from interactions)::int as interactions,
      (select count(*) from survey_answers)::int as answers,
      (select count(*) from tasks)::int as tasks,
      (select count(*) from members)::int as members`)) as unknown as Rows<Record<string, number>>;
  return {
    firm,
    generationSeconds,
    analyzeSeconds,
    tokens: { busyMember: busyMember.token, owner: owner.token },
    surveyContacts: contacts.rows,
    tableRows: Object.fromEntries(
      Object.entries(counts.rows[0] ?? {}).map(([table, n]) => [table, Number(n)]),
    ),
  };
}
