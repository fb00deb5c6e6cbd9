/**
 * HTTP load: autocannon for single requests, and a small loop of our own for the account
 * page, whose latency is the time until the last of its three parallel requests answers
 * (what a browser waits for), which autocannon cannot express. Latencies are recorded per
 * response, so p95 is exact; any non-2xx answer, connection error or timeout is counted
 * and fails the run later.
 */
import http from "node:http";
import autocannon from "autocannon";
import { type LatencySummary, summarize } from "./stats";

export type HttpMeasurement = {
  connections: number;
  durationSeconds: number;
  latency: LatencySummary;
  requestsPerSecond: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Status code → count, when anything but 2xx came back. */
  statusCodes: Record<string, number>;
};

export type LoadRequest = {
  method?: "GET" | "POST";
  /** Called for every request: the path (and body) to send next. */
  next: () => { path: string; body?: string };
  headers?: Record<string, string>;
};

function runOnce(
  url: string,
  request: LoadRequest,
  connections: number,
  durationSeconds: number,
): Promise<HttpMeasurement> {
  const samples: number[] = [];
  const statusCodes: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: durationSeconds,
        // One request in flight per connection: latency is what a client waits, not a queue.
        pipelining: 1,
        timeout: 30,
        requests: [
          {
            method: request.method ?? "GET",
            headers: request.headers,
            setupRequest: (req) => {
              const { path, body } = request.next();
              return { ...req, path, ...(body === undefined ? {} : { body }) };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const non2xx = Object.entries(statusCodes)
          .filter(([code]) => !code.startsWith("2"))
          .reduce((n, [, count]) => n + count, 0);
        resolve({
          connections,
          durationSeconds: result.duration,
          latency: samples.length ? summarize(samples) : summarize([Number.NaN]),
          requestsPerSecond: Math.round((samples.length / result.duration) * 10) / 10,
          requests: samples.length,
          non2xx: Math.max(non2xx, result.non2xx),
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes: Object.fromEntries(
            Object.entries(statusCodes).filter(([code]) => !code.startsWith("2")),
          ),
        });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      samples.push(responseTime);
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    });
  });
}

/**
 * autocannon stops at its deadline without waiting for the requests in flight; the server
 * still answers them. One more request, awaited, queues behind those, so the measurement
 * that follows starts on an idle server instead of behind the warm-up's backlog.
 */
async function drain(url: string, request: LoadRequest): Promise<void> {
  const { path, body } = request.next();
  const res = await fetch(`${url}${path}`, {
    method: request.method ?? "GET",
    headers: request.headers,
    body,
  });
  await res.arrayBuffer();
}

/** Warm-up (discarded), then the measurement, at the same number of connections. */
export async function loadTest(
  url: string,
  request: LoadRequest,
  options: { connections: number; durationSeconds: number; warmupSeconds: number },
): Promise<HttpMeasurement> {
  await runOnce(url, request, options.connections, options.warmupSeconds);
  await drain(url, request);
  let measured = await runOnce(url, request, options.connections, options.durationSeconds);
  // A path slower than the window (32 writes queued behind each other and their jobs on a
  // short smoke-test window) answers nothing in it: widen the window rather than report none.
  for (
    let window = options.durationSeconds * 3;
    measured.requests === 0 && window <= 60;
    window *= 3
  ) {
    await drain(url, request);
    measured = await runOnce(url, request, options.connections, window);
  }
  await drain(url, request);
  return measured;
}

type PageRequest = { path: string; headers: Record<string, string> };

/** One GET over a keep-alive agent; resolves with the status once the body has arrived. */
function get(agent: http.Agent, base: URL, request: PageRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: base.hostname, port: base.port, path: request.path, headers: request.headers },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/**
 * `clients` loops, each loading one page (several requests at once) after another for
 * `durationSeconds`; a page's latency is until its slowest request has answered.
 */
export async function loadPages(
  url: string,
  nextPage: () => PageRequest[],
  options: { connections: number; durationSeconds: number; warmupSeconds: number },
): Promise<HttpMeasurement> {
  const base = new URL(url);
  const run = async (seconds: number) => {
    // A browser opens up to six connections per origin; three per page client is enough.
    const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections * 3 });
    const samples: number[] = [];
    const statusCodes: Record<string, number> = {};
    let errors = 0;
    const started = performance.now();
    const ends = started + seconds * 1000;
    const client = async () => {
      while (performance.now() < ends) {
        const pageStarted = performance.now();
        try {
          const statuses = await Promise.all(nextPage().map((r) => get(agent, base, r)));
          samples.push(performance.now() - pageStarted);
          for (const status of statuses) statusCodes[status] = (statusCodes[status] ?? 0) + 1;
        } catch {
          errors += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: options.connections }, client));
    const elapsed = (performance.now() - started) / 1000;
    agent.destroy();
    const failed = Object.entries(statusCodes).filter(([code]) => !code.startsWith("2"));
    return {
      connections: options.connections,
      durationSeconds: Math.round(elapsed * 100) / 100,
      latency: summarize(samples.length ? samples : [Number.NaN]),
      requestsPerSecond: Math.round((samples.length / elapsed) * 10) / 10,
      requests: samples.length,
      non2xx: failed.reduce((n, [, count]) => n + count, 0),
      errors,
      timeouts: 0,
      statusCodes: Object.fromEntries(failed),
    } satisfies HttpMeasurement;
  };
  await run(options.warmupSeconds);
  return run(options.durationSeconds);
}
