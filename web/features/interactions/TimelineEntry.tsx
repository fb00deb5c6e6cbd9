/**
 * One event in an account's history: an interaction (who took part, what was said,
 * decided and agreed next, with "Make a task" for the next steps), a status change, a
 * milestone, or a need learned or settled. The icon says which at a glance; the moment is
 * relative, with the exact time on hover. Touches and survey answers show their tone.
 */
import { Anchor, Badge, Button, Group, Stack, Text, ThemeIcon } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconChecklist } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { hasRole, useCurrentMe } from "../../app/session";
import type { AccountStatus } from "../accounts/accounts.api";
import { statusLabels as accountStatusLabels } from "../accounts/accounts.model";
import { SurveyAnswerEntry } from "../surveys/SurveyAnswerEntry";
import { ToneMarker } from "../tone/ToneMarker";
import { Moment, Participants, RescheduleNotes, Written } from "./InteractionBits";
import { type Interaction, type TimelineEvent, useNextStepsTask } from "./interactions.api";
import { directionLabels, eventIcons, kindIcons, kindLabels } from "./interactions.labels";

type TimelineEntryProps = {
  event: TimelineEvent;
  /** Whether the member may change this interaction (and so turn its next steps into a task). */
  mayChange: (interaction: Interaction) => boolean;
  onWriteError: (error: unknown) => void;
};

const itemStyle = { borderTop: "1px solid var(--mantine-color-default-border)" } as const;

export function TimelineEntry({ event, mayChange, onWriteError }: TimelineEntryProps) {
  const interaction = event.interaction;
  const Icon = interaction ? kindIcons[interaction.kind] : eventIcons[event.kind as "milestone"];
  const cancelled = interaction?.state === "cancelled";
  // The tone API's rule: members and above correct a tone, viewers only read it.
  const mayCorrectTone = hasRole(useCurrentMe().member.role, "member");
  return (
    <Group component="li" gap="sm" wrap="nowrap" align="flex-start" py="sm" style={itemStyle}>
      <ThemeIcon
        variant="light"
        color={interaction && !cancelled ? "rapport" : "gray"}
        size={32}
        radius="md"
        aria-hidden
      >
        <Icon size={18} />
      </ThemeIcon>
      <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
        {interaction ? (
          <InteractionBody
            interaction={interaction}
            at={event.at}
            mayChange={mayChange(interaction)}
            mayCorrectTone={mayCorrectTone}
            onWriteError={onWriteError}
          />
        ) : event.kind === "survey_answer" ? (
          <SurveyAnswerEntry event={event} mayCorrectTone={mayCorrectTone} />
        ) : (
          <EventBody event={event} />
        )}
      </Stack>
    </Group>
  );
}

function Heading({
  children,
  at,
  byDay = false,
  aside,
}: {
  children: React.ReactNode;
  at: string;
  /** Milestones and needs are known to the day, not the minute. */
  byDay?: boolean;
  /** After the moment: the tone marker. */
  aside?: React.ReactNode;
}) {
  return (
    <Group gap="xs" wrap="wrap" align="baseline">
      <Text size="sm" fw={600}>
        {children}
      </Text>
      <Moment iso={at} precision={byDay ? "day" : "minute"} />
      {aside}
    </Group>
  );
}

/** Lateness in words, only when it is worth saying (five minutes or more either way). */
function punctuality(lateByMinutes: number | null): string | null {
  if (lateByMinutes === null || Math.abs(lateByMinutes) < 5) return null;
  return lateByMinutes > 0
    ? `Started ${lateByMinutes} min late`
    : `Started ${-lateByMinutes} min early`;
}

