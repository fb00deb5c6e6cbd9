/**
 * The relationship's dated milestones (P2: where they come from), newest first, with a form
 * to add one. Milestones live on the account, so adding or removing one is an account
 * change under If-Match like any other.
 */
import "@mantine/dates/styles.css";
import {
  ActionIcon,
  Alert,
  Button,
  Collapse,
  Group,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Tooltip,
} from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconFlag, IconPlus, IconTrash } from "@tabler/icons-react";
import dayjs from "dayjs";
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { milestoneInput } from "../../../src/domains/accounts/accounts.inputs";
import { ApiError } from "../../app/api";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useFieldErrors, validate } from "../../components/form-errors";
import { isStaleVersion } from "../../components/nested-field-errors";
import { AccountOverviewCard } from "./AccountOverviewCard";
import { type Account, useUpdateAccount } from "./accounts.api";
import { formatDay } from "./accounts.model";

type Milestone = Account["milestones"][number];
const fields = ["on", "title", "detail"] as const;

/** The server names "milestones.3.title"; the form has one "title" input for the new one. */
function withMilestonePaths(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return error;
  return new ApiError({
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    errors: error.fieldErrors.map((fieldError) => ({
      ...fieldError,
      path: fieldError.path.replace(/^milestones\.\d+\./, ""),
    })),
  });
}

type AccountMilestonesProps = {
  account: Account;
  canEdit: boolean;
  onWriteError: (error: unknown) => void;
};

export function AccountMilestones({ account, canEdit, onWriteError }: AccountMilestonesProps) {
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<number | null>(null);
  const remove = useUpdateAccount();
  // Newest first, each with its place in the stored (oldest-first) list.
  const timeline = account.milestones.map((milestone, index) => ({ milestone, index })).reverse();

  const confirmRemove = () => {
    if (removing === null) return;
    const milestones = account.milestones.filter((_, index) => index !== removing);
    remove.mutate(
      { account, change: { milestones } },
      {
        onSuccess: () =>
          notifications.show({
            color: "rapport",
            title: "Milestone removed",
            message: "The timeline is updated.",
          }),
        onError: onWriteError,
        onSettled: () => setRemoving(null),
      },
    );
  };

  return (
    <AccountOverviewCard
      title="Milestones"
      description="The dated moments of the relationship: first contact, signature, launches, changes on their side."
      actions={
        canEdit &&
        !adding && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setAdding(true)}
          >
            Add milestone
          </Button>
        )
      }
    >
      <Collapse expanded={adding}>
        {adding && (
          <AddMilestoneForm
            account={account}
            onDone={() => setAdding(false)}
            onWriteError={onWriteError}
          />
        )}
      </Collapse>
      {timeline.length === 0 ? (
        <Text size="sm" c="dimmed">
          No milestones yet.
          {canEdit ? " Add the first: when did you meet, when did they sign?" : ""}
        </Text>
      ) : (
        <Timeline bulletSize={22} lineWidth={2} active={timeline.length}>
          {timeline.map(({ milestone, index }) => (
            <Timeline.Item
              key={`${milestone.on}-${index}`}
              bullet={<IconFlag size={12} aria-hidden />}
              title={
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {milestone.title}
                  </Text>
                  {canEdit && (
                    <Tooltip label="Remove milestone">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="sm"
                        aria-label={`Remove milestone “${milestone.title}”`}
                        onClick={() => setRemoving(index)}
                      >
                        <IconTrash size={14} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              }
            >
              <Text size="xs" c="dimmed">
                {formatDay(milestone.on)}
              </Text>
              {milestone.detail && (
                <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap" }}>
                  {milestone.detail}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      <ConfirmDialog
        opened={removing !== null}
        title="Remove milestone"
        confirmLabel="Remove milestone"
        danger
        loading={remove.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={confirmRemove}
      >
        Remove <strong>{removing !== null ? account.milestones[removing]?.title : ""}</strong> from
        the timeline? The account's audit log keeps a record of it.
      </ConfirmDialog>
    </AccountOverviewCard>
  );
}

function AddMilestoneForm({
  account,
  onDone,
  onWriteError,
}: {
  account: Account;
  onDone: () => void;
  onWriteError: (error: unknown) => void;
}) {
  const add = useUpdateAccount();
  const [on, setOn] = useState<string | null>(() => dayjs().format("YYYY-MM-DD"));
  const [title, setTitle] = useState("");
  const [detail, setDetail] = useState("");
  // A 412 is the page's business (it offers a reload); everything else belongs to this form.
  const formError = isStaleVersion(add.error) ? null : add.error;
  const serverError = useMemo(() => withMilestonePaths(formError), [formError]);
  const errors = useFieldErrors(serverError, fields);
  const titleInput = useRef<HTMLInputElement>(null);
  // The member just asked to add one: start where they will type.
  useEffect(() => titleInput.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const milestone: Milestone = {
      on: on ?? "",
      title: title.trim(),
      ...(detail.trim() ? { detail: detail.trim() } : {}),
    };
    if (!errors.check(validate(milestoneInput, { detail: undefined, ...milestone }))) return;
    add.mutate(
      { account, change: { milestones: [...account.milestones, milestone] } },
      {
        onSuccess: () => {
          notifications.show({
            color: "rapport",
            title: "Milestone added",
            message: `“${milestone.title}” is on the timeline.`,
          });
          onDone();
        },
        onError: (error) => {
          if (isStaleVersion(error)) onWriteError(error);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Add milestone">
      <Stack
        gap="sm"
        p="md"
        mb="md"
        style={{
          border: "1px solid var(--mantine-color-default-border)",
          borderRadius: "var(--mantine-radius-md)",
        }}
      >
        {errors.general && (
          <Alert
            color="red"
            icon={<IconAlertCircle size={18} />}
            title="Could not add the milestone"
            role="alert"
          >
            {errors.general}
          </Alert>
        )}
        <Group align="flex-start" gap="sm" grow preventGrowOverflow={false}>
          <DateInput
            label="Date"
            required
            valueFormat="D MMM YYYY"
            placeholder="Pick or type a date"
            value={on}
            error={errors.of("on")}
            onChange={(value) => {
              setOn(value);
              errors.edited("on");
            }}
            maw={200}
            popoverProps={{ withinPortal: true }}
          />
          <TextInput
            label="What happened"
            placeholder="Signed the first contract"
            required
            ref={titleInput}
            maxLength={200}
            value={title}
            error={errors.of("title")}
            onChange={(event) => {
              setTitle(event.currentTarget.value);
              errors.edited("title");
            }}
          />
        </Group>
        <Textarea
          label="Detail"
          placeholder="Anything worth remembering about it (optional)"
          autosize
          minRows={2}
          maxRows={6}
          maxLength={5000}
          value={detail}
          error={errors.of("detail")}
          onChange={(event) => {
            setDetail(event.currentTarget.value);
            errors.edited("detail");
          }}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" size="xs" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" size="xs" loading={add.isPending}>
            Add to timeline
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
