/**
 * The paths a user's day is made of, measured against the real server at each connection
 * count: the portfolio, the three requests of an account page (alone, and together as the
 * browser sends them), search type-ahead, the agenda, and logging a call. Reads go as the
 * busy member (their agenda is the one worth measuring); writes as the owner, who may log
 * on any sample account. Each path is checked with one request first, warmed up, then
 * measured; a single non-2xx answer fails the run.
 */
import type { LoadedFirm } from "./load-firm";
import { type HttpMeasurement, type LoadRequest, loadPages, loadTest } from "./load-test";
import type { ReadPath } from "./measure-sql";

export const httpPathIds = [
  "portfolio",
  "account",
  "accountHealth",
  "accountTimeline",
  "accountPage",
  "search",
  "agenda",
  "interactionCreate",
] as const;
export type HttpPathId = (typeof httpPathIds)[number];

export type HttpPathResult = {
  path: HttpPathId;
  /** The request(s), as a reader would write them. */
  route: string;
  /** The raw-SQL baseline this path is compared with (null: none, a write). */
  baseline: ReadPath | null;
  measurements: HttpMeasurement[];
};

export class HttpFailure extends Error {}

type Options = {
  connections: number[];
  durationSeconds: number;
  warmupSeconds: number;
  log: (line: string) => void;
};

/** Round robin over a list, shared by every connection of a measurement. */
function cycle<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error("nothing to cycle through");
  let i = 0;
  return () => items[i++ % items.length] as T;
}

async function checkOnce(
  url: string,
  path: string,
  init: { method?: string; headers: Record<string, string>; body?: string },
): Promise<void> {
  const res = await fetch(`${url}${path}`, init);
  const body = await res.text();
  const expected = init.method === "POST" ? 201 : 200;
  if (res.status !== expected || body.length === 0) {
    throw new HttpFailure(
      `${init.method ?? "GET"} ${path} answered ${res.status} (expected ${expected} with a body): ${body.slice(0, 500)}`,
    );
  }
}

function assertAll2xx(path: HttpPathId, m: HttpMeasurement): void {
  if (m.non2xx > 0 || m.errors > 0 || m.timeouts > 0 || m.requests === 0) {
    throw new HttpFailure(
      `${path} at ${m.connections} connection(s): ${m.non2xx} non-2xx (${JSON.stringify(m.statusCodes)}), ${m.errors} errors, ${m.timeouts} timeouts, ${m.requests} answered`,
    );
  }
}

function describe(path: HttpPathId, m: HttpMeasurement): string {
  return `${path}, ${m.connections} connection(s): p50 ${m.latency.p50Ms} ms, p95 ${m.latency.p95Ms} ms, p99 ${m.latency.p99Ms} ms, ${m.requestsPerSecond} req/s`;
}

