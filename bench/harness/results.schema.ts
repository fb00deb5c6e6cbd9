/**
 * The shape of bench/results/*.json: what `npm run bench` writes and what the smoke test
 * reads back. Units are in the field names (Ms, Seconds, Mb, PerSecond); ratios are plain
 * numbers (2.5 = two and a half times the baseline). Every figure must be a finite number:
 * zod refuses NaN and Infinity, and JSON turns them into null, which is refused too.
 */
import { z } from "zod";

const count = z.number().int().nonnegative();
const num = z.number();

export const latencySchema = z.object({
  count,
  p50Ms: num,
  p95Ms: num,
  p99Ms: num,
  meanMs: num,
  minMs: num,
  maxMs: num,
});

export const httpMeasurementSchema = z.object({
  connections: count,
  durationSeconds: num,
  latency: latencySchema,
  requestsPerSecond: num,
  requests: count,
  non2xx: count,
  errors: count,
  timeouts: count,
  statusCodes: z.record(z.string(), count),
});

export const budgetStatuses = ["met", "missed", "n/a"] as const;

export const budgetSchema = z.object({
  id: z.string(),
  description: z.string(),
  limit: num,
  unit: z.string(),
  /** The measured figure the limit applies to (null when the run did not measure it). */
  actual: num.nullable(),
  /** n/a: the issue sets this budget for another profile or database. */
  status: z.enum(budgetStatuses),
});

export const httpRowSchema = httpMeasurementSchema.extend({
  path: z.string(),
  route: z.string(),
  baseline: z.object({ path: z.string(), p50Ms: num, concurrency: count }).nullable(),
  ratioToBaselineP50: num.nullable(),
  floorP50Ms: num,
  ratioToFloorP50: num,
  budget: budgetSchema.nullable(),
});

const planSchema = z.object({ executionMs: num, sql: z.string(), plan: z.string() });

export const baselineSchema = z.object({
  path: z.string(),
  description: z.string(),
  sequential: latencySchema,
  concurrent32: latencySchema.extend({ perSecond: num }).nullable(),
  sql: z.string(),
  plan: z.string(),
});

const eventToScoreSchema = z.object({
  samplesMs: z.array(num).min(1),
  medianMs: num,
  p95Ms: num,
  maxMs: num,
});

const importRunSchema = z.object({
  seconds: num,
  rowsPerSecond: num,
  jobSeconds: num,
  created: count,
  updated: count,
  unchanged: count,
  rejected: count,
});

const recomputeRunSchema = z.object({ seconds: num, snapshots: count, ratioToBaseline: num });

export const databaseResultSchema = z.object({
  db: z.enum(["pglite", "postgres"]),
  serverVersion: z.string(),
  settings: z.record(z.string(), z.string()),
  generation: z.object({
    seconds: num,
    analyzeSeconds: num,
    counts: z.record(z.string(), count),
  }),
  baselines: z.array(baselineSchema).min(5),
  http: z.array(httpRowSchema).min(1),
  health: z.object({
    recompute: z.object({
      accounts: count,
      baselineSeconds: num,
      first: recomputeRunSchema,
      unchanged: recomputeRunSchema,
    }),
    eventToScore: z.object({ interaction: eventToScoreSchema, surveyAnswer: eventToScoreSchema }),
  }),
  csvImport: z.object({
    rows: count,
    megabytes: num,
    first: importRunSchema,
    rerun: importRunSchema,
  }),
  memory: z.object({
    server: z.object({
      peakRssMb: num,
      sampledRssMb: z.object({ count, maxMb: num, meanMb: num, lastMb: num }),
    }),
    /** The bench process's own peak (it holds the PGlite instance while loading). */
    benchPeakRssMb: num,
  }),
  appPlans: z.array(
    z.object({
      path: z.string(),
      statements: count,
      main: planSchema.nullable(),
      selects: z.array(planSchema),
    }),
  ),
  budgets: z.array(budgetSchema),
});

export const benchResultsSchema = z.object({
  schemaVersion: z.literal(1),
  profile: z.enum(["tiny", "firm", "large"]),
  quick: z.boolean(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  elapsedSeconds: num,
  machine: z.object({
    cpus: count,
    cpuModel: z.string(),
    totalMemoryMb: num,
    loadAverageAtStart: z.array(num),
    platform: z.string(),
  }),
  versions: z.object({
    node: z.string(),
    app: z.string(),
    pglite: z.string(),
    autocannon: z.string(),
    /** The PostgreSQL server's version when the run used one. */
    postgresServer: z.string().nullable(),
  }),
  settings: z.object({
    durationSeconds: num,
    warmupSeconds: num,
    sqlRuns: count,
    eventSamples: count,
    importRows: count,
    connections: z.array(count),
  }),
  httpFloor: z.array(httpMeasurementSchema).min(1),
  databases: z.array(databaseResultSchema).min(1),
});

export type BenchResults = z.infer<typeof benchResultsSchema>;
export type DatabaseResult = z.infer<typeof databaseResultSchema>;
export type HttpRow = z.infer<typeof httpRowSchema>;
export type Budget = z.infer<typeof budgetSchema>;
