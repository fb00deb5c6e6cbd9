/**
 * One run of the import, as a dry run (the preview step) or for real (the import step):
 * sends the file, polls the job and shows its progress, then its report. A failed upload
 * or job says why and offers the way back; nothing half-imported is left (the server
 * writes an import in one transaction).
 */
import { Alert, Button, Group, Loader, Progress, Stack, Text } from "@mantine/core";
import {
  IconAlertCircle,
  IconArrowLeft,
  IconBuildingSkyscraper,
  IconDatabaseImport,
  IconFileImport,
  IconRefresh,
  IconUsers,
} from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link } from "react-router";
import type { ImportKind } from "../../../src/domains/imports/imports.inputs";
import { ApiError, describeError } from "../../app/api";
import { formatBytes } from "./file-check";
import { formatCount, ImportReportView } from "./ImportReportView";
import { useImportJob, useStartImport } from "./imports.api";
import { kindLabels } from "./imports.labels";

/** Server refusals of the upload itself, in words for the person holding the file. */
function uploadFailure(error: unknown, file: File): string {
  if (error instanceof ApiError) {
    if (error.status === 413) {
      return `The file is ${formatBytes(file.size)}, more than the server accepts in one upload. Split it into smaller files and import them one after the other.`;
    }
    if (error.status === 415) {
      return "The server does not accept this kind of file. Upload a CSV (.csv) or vCard (.vcf) file.";
    }
  }
  return describeError(error);
}

export function ImportRun({
  kind,
  file,
  mapping,
  dryRun,
  onBack,
  onImport,
  onFinished,
  onRestart,
}: {
  kind: ImportKind;
  file: File;
  mapping?: Record<string, string | null>;
  dryRun: boolean;
  onBack: () => void;
  onImport: () => void;
  onFinished: () => void;
  onRestart: () => void;
}) {
  const queryClient = useQueryClient();
  const start = useStartImport();
  const job = useImportJob(start.data?.id ?? null);
  const started = useRef(false);
  const noun = kindLabels[kind].noun;

  // Start once when the step opens (StrictMode mounts twice; the ref keeps it to one upload).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the run starts once per mount
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    start.mutate({ kind, file, dryRun, mapping });
  }, []);

  const status = job.data?.status;
  useEffect(() => {
    if (!dryRun && status === "done") {
      onFinished();
      // New and changed records: every list showing them is stale now.
      queryClient.invalidateQueries({ queryKey: ["contacts"] });
      queryClient.invalidateQueries({ queryKey: ["accounts"] });
    }
  }, [dryRun, status, onFinished, queryClient]);

  const retry = () => start.mutate({ kind, file, dryRun, mapping });

  if (start.isError) {
    return (
      <Stack gap="md">
        <Alert
          color="red"
          icon={<IconAlertCircle size={18} />}
          title={dryRun ? "The preview could not start" : "The import could not start"}
          role="alert"
        >
          {uploadFailure(start.error, file)}
        </Alert>
        <Group justify="space-between">
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
            Back
          </Button>
          <Button leftSection={<IconRefresh size={16} />} onClick={retry}>
            Try again
          </Button>
        </Group>
      </Stack>
    );
  }

  if (job.isError) {
    return (
      <Stack gap="md">
        <Alert
          color="red"
          icon={<IconAlertCircle size={18} />}
          title="Lost track of the import"
          role="alert"
        >
          {describeError(job.error)}{" "}
          {!dryRun && "The import may still be running on the server; check People in a moment."}
        </Alert>
        <Group>
          <Button variant="default" onClick={() => job.refetch()}>
            Check again
          </Button>
        </Group>
      </Stack>
    );
  }

  if (!job.data || status === "queued" || status === "running") {
    const progress = job.data?.progress;
    const percent =
      progress && progress.total > 0 ? Math.round((progress.processed / progress.total) * 100) : 0;
    const counting = Boolean(progress && progress.total > 0 && !start.isPending);
    const what = start.isPending
      ? `Uploading ${file.name} (${formatBytes(file.size)})…`
      : status === "queued" || !progress || progress.total === 0
        ? "Waiting to start…"
        : `${dryRun ? "Checked" : "Imported"} ${formatCount(progress.processed)} of ${formatCount(progress.total)} rows`;
    return (
      <Stack gap="sm" py="md">
        <Group gap="sm">
          <Loader size="sm" />
          <Text fw={600}>
            {dryRun
              ? "Checking every row against what is already in Rapport…"
              : `Importing ${noun}…`}
          </Text>
        </Group>
        <Progress
          // Uploading and waiting have no count yet: a moving full bar says "working".
          value={counting ? percent : 100}
          animated={!counting}
          striped={!counting}
          size="lg"
          aria-label={dryRun ? "Preview progress" : "Import progress"}
          aria-valuetext={what}
        />
        <Text size="sm" c="dimmed" aria-live="polite">
          {what}
        </Text>
        {!dryRun && (
          <Text size="xs" c="dimmed">
            You can leave this page: the import carries on, and People shows the result.
          </Text>
        )}
      </Stack>
    );
  }

  if (status === "failed" || !job.data.report) {
    return (
      <Stack gap="md">
        <Alert
          color="red"
          icon={<IconAlertCircle size={18} />}
          title={dryRun ? "The preview failed" : "The import failed: nothing was imported"}
          role="alert"
        >
          {job.data.error ?? "The server could not finish reading the file."}
        </Alert>
        <Group justify="space-between">
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
            Back
          </Button>
          <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={onRestart}>
            Choose another file
          </Button>
        </Group>
      </Stack>
    );
  }

  const report = job.data.report;
  const toWrite = report.created + report.updated;
  return (
    <Stack gap="lg">
      <Text size="sm">
        {dryRun
          ? toWrite > 0
            ? `Nothing is saved yet. Importing will create ${formatCount(report.created)} and update ${formatCount(report.updated)} ${noun}.`
            : `Nothing to import: every row is already in Rapport as it is in the file${report.rejectedCount > 0 ? ", or was rejected" : ""}.`
          : `Done. ${formatCount(toWrite)} ${noun} created or updated from ${file.name}.`}
      </Text>
      <ImportReportView kind={kind} report={report} dryRun={dryRun} />
      {dryRun ? (
        <Group justify="space-between">
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
            Back
          </Button>
          <Group gap="sm">
            <Button variant="default" onClick={onRestart}>
              Choose another file
            </Button>
            <Button
              leftSection={<IconDatabaseImport size={16} />}
              disabled={toWrite === 0}
              onClick={onImport}
              data-autofocus
            >
              {toWrite > 0 ? `Import ${formatCount(toWrite)} ${noun}` : "Nothing to import"}
            </Button>
          </Group>
        </Group>
      ) : (
        <Group justify="flex-end" gap="sm">
          <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={onRestart}>
            Import another file
          </Button>
          {kind === "accounts" ? (
            <Button
              component={Link}
              to="/accounts"
              leftSection={<IconBuildingSkyscraper size={16} />}
            >
              Go to Accounts
            </Button>
          ) : (
            <Button component={Link} to="/people" leftSection={<IconUsers size={16} />}>
              Go to People
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