export async function measureHttpPaths(
  url: string,
  loaded: LoadedFirm,
  options: Options,
): Promise<HttpPathResult[]> {
  const { firm, tokens } = loaded;
  const reader = { authorization: `Bearer ${tokens.busyMember}` };
  const nextAccount = cycle(firm.sample.accountIds);
  const nextPrefix = cycle(firm.sample.searchPrefixes);

  const single: {
    path: HttpPathId;
    route: string;
    baseline: ReadPath | null;
    request: LoadRequest;
  }[] = [
    {
      path: "portfolio",
      route: "GET /api/v1/health/portfolio?limit=50",
      baseline: "portfolio",
      request: { headers: reader, next: () => ({ path: "/api/v1/health/portfolio?limit=50" }) },
    },
    {
      path: "account",
      route: "GET /api/v1/accounts/{id}",
      baseline: "accountPage",
      request: { headers: reader, next: () => ({ path: `/api/v1/accounts/${nextAccount()}` }) },
    },
    {
      path: "accountHealth",
      route: "GET /api/v1/accounts/{id}/health",
      baseline: "accountPage",
      request: {
        headers: reader,
        next: () => ({ path: `/api/v1/accounts/${nextAccount()}/health` }),
      },
    },
    {
      path: "accountTimeline",
      route: "GET /api/v1/accounts/{id}/timeline",
      baseline: "accountPage",
      request: {
        headers: reader,
        next: () => ({ path: `/api/v1/accounts/${nextAccount()}/timeline` }),
      },
    },
    {
      path: "search",
      route: "GET /api/v1/search?q={prefix}",
      baseline: "search",
      request: {
        headers: reader,
        next: () => ({ path: `/api/v1/search?q=${encodeURIComponent(nextPrefix())}` }),
      },
    },
    {
      path: "agenda",
      route: "GET /api/v1/agenda",
      baseline: "agenda",
      request: { headers: reader, next: () => ({ path: "/api/v1/agenda" }) },
    },
  ];

  const results: HttpPathResult[] = [];
  const measureSingle = async (entry: (typeof single)[number]) => {
    const first = entry.request.next();
    await checkOnce(url, first.path, {
      method: entry.request.method,
      headers: entry.request.headers ?? {},
      body: first.body,
    });
    const measurements: HttpMeasurement[] = [];
    for (const connections of options.connections) {
      const m = await loadTest(url, entry.request, { ...options, connections });
      assertAll2xx(entry.path, m);
      options.log(describe(entry.path, m));
      measurements.push(m);
    }
    results.push({ path: entry.path, route: entry.route, baseline: entry.baseline, measurements });
  };

  // Portfolio and the account page's three requests, then the page itself, then search and
  // the agenda: the rows come out in the order httpPathIds lists them.
  for (const entry of single.slice(0, 4)) await measureSingle(entry);

  // The account page as the browser loads it: its three requests at once.
  const page = () => {
    const id = nextAccount();
    return ["", "/health", "/timeline"].map((suffix) => ({
      path: `/api/v1/accounts/${id}${suffix}`,
      headers: reader,
    }));
  };
  const pageMeasurements: HttpMeasurement[] = [];
  for (const connections of options.connections) {
    const m = await loadPages(url, page, { ...options, connections });
    assertAll2xx("accountPage", m);
    options.log(describe("accountPage", m));
    pageMeasurements.push(m);
  }
  results.push({
    path: "accountPage",
    route: "GET /accounts/{id} + /health + /timeline in parallel",
    baseline: "accountPage",
    measurements: pageMeasurements,
  });

  for (const entry of single.slice(4)) await measureSingle(entry);
  return results;
}

/**
 * Logging a call, measured last among the paths: every create enqueues cadence, health and
 * tone jobs, and the backlog it leaves would slow whatever came after it.
 */
export async function measureInteractionCreate(
  url: string,
  loaded: LoadedFirm,
  options: Options,
): Promise<HttpPathResult> {
  const writer = {
    authorization: `Bearer ${loaded.tokens.owner}`,
    "content-type": "application/json",
  };
  const nextAccount = cycle(loaded.firm.sample.accountIds);
  const request: LoadRequest = {
    method: "POST",
    headers: writer,
    next: () => ({
      path: "/api/v1/interactions",
      body: JSON.stringify({
        accountId: nextAccount(),
        kind: "call",
        direction: "outbound",
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        durationMinutes: 20,
        summary: "Went through the renewal and the open questions on the second phase.",
      }),
    }),
  };
  const first = request.next();
  await checkOnce(url, first.path, { method: "POST", headers: writer, body: first.body });
  const measurements: HttpMeasurement[] = [];
  for (const connections of options.connections) {
    const m = await loadTest(url, request, { ...options, connections });
    assertAll2xx("interactionCreate", m);
    options.log(describe("interactionCreate", m));
    measurements.push(m);
  }
  return {
    path: "interactionCreate",
    route: "POST /api/v1/interactions (a logged call)",
    baseline: null,
    measurements,
  };
}
