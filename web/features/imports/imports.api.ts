/**
 * Imports over the API: the suggested column mapping for a CSV, starting an import (the
 * file is the raw request body; the answer is 202 with the job's id), and polling the job
 * for its progress and report until it is done or failed.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import type { ImportKind } from "../../../src/domains/imports/imports.inputs";
import { api, readJson } from "../../app/api";

export type ImportJob = InferResponseType<(typeof api.v1.imports)[":id"]["$get"], 200>;
export type ImportReport = NonNullable<ImportJob["report"]>;
export type MappingSuggestion = InferResponseType<
  (typeof api.v1.imports)["suggest-mapping"]["$post"],
  200
>;

/** The header and first rows are all a suggestion needs; a large file is not sent twice. */
const SUGGESTION_BYTES = 64 * 1024;

/** The body and content type the server expects for each kind of file. */
function fileInit(kind: ImportKind, file: Blob): { init: RequestInit } {
  return {
    init: {
      body: file,
      headers: { "content-type": kind === "vcards" ? "text/vcard" : "text/csv" },
    },
  };
}

/** Rapport's suggestion for each column of a CSV, from its header line. */
export function useMappingSuggestion(kind: ImportKind, file: File | null) {
  return useQuery({
    queryKey: ["imports", "mapping", kind, file?.name, file?.size, file?.lastModified],
    enabled: Boolean(file) && kind !== "vcards",
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    queryFn: () =>
      readJson(
        api.v1.imports["suggest-mapping"].$post(
          { query: { kind: kind === "accounts" ? "accounts" : "contacts" } },
          fileInit(kind, (file as File).slice(0, SUGGESTION_BYTES)),
        ),
      ),
  });
}

export type StartImport = {
  kind: ImportKind;
  file: File;
  dryRun: boolean;
  mapping?: Record<string, string | null>;
};

export function useStartImport() {
  return useMutation({
    mutationFn: ({ kind, file, dryRun, mapping }: StartImport) => {
      const query = {
        dryRun: dryRun ? ("true" as const) : ("false" as const),
        ...(mapping && kind !== "vcards" ? { mapping: JSON.stringify(mapping) } : {}),
      };
      const init = fileInit(kind, file);
      if (kind === "accounts") return readJson(api.v1.imports.accounts.$post({ query }, init));
      if (kind === "vcards") return readJson(api.v1.imports.vcards.$post({ query }, init));
      return readJson(api.v1.imports.contacts.$post({ query }, init));
    },
  });
}

const POLL_MS = 600;

/** The job, polled while it is queued or running. */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: ["imports", "job", id],
    enabled: Boolean(id),
    queryFn: () => readJson(api.v1.imports[":id"].$get({ param: { id: id ?? "" } })),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === "done" || status === "failed" ? false : POLL_MS;
    },
    refetchIntervalInBackground: true,
  });
}
