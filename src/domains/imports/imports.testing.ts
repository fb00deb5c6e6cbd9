/**
 * Test helpers for imports: upload a file through the typed client, run the queued import
 * jobs with a runner on the test database, and read the import back when it has finished.
 */
import { pino } from "pino";
import { expect } from "vitest";
import { createJobRegistry, createJobRunner } from "../../platform/jobs";
import { expectJson } from "../../platform/testing/http";
import type { TestApp } from "../../platform/testing/test-app";
import type { ImportKind } from "./imports.inputs";
import { createImportJobs } from "./imports.jobs";

type Actor = Awaited<ReturnType<TestApp["createWorkspace"]>>["owner"];

export type UploadOptions = { dryRun?: boolean; mapping?: Record<string, string | null> };

/** POST /imports/{kind} with the file as the body. */
export function upload(
  actor: Actor,
  kind: ImportKind,
  body: string | Uint8Array,
  options: UploadOptions = {},
) {
  const query = {
    dryRun: options.dryRun ? ("true" as const) : ("false" as const),
    ...(options.mapping ? { mapping: JSON.stringify(options.mapping) } : {}),
  };
  const init = {
    headers: { "content-type": kind === "vcards" ? "text/vcard" : "text/csv" },
    init: { body: body as BodyInit },
  };
  if (kind === "accounts") return actor.client.api.v1.imports.accounts.$post({ query }, init);
  if (kind === "vcards") return actor.client.api.v1.imports.vcards.$post({ query }, init);
  return actor.client.api.v1.imports.contacts.$post({ query }, init);
}

export function createImportRunner(t: TestApp) {
  return createJobRunner({
    db: t.db,
    now: t.clock,
    registry: createJobRegistry(createImportJobs()),
    logger: pino({ level: "silent" }),
  });
}

export async function readImport(actor: Actor, id: string) {
  return expectJson(await actor.client.api.v1.imports[":id"].$get({ param: { id } }), 200);
}

/** Uploads, runs the job and answers the finished import (status done or failed). */
export async function importFile(
  t: TestApp,
  actor: Actor,
  kind: ImportKind,
  body: string | Uint8Array,
  options: UploadOptions = {},
) {
  const { id } = await expectJson(await upload(actor, kind, body, options), 202);
  await createImportRunner(t).runDueJobs();
  const result = await readImport(actor, id);
  expect(["done", "failed"]).toContain(result.status);
  return result;
}

/** The report of a finished, successful import. */
export async function importReport(
  t: TestApp,
  actor: Actor,
  kind: ImportKind,
  body: string | Uint8Array,
  options: UploadOptions = {},
) {
  const result = await importFile(t, actor, kind, body, options);
  expect(result.error, "the import failed").toBeUndefined();
  expect(result.status).toBe("done");
  if (!result.report) throw new Error("a finished import has a report");
  return result.report;
}
