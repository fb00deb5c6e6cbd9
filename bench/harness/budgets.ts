/**
 * The budgets, each checked against the figure it names. Budgets are measured, never
 * asserted in tests; a budget the issue sets for another profile or database is reported as
 * "n/a" (its figure is still shown). Where the issue names none, the import budget applies to
 * every 100,000-row import, since it is about the file, not the firm already in the database.
 */
import type { BenchDb, BenchProfile } from "./options";
import type { Budget, DatabaseResult, HttpRow } from "./results.schema";

/** The (profile, db) pairs the issue sets the latency budgets for. */
const latencyTargets: readonly string[] = ["firm/pglite", "large/postgres"];
const READ_P95_MS = 50;
const WRITE_P95_MS = 30;
const MAX_RATIO = 3;
const RECOMPUTE_SECONDS = 10;
const EVENT_MS = 1_000;
const IMPORT_ROWS = 100_000;
const IMPORT_SECONDS = 30;

/** The read paths the p95 and ratio budgets name (the account page as one page). */
export const budgetedReads = ["portfolio", "accountPage", "search", "agenda"];

type Figures = Pick<DatabaseResult, "http" | "health" | "csvImport">;

function judge(
  id: string,
  description: string,
  limit: number,
  unit: string,
  actual: number | null,
  applies: boolean,
  /** "within 3x" includes 3x itself; "under 50 ms" does not include 50. */
  inclusive = false,
): Budget {
  const within = actual !== null && (inclusive ? actual <= limit : actual < limit);
  const status = !applies || actual === null ? "n/a" : within ? "met" : "missed";
  return { id, description, limit, unit, actual, status };
}

/** The budget of one HTTP row: p95 at 32 connections, or the ratio to its baseline at 1. */
export function budgetForHttpRow(
  row: Omit<HttpRow, "budget">,
  profile: BenchProfile,
  db: BenchDb,
): Budget | null {
  const applies = latencyTargets.includes(`${profile}/${db}`);
  if (row.connections === 32 && budgetedReads.includes(row.path)) {
    return judge(
      `${row.path}.p95@32`,
      `${row.path} p95 under ${READ_P95_MS} ms at 32 connections`,
      READ_P95_MS,
      "ms",
      row.latency.p95Ms,
      applies,
    );
  }
  if (row.connections === 32 && row.path === "interactionCreate") {
    return judge(
      "interactionCreate.p95@32",
      `interaction create p95 under ${WRITE_P95_MS} ms at 32 connections`,
      WRITE_P95_MS,
      "ms",
      row.latency.p95Ms,
      applies,
    );
  }
  if (row.connections === 1 && budgetedReads.includes(row.path)) {
    return judge(
      `${row.path}.p50/baseline`,
      `${row.path} p50 within ${MAX_RATIO}x its raw-SQL baseline`,
      MAX_RATIO,
      "x",
      row.ratioToBaselineP50,
      applies,
      true,
    );
  }
  return null;
}

/** Every budget of a database's run: the HTTP rows' and the health and import ones. */
export function evaluateBudgets(figures: Figures, profile: BenchProfile, db: BenchDb): Budget[] {
  const large = profile === "large" && db === "postgres";
  const rows = figures.http.flatMap((row) => (row.budget ? [row.budget] : []));
  const { recompute, eventToScore } = figures.health;
  const fullImport = figures.csvImport.rows === IMPORT_ROWS;
  return [
    ...rows,
    judge(
      "health.recompute.first",
      `full health recompute (the first after generation) under ${RECOMPUTE_SECONDS} s`,
      RECOMPUTE_SECONDS,
      "s",
      recompute.first.seconds,
      large,
    ),
    judge(
      "health.recompute.unchanged",
      `full health recompute (nothing changed) under ${RECOMPUTE_SECONDS} s`,
      RECOMPUTE_SECONDS,
      "s",
      recompute.unchanged.seconds,
      large,
    ),
    judge(
      "health.eventToScore.interaction",
      `logged call to updated score under ${EVENT_MS} ms (p95 of the samples)`,
      EVENT_MS,
      "ms",
      eventToScore.interaction.p95Ms,
      large,
    ),
    judge(
      "health.eventToScore.surveyAnswer",
      `survey answer to updated score under ${EVENT_MS} ms (p95 of the samples)`,
      EVENT_MS,
      "ms",
      eventToScore.surveyAnswer.p95Ms,
      large,
    ),
    judge(
      "csvImport.first",
      `CSV import of ${IMPORT_ROWS.toLocaleString("en")} contacts under ${IMPORT_SECONDS} s`,
      IMPORT_SECONDS,
      "s",
      figures.csvImport.first.seconds,
      fullImport,
    ),
    judge(
      "csvImport.rerun",
      "the unchanged re-run of the import faster than the first",
      figures.csvImport.first.seconds,
      "s",
      figures.csvImport.rerun.seconds,
      fullImport,
    ),
  ];
}
