/**
 * The workspace's account tiers as an ordered list, most important first: add, remove and
 * move with buttons (keyboard-friendly, no dragging). When the server refuses to drop a
 * tier that accounts still use, the list says so and offers to keep it or see the accounts.
 */
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconAlertCircle, IconArrowDown, IconArrowUp, IconPlus, IconX } from "@tabler/icons-react";
import { type KeyboardEvent, useState } from "react";
import { Link } from "react-router";

type WorkspaceTiersFieldProps = {
  tiers: string[];
  /** The saved order, to mark new tiers and put a removed one back where it was. */
  savedTiers: string[];
  error: string | undefined;
  /** The server's 409 detail when a removed tier is still used by accounts. */
  conflict: string | null;
  onChange: (tiers: string[]) => void;
  /** The member typed in the new-tier input (clears its error). */
  onEdited: () => void;
  onDuplicate: (tier: string) => void;
};

export function WorkspaceTiersField({
  tiers,
  savedTiers,
  error,
  conflict,
  onChange,
  onEdited,
  onDuplicate,
}: WorkspaceTiersFieldProps) {
  const [newTier, setNewTier] = useState("");
  const droppedTiers = savedTiers.filter((tier) => !tiers.includes(tier));

  const moveTier = (index: number, offset: -1 | 1) => {
    const next = [...tiers];
    const [moved] = next.splice(index, 1);
    if (moved === undefined) return;
    next.splice(index + offset, 0, moved);
    onChange(next);
  };

  /** Puts a removed tier back where it was in the saved order. */
  const restoreTier = (tier: string) => {
    const next = [...tiers];
    const before = savedTiers.slice(0, savedTiers.indexOf(tier));
    next.splice(next.filter((kept) => before.includes(kept)).length, 0, tier);
    onChange(next);
  };

  const addTier = () => {
    const tier = newTier.trim();
    if (!tier) return;
    if (tiers.some((existing) => existing.toLowerCase() === tier.toLowerCase())) {
      onDuplicate(tier);
      return;
    }
    onChange([...tiers, tier]);
    setNewTier("");
  };

  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }} aria-describedby="tiers-help">
      <Title order={3} fz="md" component="legend" mb={4} p={0}>
        Account tiers
      </Title>
      <Text size="sm" c="dimmed" id="tiers-help" mb="sm">
        Most important first. Each account can carry one; a tier still used by accounts can only be
        removed once they are moved to another.
      </Text>
      <Card withBorder radius="md" p={0}>
        <Stack gap={0} component="ol" style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {tiers.map((tier, index) => (
            <Group
              key={tier}
              component="li"
              justify="space-between"
              px="md"
              py={8}
              wrap="nowrap"
              style={{
                borderTop: index ? "1px solid var(--mantine-color-default-border)" : undefined,
              }}
            >
              <Group gap="sm" wrap="nowrap">
                <Badge variant="light" circle aria-hidden>
                  {index + 1}
                </Badge>
                <Text size="sm" fw={500}>
                  {tier}
                </Text>
                {!savedTiers.includes(tier) && (
                  <Badge size="xs" variant="outline" color="gray" tt="none">
                    new
                  </Badge>
                )}
              </Group>
              <Group gap={4} wrap="nowrap">
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Move ${tier} up`}
                  disabled={index === 0}
                  onClick={() => moveTier(index, -1)}
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Move ${tier} down`}
                  disabled={index === tiers.length - 1}
                  onClick={() => moveTier(index, 1)}
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove tier ${tier}`}
                  onClick={() => onChange(tiers.filter((_, position) => position !== index))}
                >
                  <IconX size={16} />
                </ActionIcon>
              </Group>
            </Group>
          ))}
          {tiers.length === 0 && (
            <Text component="li" size="sm" c="dimmed" px="md" py="sm">
              No tiers: add at least one.
            </Text>
          )}
        </Stack>
      </Card>
      {conflict && (
        <Alert
          mt="sm"
          color="red"
          icon={<IconAlertCircle size={18} />}
          title="A tier you removed is still in use"
          role="alert"
        >
          <Text size="sm">{conflict}</Text>
          {droppedTiers.length > 0 && (
            <Group gap="md" mt="xs">
              {droppedTiers.map((tier) => (
                <Group key={tier} gap="sm">
                  <Anchor
                    component={Link}
                    to={`/accounts?tier=${encodeURIComponent(tier)}`}
                    size="sm"
                  >
                    See the accounts in “{tier}”
                  </Anchor>
                  <Button size="compact-sm" variant="default" onClick={() => restoreTier(tier)}>
                    Keep “{tier}”
                  </Button>
                </Group>
              ))}
            </Group>
          )}
        </Alert>
      )}
      <Group gap="sm" mt="sm" align="flex-start">
        <TextInput
          label="New tier"
          placeholder="e.g. strategic"
          maxLength={40}
          value={newTier}
          error={error}
          onChange={(event) => {
            setNewTier(event.currentTarget.value);
            onEdited();
          }}
          onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
            // Enter adds the tier instead of saving the whole form.
            if (event.key === "Enter") {
              event.preventDefault();
              addTier();
            }
          }}
          w={260}
        />
        <Button
          variant="default"
          mt={25}
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={addTier}
          disabled={!newTier.trim()}
        >
          Add tier
        </Button>
      </Group>
    </fieldset>
  );
}
