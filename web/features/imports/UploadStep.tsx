/**
 * Step 1: choose what to import and the file. A drop area that is also a keyboard-operable
 * button; the file is judged at once (not text, a spreadsheet, a vCard given as CSV) so a
 * wrong file gets a clear message here rather than a failed import later.
 */
import {
  Alert,
  Box,
  Button,
  FileButton,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  ThemeIcon,
} from "@mantine/core";
import {
  IconAlertCircle,
  IconFileSpreadsheet,
  IconFileUpload,
  IconId,
  IconInfoCircle,
  IconX,
} from "@tabler/icons-react";
import { type DragEvent, useState } from "react";
import type { ImportKind } from "../../../src/domains/imports/imports.inputs";
import { acceptFor, describeDelimiter, type FileCheck, formatBytes } from "./file-check";
import { kindLabels } from "./imports.labels";

export type ChosenFile = { file: File; check: FileCheck };

export function UploadStep({
  kind,
  onKindChange,
  chosen,
  checking,
  onChoose,
  onClear,
  note,
}: {
  kind: ImportKind;
  onKindChange: (kind: ImportKind) => void;
  chosen: ChosenFile | null;
  checking: boolean;
  onChoose: (file: File) => void;
  onClear: () => void;
  /** Something the wizard decided for the user (e.g. it switched to vCard). */
  note?: string | null;
}) {
  const [dragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) onChoose(file);
  };

  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Text fw={600} size="sm" id="import-kind-label">
          What are you importing?
        </Text>
        <SegmentedControl
          aria-labelledby="import-kind-label"
          value={kind}
          onChange={(value) => onKindChange(value as ImportKind)}
          data={(["contacts", "accounts", "vcards"] as const).map((value) => ({
            value,
            label: kindLabels[value].label,
          }))}
          w={{ base: "100%", sm: "auto" }}
          style={{ alignSelf: "flex-start" }}
        />
        <Text size="sm" c="dimmed">
          {kind === "contacts" &&
            "A CSV export from Outlook, Google Contacts, LinkedIn, HubSpot or a spreadsheet. People already in Rapport are matched by email and updated, never duplicated; a Company column links them to accounts."}
          {kind === "accounts" &&
            "A CSV of client organisations. Accounts already in Rapport are matched by domain, else by exact name, and updated rather than duplicated."}
          {kind === "vcards" &&
            "A .vcf file with one or many contact cards, as exported by Apple Contacts, Outlook or Google. People are matched by email."}
        </Text>
      </Stack>

      {note && (
        <Alert color="blue" icon={<IconInfoCircle size={18} />} role="status">
          {note}
        </Alert>
      )}

      <Paper
        withBorder
        radius="md"
        p="xl"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        style={{
          borderStyle: "dashed",
          borderWidth: 2,
          borderColor: dragging ? "var(--mantine-color-rapport-6)" : undefined,
          background: dragging ? "var(--mantine-color-rapport-light)" : undefined,
        }}
      >
        <Stack align="center" gap="sm">
          <ThemeIcon variant="light" size={48} radius="xl">
            <IconFileUpload size={26} aria-hidden />
          </ThemeIcon>
          <Text fw={600}>Drop a {kindLabels[kind].file} file here</Text>
          <Text size="sm" c="dimmed">
            or
          </Text>
          <FileButton onChange={(file) => file && onChoose(file)} accept={acceptFor(kind)}>
            {(props) => (
              <Button {...props} variant="default" loading={checking}>
                Choose a file…
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            {kind === "vcards"
              ? ".vcf files, vCard 3.0 or 4.0"
              : "Any delimiter (comma, semicolon, tab), UTF-8 with or without BOM; the first line names the columns"}
          </Text>
        </Stack>
      </Paper>

      {chosen && <ChosenFileCard chosen={chosen} onClear={onClear} />}
    </Stack>
  );
}

function ChosenFileCard({ chosen, onClear }: { chosen: ChosenFile; onClear: () => void }) {
  const { file, check } = chosen;
  const summary = !check.ok
    ? null
    : check.kind === "vcard"
      ? `vCard file${check.cards > 0 ? `, at least ${check.cards} card${check.cards === 1 ? "" : "s"}` : ""}`
      : `${describeDelimiter(check.delimiter)} CSV, ${check.headers.length} columns`;
  return (
    <Stack gap="sm">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon variant="light" color={check.ok ? "rapport" : "red"} size={36}>
              {check.ok && check.kind === "vcard" ? (
                <IconId size={20} aria-hidden />
              ) : (
                <IconFileSpreadsheet size={20} aria-hidden />
              )}
            </ThemeIcon>
            <Box>
              <Text fw={600} size="sm" style={{ wordBreak: "break-all" }}>
                {file.name}
              </Text>
              <Text size="xs" c="dimmed">
                {formatBytes(file.size)}
                {summary && ` · ${summary}`}
              </Text>
            </Box>
          </Group>
          <Button
            variant="subtle"
            color="gray"
            size="xs"
            leftSection={<IconX size={14} />}
            onClick={onClear}
            aria-label={`Remove ${file.name}`}
          >
            Remove
          </Button>
        </Group>
      </Paper>
      {!check.ok && (
        <Alert
          color="red"
          icon={<IconAlertCircle size={18} />}
          title="This file cannot be imported"
          role="alert"
        >
          {check.reason}
        </Alert>
      )}
    </Stack>
  );
}