function InteractionBody({
  interaction,
  at,
  mayChange,
  mayCorrectTone,
  onWriteError,
}: {
  interaction: Interaction;
  at: string;
  mayChange: boolean;
  mayCorrectTone: boolean;
  onWriteError: (error: unknown) => void;
}) {
  const cancelled = interaction.state === "cancelled";
  const late = punctuality(interaction.lateByMinutes);
  const meta = [
    interaction.direction && !cancelled ? directionLabels[interaction.direction] : null,
    interaction.durationMinutes ? `${interaction.durationMinutes} min` : null,
  ].filter(Boolean);
  return (
    <>
      <Heading
        at={at}
        aside={
          // Only written substance is scored: a bare touch has no tone to ask for.
          (interaction.summary || interaction.decisions || interaction.nextSteps) && (
            <ToneMarker
              subjectType="interaction"
              subjectId={interaction.id}
              mayCorrect={mayCorrectTone}
            />
          )
        }
      >
        {kindLabels[interaction.kind]}
        {meta.length > 0 && (
          <Text span size="sm" fw={400} c="dimmed">
            {" · "}
            {meta.join(" · ")}
          </Text>
        )}
      </Heading>
      {(cancelled || late) && (
        <Group gap={6}>
          {cancelled && (
            <Badge size="sm" color="gray">
              Cancelled
            </Badge>
          )}
          {late && (
            <Badge size="sm" color={(interaction.lateByMinutes ?? 0) > 0 ? "yellow" : "gray"}>
              {late}
            </Badge>
          )}
        </Group>
      )}
      <Participants interaction={interaction} />
      {cancelled && <Written label="Reason" text={interaction.cancelReason} />}
      <Written text={interaction.summary} />
      <Written label="Decisions" text={interaction.decisions} />
      <Written label="Next steps" text={interaction.nextSteps} />
      {interaction.needs.length > 0 && (
        <Text size="sm">
          <Text span size="sm" c="dimmed">
            Needs discussed:{" "}
          </Text>
          {interaction.needs.map((need) => need.title).join(", ")}
        </Text>
      )}
      <RescheduleNotes history={interaction.rescheduleHistory} />
      {mayChange && !cancelled && interaction.nextSteps && (
        <MakeTaskButton interaction={interaction} onWriteError={onWriteError} />
      )}
    </>
  );
}

/**
 * The API answers the same task when asked twice, so a second click (or one after a
 * reload) is harmless; the notice links to the Tasks list either way.
 */
function MakeTaskButton({
  interaction,
  onWriteError,
}: {
  interaction: Interaction;
  onWriteError: (error: unknown) => void;
}) {
  const makeTask = useNextStepsTask();
  const [made, setMade] = useState(false);
  // Notifications render outside the router, so their link navigates through this hook.
  const navigate = useNavigate();
  const make = () =>
    makeTask.mutate(interaction, {
      onSuccess: () => {
        setMade(true);
        notifications.show({
          color: "rapport",
          title: "Task made from the next steps",
          message: (
            <>
              It is on your list, due in three days.{" "}
              <Anchor
                href="/tasks"
                size="sm"
                underline="always"
                onClick={(event) => {
                  event.preventDefault();
                  navigate("/tasks");
                }}
              >
                Open tasks
              </Anchor>
            </>
          ),
        });
      },
      onError: onWriteError,
    });
  return (
    <Group mt={4}>
      {made ? (
        <Anchor component={Link} to="/tasks" size="sm">
          <IconChecklist size={14} aria-hidden style={{ verticalAlign: "-2px" }} /> Task made: open
          tasks
        </Anchor>
      ) : (
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconChecklist size={14} aria-hidden />}
          loading={makeTask.isPending}
          onClick={make}
        >
          Make a task
        </Button>
      )}
    </Group>
  );
}

const needStatusWords: Record<string, string> = {
  open: "Need reopened",
  addressed: "Need addressed",
  dropped: "Need dropped",
};

function EventBody({ event }: { event: TimelineEvent }) {
  switch (event.kind) {
    case "status_change":
      return (
        <Heading at={event.at}>
          Status: {accountStatusLabels[event.title as AccountStatus] ?? event.title}
        </Heading>
      );
    case "milestone":
      return (
        <>
          <Heading at={event.at} byDay>
            Milestone: {event.title}
          </Heading>
          <Written text={event.detail} />
        </>
      );
    case "need_learned":
      return (
        <>
          <Heading at={event.at} byDay>
            Learned: {event.title}
          </Heading>
          <Written text={event.detail} />
        </>
      );
    default:
      return (
        <Heading at={event.at}>
          {needStatusWords[event.status ?? ""] ?? "Need changed"}: {event.title}
        </Heading>
      );
  }
}
