/**
 * Latency arithmetic shared by every measurement: exact percentiles over recorded samples
 * (no histogram buckets, so p95 is the 95th of the values we saw), and the two loops the
 * raw-SQL baselines run in (one after another, and N clients at once).
 */

export type LatencySummary = {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
};

/** Nearest-rank percentile of sorted values: the smallest value with p% at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

export function summarize(samplesMs: readonly number[]): LatencySummary {
  if (samplesMs.length === 0) throw new Error("no samples to summarize");
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const sum = sorted.reduce((total, ms) => total + ms, 0);
  return {
    count: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    meanMs: round(sum / sorted.length),
    minMs: round(sorted[0] as number),
    maxMs: round(sorted[sorted.length - 1] as number),
  };
}

/** The median, 95th percentile and worst of a handful of samples (event-to-score). */
export function summarizeFew(samplesMs: readonly number[]) {
  const s = summarize(samplesMs);
  return { samplesMs: samplesMs.map(round), medianMs: s.p50Ms, p95Ms: s.p95Ms, maxMs: s.maxMs };
}

export async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** `runs` calls one after another: the latency a single user sees on an idle server. */
export async function measureSequential(
  fn: () => Promise<unknown>,
  runs: number,
): Promise<LatencySummary> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timeOnce(fn));
  return summarize(samples);
}

/**
 * `clients` loops at once until `runs` calls have completed in total: the same load shape
 * as 32 HTTP connections, applied straight to the database.
 */
export async function measureConcurrent(
  fn: (i: number) => Promise<unknown>,
  clients: number,
  runs: number,
): Promise<LatencySummary & { perSecond: number }> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < runs) {
      const i = next++;
      samples.push(await timeOnce(() => fn(i)));
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { ...summarize(samples), perSecond: Math.round(samples.length / seconds) };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A GET that tries again (up to 3 times) when the connection fails. While PGlite works, the
 * server's event loop can be blocked for seconds; when it wakes, the keep-alive timer may
 * close the idle socket a poll was just sent on. A browser retries such an idempotent
 * request; so do the harness's polls (load tests never retry: there an error is a result).
 */
export async function getRetrying(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt >= 3) throw error;
      await sleep(50);
    }
  }
}
