/**
 * What the activity report covers: a period (presets for the usual reviews, or any two
 * days), how rows are grouped, and which clients count. Every choice is written to the URL
 * by the page, so this component only reports what was picked.
 */
import "@mantine/dates/styles.css";
import { Button, Group, Input, SegmentedControl, Stack } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { IconCalendar } from "@tabler/icons-react";
import { type ReactNode, useId } from "react";
import {
  type ActivityGroupBy,
  activityGroupBys,
  type ClientType,
} from "../../../src/domains/reports/reports.inputs";
import {
  clientTypeLabels,
  groupByLabels,
  type PeriodPreset,
  periodPresets,
  type ReportParams,
} from "./reports.params";

type ReportFiltersProps = {
  params: ReportParams;
  today: string;
  preset: PeriodPreset | undefined;
  onChange: (change: Partial<ReportParams>) => void;
};

const groupByOptions = activityGroupBys.map((value) => ({ value, label: groupByLabels[value] }));
const clientTypeOptions = (["all", "existing", "prospect"] as const).map((value) => ({
  value,
  label: clientTypeLabels[value],
}));

export function ReportFilters({ params, today, preset, onChange }: ReportFiltersProps) {
  return (
    <Stack gap="md">
      <Group gap="md" align="flex-end" wrap="wrap">
        <Labelled label="Period">
          {(labelling) => (
            <Group gap={6} role="group" {...labelling}>
              {periodPresets.map((p) => {
                const active = preset?.id === p.id;
                return (
                  <Button
                    key={p.id}
                    size="sm"
                    variant={active ? "light" : "default"}
                    aria-pressed={active}
                    onClick={() => {
                      const [from, to] = p.range(today);
                      onChange({ from, to });
                    }}
                  >
                    {p.label}
                  </Button>
                );
              })}
            </Group>
          )}
        </Labelled>
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <DateInput
            label="From"
            valueFormat="D MMM YYYY"
            value={params.from}
            maxDate={params.to}
            onChange={(from) => from && onChange({ from })}
            leftSection={<IconCalendar size={16} aria-hidden />}
            w={160}
            popoverProps={{ withinPortal: true }}
          />
          <DateInput
            label="To"
            valueFormat="D MMM YYYY"
            value={params.to}
            minDate={params.from}
            onChange={(to) => to && onChange({ to })}
            leftSection={<IconCalendar size={16} aria-hidden />}
            w={160}
            popoverProps={{ withinPortal: true }}
          />
        </Group>
      </Group>
      <Group gap="lg" align="flex-end" wrap="wrap">
        <Labelled label="Group by">
          {(labelling) => (
            <SegmentedControl
              {...labelling}
              data={groupByOptions}
              value={params.groupBy}
              onChange={(groupBy) => onChange({ groupBy: groupBy as ActivityGroupBy })}
            />
          )}
        </Labelled>
        <Labelled label="Clients">
          {(labelling) => (
            <SegmentedControl
              {...labelling}
              data={clientTypeOptions}
              value={params.clientType ?? "all"}
              onChange={(value) =>
                onChange({ clientType: value === "all" ? null : (value as ClientType) })
              }
            />
          )}
        </Labelled>
      </Group>
    </Stack>
  );
}

/** A visible label for a control that has none of its own (a segmented control, a group). */
function Labelled({
  label,
  children,
}: {
  label: string;
  children: (labelling: { "aria-labelledby": string }) => ReactNode;
}) {
  const id = useId();
  return (
    <Stack gap={4}>
      <Input.Label labelElement="div" id={id}>
        {label}
      </Input.Label>
      {children({ "aria-labelledby": id })}
    </Stack>
  );
}
