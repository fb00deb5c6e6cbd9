/**
 * Asks the server for its suggested mapping of the file's columns (it reads the header the
 * way the import will), seeds the mapping with it once, and shows the mapping step.
 */
import { Alert, Group, Loader, Text } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { useEffect } from "react";
import { describeError } from "../../app/api";
import { useMappingSuggestion } from "./imports.api";
import { type Mapping, MappingStep } from "./MappingStep";
import type { ChosenFile } from "./UploadStep";

export function MappingLoader({
  kind,
  chosen,
  mapping,
  onMapping,
  problems,
}: {
  kind: "contacts" | "accounts";
  chosen: ChosenFile;
  mapping: Mapping | null;
  onMapping: (mapping: Mapping) => void;
  problems: string[];
}) {
  const suggestion = useMappingSuggestion(kind, chosen.file);
  const suggested = suggestion.data?.mapping;

  useEffect(() => {
    if (suggested && !mapping) onMapping({ ...suggested });
  }, [suggested, mapping, onMapping]);

  if (suggestion.isPending) {
    return (
      <Group gap="sm">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          Reading the column headers…
        </Text>
      </Group>
    );
  }
  if (suggestion.isError) {
    return (
      <Alert
        color="red"
        icon={<IconAlertCircle size={18} />}
        title="Rapport could not read this file"
        role="alert"
      >
        {describeError(suggestion.error)} Go back and choose another file.
      </Alert>
    );
  }
  const samples = chosen.check.ok && chosen.check.kind === "csv" ? chosen.check.samples : [];
  return (
    <MappingStep
      kind={kind}
      headers={suggestion.data.headers}
      samples={samples}
      suggested={suggestion.data.mapping}
      mapping={mapping ?? suggestion.data.mapping}
      onChange={onMapping}
      problems={problems}
    />
  );
}
