/**
 * Step 2: which column fills which field. Each column starts with Rapport's suggestion
 * (from its header) and a few example values; the user changes any of them or ignores the
 * column. Problems the server would refuse (no name column, a field chosen twice) are said
 * here, before anything is sent.
 */
import { Alert, Badge, Group, List, Select, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle, IconSparkles } from "@tabler/icons-react";
import type { ImportKind } from "../../../src/domains/imports/imports.inputs";
import { fieldLabel, fieldOptions } from "./imports.labels";

const IGNORE = "__ignore";

export type Mapping = Record<string, string | null>;

export function MappingStep({
  kind,
  headers,
  samples,
  suggested,
  mapping,
  onChange,
  problems,
}: {
  kind: Exclude<ImportKind, "vcards">;
  headers: string[];
  samples: string[][];
  suggested: Mapping;
  mapping: Mapping;
  onChange: (mapping: Mapping) => void;
  problems: string[];
}) {
  const options = [{ value: IGNORE, label: "Ignore this column" }, ...fieldOptions(kind)];
  const recognised = headers.filter((header) => suggested[header]).length;

  return (
    <Stack gap="md">
      <Group gap="xs">
        <IconSparkles size={18} aria-hidden color="var(--mantine-color-rapport-6)" />
        <Text size="sm">
          Rapport recognised {recognised} of {headers.length} columns from their headers. Check each
          one; ignored columns are not imported.
        </Text>
      </Group>

      {problems.length > 0 && (
        <Alert
          color="yellow"
          icon={<IconAlertTriangle size={18} />}
          title="Fix the mapping before the preview"
          role="alert"
        >
          <List size="sm" spacing={2}>
            {problems.map((problem) => (
              <List.Item key={problem}>{problem}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      <Table.ScrollContainer minWidth={680}>
        <Table verticalSpacing="sm" aria-label="Column mapping">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="28%">Column in your file</Table.Th>
              <Table.Th>Examples</Table.Th>
              <Table.Th w={260}>Imports into</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {headers.map((header, index) => {
              const field = mapping[header] ?? null;
              const examples = samples
                .map((row) => row[index]?.trim() ?? "")
                .filter(Boolean)
                .slice(0, 3);
              const changed = (suggested[header] ?? null) !== field;
              return (
                <Table.Tr key={header} opacity={field ? 1 : 0.75}>
                  <Table.Td>
                    <Text size="sm" fw={600} style={{ wordBreak: "break-word" }}>
                      {header || (
                        <Text span c="dimmed" inherit fs="italic">
                          (no header)
                        </Text>
                      )}
                    </Text>
                    {suggested[header] && !changed && (
                      <Badge size="xs" variant="light" mt={4}>
                        Suggested
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {examples.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        Empty in the first rows
                      </Text>
                    ) : (
                      <Text size="sm" lineClamp={2} style={{ wordBreak: "break-word" }}>
                        {examples.join(" · ")}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Field for the column ${header || index + 1}`}
                      data={options}
                      value={field ?? IGNORE}
                      allowDeselect={false}
                      searchable
                      size="sm"
                      onChange={(value) =>
                        onChange({
                          ...mapping,
                          [header]: !value || value === IGNORE ? null : value,
                        })
                      }
                      comboboxProps={{ withinPortal: true }}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed">
        {kind === "contacts"
          ? `Several columns may go to ${fieldLabel(kind, "emails")}, ${fieldLabel(kind, "phones")} or ${fieldLabel(kind, "interests")}; their values add up. A Birthday may be 1980-04-02, or --04-02 without the year.`
          : `Several columns may go to ${fieldLabel(kind, "tags")}; their values add up.`}
      </Text>
    </Stack>
  );
}
