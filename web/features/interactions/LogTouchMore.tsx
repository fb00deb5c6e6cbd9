/**
 * The "More" part of the quick form, folded away by default so logging a call stays kind,
 * who, when and summary: how long it took, what was decided, the next steps (which can
 * become a task from the history), and which of the account's open needs came up.
 */

import { Button, Collapse, MultiSelect, SimpleGrid, Stack, Textarea } from "@mantine/core";
import { IconChevronDown } from "@tabler/icons-react";
import { useId, useMemo } from "react";
import { useAccountNeeds } from "../needs/needs.api";
import { DurationField } from "./InteractionFields";

type MoreField = "durationMinutes" | "decisions" | "nextSteps" | "needIds";

type MoreDetailsProps = {
  accountId: string;
  opened: boolean;
  onToggle: () => void;
  decisions: string;
  nextSteps: string;
  needIds: string[];
  onDecisions: (text: string) => void;
  onNextSteps: (text: string) => void;
  onNeeds: (ids: string[]) => void;
  duration: string | number;
  onDuration: (duration: string | number) => void;
  errorOf: (field: MoreField) => string | undefined;
};

export function MoreDetails(props: MoreDetailsProps) {
  const { accountId, opened, onToggle, needIds, errorOf } = props;
  const needs = useAccountNeeds(accountId);
  const id = useId();
  // Open needs, plus any picked one that was settled since (so it does not vanish).
  const needOptions = useMemo(
    () =>
      (needs.data ?? [])
        .filter((need) => need.status === "open" || needIds.includes(need.id))
        .map((need) => ({ value: need.id, label: need.title })),
    [needs.data, needIds],
  );
  return (
    <div>
      <Button
        variant="subtle"
        size="compact-sm"
        color="gray"
        aria-expanded={opened}
        aria-controls={id}
        rightSection={
          <IconChevronDown
            size={14}
            aria-hidden
            style={{ transform: opened ? "rotate(180deg)" : undefined }}
          />
        }
        onClick={onToggle}
      >
        More: duration, decisions, next steps, needs
      </Button>
      <Collapse expanded={opened} id={id}>
        <Stack gap="md" pt="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Textarea
              label="Decisions"
              description="What was agreed"
              autosize
              minRows={2}
              maxRows={6}
              value={props.decisions}
              error={errorOf("decisions")}
              onChange={(event) => props.onDecisions(event.currentTarget.value)}
            />
            <Textarea
              label="Next steps"
              description="Who does what next; it can become a task"
              autosize
              minRows={2}
              maxRows={6}
              value={props.nextSteps}
              error={errorOf("nextSteps")}
              onChange={(event) => props.onNextSteps(event.currentTarget.value)}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <DurationField
              description="How long it took"
              value={props.duration}
              error={errorOf("durationMinutes")}
              onChange={props.onDuration}
            />
            <MultiSelect
              label="Needs discussed"
              description="Their open goals, challenges and needs that came up"
              placeholder={needOptions.length ? "Pick the needs" : "No open needs recorded"}
              data={needOptions}
              value={needIds}
              onChange={props.onNeeds}
              error={errorOf("needIds")}
              disabled={needOptions.length === 0}
              searchable
              hidePickedOptions
              comboboxProps={{ withinPortal: true }}
            />
          </SimpleGrid>
        </Stack>
      </Collapse>
    </div>
  );
}
