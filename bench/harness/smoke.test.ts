/**
 * The benchmark harness end to end, small: `npm run bench` on the tiny profile, embedded
 * PGlite, quick, about a second per measurement, into a temp file; then the file must match
 * the results schema and hold every section. No timing is asserted (tests never do): this
 * only proves the harness runs and writes what it promises, so a change to a route or a
 * query that breaks the benchmark shows up in `npm test`, not on the day someone runs it.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { httpPathIds } from "./http-paths";
import { readPaths } from "./measure-sql";
import { benchResultsSchema } from "./results.schema";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-bench-smoke-"));
const outFile = path.join(outDir, "results.json");

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

function runBench(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/run.ts", ...args], {
      cwd: repoRoot,
      // Whatever database the calling suite was pointed at, the smoke run uses its own.
      env: { ...process.env, RAPPORT_TEST_DATABASE_URL: "", DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-20_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** Every number anywhere in the results, with where it is. */
function numbersIn(value: unknown, at = "$"): [string, number][] {
  if (typeof value === "number") return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbersIn(v, `${at}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => numbersIn(v, `${at}.${k}`));
  }
  return [];
}

describe("npm run bench (tiny, pglite, quick)", () => {
  it("writes results with every section, matching the results schema", async () => {
    const { code, output } = await runBench([
      "--profile",
      "tiny",
      "--db",
      "pglite",
      "--quick",
      "--duration-seconds",
      "0.6",
      "--sql-runs",
      "10",
      "--samples",
      "2",
      "--import-rows",
      "500",
      "--out",
      outFile,
    ]);
    expect(code, output).toBe(0);
    const results = benchResultsSchema.parse(JSON.parse(fs.readFileSync(outFile, "utf8")));

    expect(results.httpFloor.map((f) => f.connections)).toEqual([1, 32]);
    const [pglite] = results.databases;
    expect(pglite?.db).toBe("pglite");
    expect(pglite?.baselines.map((b) => b.path)).toEqual([...readPaths, "healthGather"]);
    for (const b of pglite?.baselines ?? []) expect(b.plan).toMatch(/Execution Time/);
    expect(pglite?.appPlans.map((p) => p.path)).toEqual([...readPaths, "healthGather"]);
    const rows = (pglite?.http ?? []).map((r) => `${r.path}@${r.connections}`);
    expect(rows).toEqual(httpPathIds.flatMap((p) => [`${p}@1`, `${p}@32`]));
    for (const row of pglite?.http ?? []) expect(row.non2xx).toBe(0);
    expect(pglite?.csvImport.first.created).toBe(500);
    expect(pglite?.csvImport.rerun.unchanged).toBe(500);
    expect(pglite?.budgets.length).toBeGreaterThan(0);
    const notFinite = numbersIn(results).filter(([, n]) => !Number.isFinite(n));
    expect(notFinite).toEqual([]);
    expect(output).toContain("| path | conn | p50 ms |");
  }, 150_000);
});
