/**
 * Health at the two speeds that matter: a full recompute of the workspace (the nightly cron,
 * or after the weights change), run in the bench process against the database twice (first
 * after generation, then with nothing changed); and event-to-updated-score through the
 * running server: log a call, or answer a survey on its public page, then poll the account's
 * health every 20 ms until its computedAt moves. That is the delay a user sees between
 * telling Rapport something and the score reflecting it.
 */
import { recomputeHealth } from "../../src/domains/health";
import type { Database } from "../../src/platform/db/client";
import type { Ctx } from "../../src/platform/http/context";
import type { LoadedFirm } from "./load-firm";
import { getRetrying, sleep, summarizeFew } from "./stats";

export type RecomputeResult = {
  accounts: number;
  first: { seconds: number; snapshots: number };
  unchanged: { seconds: number; snapshots: number };
};

export async function measureRecompute(
  database: Database,
  loaded: LoadedFirm,
  log: (line: string) => void,
): Promise<RecomputeResult> {
  const ctx: Ctx = {
    db: database.db,
    now: () => new Date(),
    workspaceId: loaded.firm.workspaceId,
    actor: { memberId: null, role: "system", via: "bench" },
  };
  const once = async () => {
    const started = performance.now();
    const outcome = await database.db.transaction((tx) => recomputeHealth({ ...ctx, db: tx }));
    return { ...outcome, seconds: Math.round(performance.now() - started) / 1000 };
  };
  const first = await once();
  log(
    `health recompute, first: ${first.seconds} s (${first.accounts} accounts, ${first.snapshots} snapshots)`,
  );
  const unchanged = await once();
  log(`health recompute, unchanged: ${unchanged.seconds} s (${unchanged.snapshots} snapshots)`);
  return {
    accounts: first.accounts,
    first: { seconds: first.seconds, snapshots: first.snapshots },
    unchanged: { seconds: unchanged.seconds, snapshots: unchanged.snapshots },
  };
}

const POLL_MS = 20;
const GIVE_UP_MS = 60_000;

async function readComputedAt(url: string, token: string, accountId: string): Promise<string> {
  const res = await getRetrying(`${url}/api/v1/accounts/${accountId}/health`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200)
    throw new Error(`health of ${accountId}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { computedAt: string }).computedAt;
}

/** Runs the event, then polls until the account's computedAt is no longer `before`. */
async function timeUntilRescored(
  url: string,
  token: string,
  accountId: string,
  event: () => Promise<void>,
): Promise<number> {
  const before = await readComputedAt(url, token, accountId);
  const started = performance.now();
  await event();
  for (;;) {
    if ((await readComputedAt(url, token, accountId)) !== before)
      return performance.now() - started;
    if (performance.now() - started > GIVE_UP_MS) {
      throw new Error(`the health of ${accountId} did not change within ${GIVE_UP_MS / 1000} s`);
    }
    await sleep(POLL_MS);
  }
}

async function expectStatus(res: Response, status: number, what: string): Promise<unknown> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

export type EventToScore = ReturnType<typeof summarizeFew>;

export async function measureEventToScore(
  url: string,
  loaded: LoadedFirm,
  options: { samples: number; log: (line: string) => void },
): Promise<{ interaction: EventToScore; surveyAnswer: EventToScore }> {
  const { firm, tokens } = loaded;
  const owner = { authorization: `Bearer ${tokens.owner}`, "content-type": "application/json" };

  const afterCall: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    // From the end of the sample list: the load tests started from its beginning.
    const accountId = firm.sample.accountIds[firm.sample.accountIds.length - 1 - i] as string;
    afterCall.push(
      await timeUntilRescored(url, tokens.owner, accountId, async () => {
        const res = await fetch(`${url}/api/v1/interactions`, {
          method: "POST",
          headers: owner,
          body: JSON.stringify({
            accountId,
            kind: "call",
            occurredAt: new Date(Date.now() - 60_000).toISOString(),
            summary: "Called about the renewal; they want a proposal by Friday.",
          }),
        });
        await expectStatus(res, 201, "log a call");
      }),
    );
  }
  const interaction = summarizeFew(afterCall);
  options.log(
    `event to score, logged call: median ${interaction.medianMs} ms, max ${interaction.maxMs} ms`,
  );

  const afterAnswer: number[] = [];
  const contacts = loaded.surveyContacts;
  if (contacts.length === 0) throw new Error("no sample account has a current contact to survey");
  for (let i = 0; i < options.samples; i++) {
    const { contactId, accountId } = contacts[i % contacts.length] as (typeof contacts)[number];
    // `force`: a contact asked recently would be throttled, and the sample needs a link.
    const sent = (await expectStatus(
      await fetch(`${url}/api/v1/survey-requests`, {
        method: "POST",
        headers: owner,
        body: JSON.stringify({ kind: "nps", contactIds: [contactId], force: true }),
      }),
      201,
      "send a survey",
    )) as { data: { url: string }[]; skipped: unknown[] };
    const link = sent.data[0]?.url;
    if (!link) throw new Error(`the survey was not sent: ${JSON.stringify(sent.skipped)}`);
    const token = new URL(link).pathname.split("/").pop() ?? "";
    afterAnswer.push(
      await timeUntilRescored(url, tokens.owner, accountId, async () => {
        // The public page: no credentials, the link's token is the key.
        const res = await fetch(`${url}/r/${token}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ score: 3, comment: "Slow answers lately." }),
        });
        await expectStatus(res, 201, "answer the survey");
      }),
    );
  }
  const surveyAnswer = summarizeFew(afterAnswer);
  options.log(
    `event to score, survey answer: median ${surveyAnswer.medianMs} ms, max ${surveyAnswer.maxMs} ms`,
  );
  return { interaction, surveyAnswer };
}
