/**
 * The inputs the interaction forms share: the kind (a radiogroup of chips, one tab stop,
 * arrows to move), the direction, who took part on each side, and the duration. Each shows its own error
 * and is named by its visible label, so screen readers and the e2e tests find "Kind".
 */
import {
  Chip,
  Group,
  Input,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
} from "@mantine/core";
import { type Ref, useId } from "react";

/** Minutes, whole and not negative, in quarter-hour steps; "" while empty. */
export function DurationField({
  description,
  value,
  error,
  onChange,
}: {
  description: string;
  value: number | string;
  error?: string;
  onChange: (value: number | string) => void;
}) {
  return (
    <NumberInput
      label="Duration (minutes)"
      description={description}
      min={0}
      step={15}
      allowDecimal={false}
      allowNegative={false}
      value={value}
      error={error}
      onChange={onChange}
    />
  );
}

import type { OptionGroup } from "./interaction-form";
import {
  directionOptions,
  type InteractionDirection,
  type InteractionKind,
  kindIcons,
  kindLabels,
  kindsByUse,
} from "./interactions.labels";

/** Label, description and error around a control that has no label of its own. */
function labelling(id: string, description: string | undefined, error: string | undefined) {
  const describedBy = [description && `${id}-description`, error && `${id}-error`]
    .filter(Boolean)
    .join(" ");
  return {
    "aria-labelledby": `${id}-label`,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
  };
}

/**
 * Mantine hides a chip's radio as a 0×0 box, which pointer tools (and Playwright's
 * `check()`) cannot reach; laid over its label instead, it is still invisible, takes the
 * click itself, and keeps the label's focus ring (input:focus-visible + label).
 */
const chipStyles = {
  root: { position: "relative" },
  input: {
    position: "absolute",
    inset: 0,
    width: "100%",
    height: "100%",
    margin: 0,
    opacity: 0,
    zIndex: 1,
    cursor: "pointer",
  },
} as const;

type KindFieldProps = {
  value: InteractionKind;
  onChange: (kind: InteractionKind) => void;
  kinds?: readonly InteractionKind[];
  error?: string;
  description?: string;
  /** The group, so a form can put the focus back on the chosen kind. */
  groupRef?: Ref<HTMLDivElement>;
};

export function KindField({
  value,
  onChange,
  kinds = kindsByUse,
  error,
  description,
  groupRef,
}: KindFieldProps) {
  const id = useId();
  return (
    <Stack gap={6}>
      <Input.Label labelElement="div" id={`${id}-label`}>
        Kind
      </Input.Label>
      {description && <Input.Description id={`${id}-description`}>{description}</Input.Description>}
      <Chip.Group value={value} onChange={(kind) => onChange(kind as InteractionKind)}>
        <Group gap={6} role="radiogroup" ref={groupRef} {...labelling(id, description, error)}>
          {kinds.map((kind) => {
            const KindIcon = kindIcons[kind];
            return (
              // One name for the group: Tab enters at the chosen kind and arrows move on.
              <Chip
                key={kind}
                value={kind}
                name={`${id}-kind`}
                size="sm"
                variant="light"
                icon={<KindIcon size={14} aria-hidden />}
                styles={chipStyles}
              >
                {kindLabels[kind]}
              </Chip>
            );
          })}
        </Group>
      </Chip.Group>
      {error && <Input.Error id={`${id}-error`}>{error}</Input.Error>}
    </Stack>
  );
}

export function DirectionField({
  value,
  onChange,
  error,
}: {
  value: InteractionDirection;
  onChange: (direction: InteractionDirection) => void;
  error?: string;
}) {
  const id = useId();
  return (
    <Stack gap={6}>
      <Input.Label labelElement="div" id={`${id}-label`}>
        Direction
      </Input.Label>
      <Input.Description id={`${id}-description`}>Who started it</Input.Description>
      <SegmentedControl
        {...labelling(id, "Who started it", error)}
        size="sm"
        data={directionOptions}
        value={value}
        onChange={(direction) => onChange(direction as InteractionDirection)}
      />
      {error && <Input.Error id={`${id}-error`}>{error}</Input.Error>}
    </Stack>
  );
}

type PeopleFieldsProps = {
  theirs: OptionGroup[];
  ours: OptionGroup[];
  contactIds: string[];
  memberIds: string[];
  onContacts: (ids: string[]) => void;
  onMembers: (ids: string[]) => void;
  contactError?: string;
  memberError?: string;
  hasContacts: boolean;
  accountName: string;
};

export function PeopleFields(props: PeopleFieldsProps) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <MultiSelect
        label="Their people"
        description={
          props.hasContacts
            ? `Who took part at ${props.accountName}`
            : `Nobody at ${props.accountName} yet: add people on the People tab`
        }
        placeholder={props.contactIds.length ? undefined : "Pick or type a name"}
        data={props.theirs}
        value={props.contactIds}
        onChange={props.onContacts}
        error={props.contactError}
        searchable
        clearable
        hidePickedOptions
        nothingFoundMessage="No one by that name at the account"
        disabled={!props.hasContacts}
        comboboxProps={{ withinPortal: true }}
      />
      <MultiSelect
        label="Our people"
        description="Who took part on our side"
        placeholder={props.memberIds.length ? undefined : "Pick or type a name"}
        data={props.ours}
        value={props.memberIds}
        onChange={props.onMembers}
        error={props.memberError}
        searchable
        clearable
        hidePickedOptions
        nothingFoundMessage="No member by that name"
        comboboxProps={{ withinPortal: true }}
      />
    </SimpleGrid>
  );
}
