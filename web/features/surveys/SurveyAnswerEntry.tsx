/**
 * A survey answer in an account's history: which survey, the score out of its scale with
 * what it makes the person (promoter, detractor…), the comment, and the comment's tone. The
 * timeline event carries the kind and score as its title ("NPS 3") and the category as its
 * status; it does not say who answered, so neither can this entry.
 */
import { Badge, Group, Text } from "@mantine/core";
import { Moment, Written } from "../interactions/InteractionBits";
import type { TimelineEvent } from "../interactions/interactions.api";
import { ToneMarker } from "../tone/ToneMarker";
import { answerCategoryLabels } from "./surveys.labels";

const TITLE = /^(NPS|CSAT|Check-in)(?: (\d+))?$/;

export function SurveyAnswerEntry({
  event,
  mayCorrectTone,
}: {
  event: TimelineEvent;
  mayCorrectTone: boolean;
}) {
  const [, kind = event.title, score] = TITLE.exec(event.title) ?? [];
  const outOf = kind === "NPS" ? 10 : 5;
  const category = event.status ? answerCategoryLabels[event.status] : undefined;
  return (
    <>
      <Group gap="xs" wrap="wrap" align="baseline">
        <Text size="sm" fw={600}>
          {kind} survey answered
        </Text>
        <Moment iso={event.at} />
      </Group>
      <Group gap="xs" wrap="wrap" align="center">
        <Text size="sm">
          {score === undefined ? (
            <Text span size="sm" c="dimmed">
              No score given
            </Text>
          ) : (
            <>
              <Text span size="sm" c="dimmed">
                Score{" "}
              </Text>
              <Text span size="sm" fw={600}>
                {score}
              </Text>{" "}
              <Text span size="sm" c="dimmed">
                of {outOf}
              </Text>
            </>
          )}
        </Text>
        {category && (
          <Badge size="sm" color={category.color} tt="none" fw={500}>
            {category.label}
          </Badge>
        )}
        <ToneMarker
          subjectType="survey_answer"
          subjectId={event.refId}
          mayCorrect={mayCorrectTone}
        />
      </Group>
      {event.detail ? (
        <Written label="Comment" text={event.detail} />
      ) : (
        <Text size="sm" c="dimmed">
          No comment.
        </Text>
      )}
    </>
  );
}
