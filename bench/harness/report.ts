/**
 * The run as markdown for the terminal (and for bench/README.md's table): one table of the
 * HTTP paths per database with their baselines and budgets, and one of everything else.
 */
import type { BenchResults, Budget } from "./results.schema";

/** Milliseconds: one decimal, two below 1 ms (the HTTP floor would read 0.0 otherwise). */
const ms = (n: number | null | undefined) =>
  n === null || n === undefined ? "" : n.toFixed(Math.abs(n) < 1 ? 2 : 1);
const ratio = (n: number | null | undefined) =>
  n === null || n === undefined ? "" : `${n.toFixed(1)}x`;

function budgetCells(budget: Budget | null | undefined): [string, string] {
  if (!budget) return ["", ""];
  const limit = budget.unit === "x" ? `≤ ${budget.limit}x SQL` : `< ${budget.limit} ${budget.unit}`;
  const met = budget.status === "met" ? "yes" : budget.status === "missed" ? "**NO**" : "n/a";
  return [limit, met];
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

export function renderMarkdown(results: BenchResults): string {
  const out: string[] = [];
  out.push(
    `## Rapport bench: profile ${results.profile}${results.quick ? " (quick)" : ""}, ${results.startedAt}`,
    "",
    `${results.machine.cpus} × ${results.machine.cpuModel}; node ${results.versions.node}, PGlite ${results.versions.pglite}${
      results.versions.postgresServer ? `, PostgreSQL ${results.versions.postgresServer}` : ""
    }; ${results.settings.durationSeconds} s per measurement; run took ${Math.round(results.elapsedSeconds)} s.`,
    "",
  );
  const floor = results.httpFloor
    .map(
      (f) =>
        `${f.connections} conn p50 ${ms(f.latency.p50Ms)} ms (${Math.round(f.requestsPerSecond)} req/s)`,
    )
    .join(", ");
  out.push(`HTTP floor (constant JSON from Hono): ${floor}.`, "");

  for (const d of results.databases) {
    out.push(`### ${d.db} (PostgreSQL ${d.serverVersion})`, "");
    out.push(
      table(
        [
          "path",
          "conn",
          "p50 ms",
          "p95 ms",
          "p99 ms",
          "req/s",
          "baseline p50 ms",
          "ratio",
          "budget",
          "met?",
        ],
        d.http.map((row) => [
          row.path,
          String(row.connections),
          ms(row.latency.p50Ms),
          ms(row.latency.p95Ms),
          ms(row.latency.p99Ms),
          String(Math.round(row.requestsPerSecond)),
          ms(row.baseline?.p50Ms),
          ratio(row.ratioToBaselineP50),
          ...budgetCells(row.budget),
        ]),
      ),
      "",
    );
    const byId = new Map(d.budgets.map((b) => [b.id, b]));
    const { recompute, eventToScore } = d.health;
    const imp = d.csvImport;
    out.push(
      table(
        ["figure", "value", "baseline", "ratio", "budget", "met?"],
        [
          [
            `health recompute, first (${recompute.accounts} accounts)`,
            `${recompute.first.seconds.toFixed(2)} s`,
            `${recompute.baselineSeconds.toFixed(2)} s`,
            ratio(recompute.first.ratioToBaseline),
            ...budgetCells(byId.get("health.recompute.first")),
          ],
          [
            "health recompute, unchanged",
            `${recompute.unchanged.seconds.toFixed(2)} s`,
            `${recompute.baselineSeconds.toFixed(2)} s`,
            ratio(recompute.unchanged.ratioToBaseline),
            ...budgetCells(byId.get("health.recompute.unchanged")),
          ],
          [
            `logged call → score (median / p95 / max of ${eventToScore.interaction.samplesMs.length})`,
            `${ms(eventToScore.interaction.medianMs)} / ${ms(eventToScore.interaction.p95Ms)} / ${ms(eventToScore.interaction.maxMs)} ms`,
            "",
            "",
            ...budgetCells(byId.get("health.eventToScore.interaction")),
          ],
          [
            `survey answer → score (median / p95 / max of ${eventToScore.surveyAnswer.samplesMs.length})`,
            `${ms(eventToScore.surveyAnswer.medianMs)} / ${ms(eventToScore.surveyAnswer.p95Ms)} / ${ms(eventToScore.surveyAnswer.maxMs)} ms`,
            "",
            "",
            ...budgetCells(byId.get("health.eventToScore.surveyAnswer")),
          ],
          [
            `CSV import, ${imp.rows.toLocaleString("en")} contacts, first`,
            `${imp.first.seconds.toFixed(1)} s (${imp.first.rowsPerSecond} rows/s)`,
            "",
            "",
            ...budgetCells(byId.get("csvImport.first")),
          ],
          [
            "CSV import, unchanged re-run",
            `${imp.rerun.seconds.toFixed(1)} s (${imp.rerun.rowsPerSecond} rows/s)`,
            "",
            "",
            ...budgetCells(byId.get("csvImport.rerun")),
          ],
          ["server peak RSS (VmHWM)", `${d.memory.server.peakRssMb} MB`, "", "", "", ""],
          ["bench process peak RSS", `${d.memory.benchPeakRssMb} MB`, "", "", "", ""],
        ],
      ),
      "",
    );
    const missed = d.budgets.filter((b) => b.status === "missed");
    out.push(
      missed.length
        ? `Budgets missed on ${d.db}: ${missed.map((b) => `${b.id} (${b.actual} ${b.unit}, limit ${b.limit})`).join("; ")}`
        : `No budget missed on ${d.db} (${d.budgets.filter((b) => b.status === "met").length} met, the rest n/a for this profile).`,
      "",
    );
  }
  return out.join("\n");
}
