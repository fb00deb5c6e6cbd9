/**
 * The newest answers of the chosen kind, with their comments, so the numbers above come with
 * what people actually said. The requests list carries the answer but names neither person
 * nor account: the account comes from the results' per-account rows, the person from their
 * contact record (ten reads at most, cached).
 */
import { Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { SurveyKind } from "../../../src/domains/surveys/surveys.inputs";
import { formatDateTime } from "../../components/format";
import { useContact } from "../people/people.api";
import { fullName } from "../people/people.format";
import { type SurveyRequest, useSurveyRequests } from "./surveys.api";
import { answerCategoryLabels, surveyKindLabels } from "./surveys.labels";

const SHOWN = 10;

function categoryOf(kind: SurveyKind, score: number | null) {
  if (score === null) return undefined;
  if (kind === "nps")
    return answerCategoryLabels[score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor"];
  return answerCategoryLabels[score >= 4 ? "satisfied" : score === 3 ? "neutral" : "dissatisfied"];
}

export function LatestAnswers({
  kind,
  accountNames,
}: {
  kind: SurveyKind;
  accountNames: Map<string, string>;
}) {
  const answers = useSurveyRequests({ kind, status: "answered" }, { limit: SHOWN });
  const rows = answers.data?.data ?? [];
  return (
    <Stack gap="xs">
      <Title order={3} fz="md">
        Latest {surveyKindLabels[kind]} answers
      </Title>
      {answers.isPending ? null : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No {surveyKindLabels[kind]} survey has been answered yet.
        </Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
          {rows.map((request) => (
            <Answer
              key={request.id}
              request={request}
              accountName={accountNames.get(request.accountId)}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function Answer({ request, accountName }: { request: SurveyRequest; accountName?: string }) {
  const contact = useContact(request.contactId);
  const answer = request.answer;
  if (!answer) return null;
  const outOf = request.kind === "nps" ? 10 : 5;
  const category = categoryOf(request.kind, answer.score);
  return (
    <Card component="li" withBorder radius="md" p="sm">
      <Group justify="space-between" gap="xs" align="baseline">
        <Text size="sm">
          <Text span fw={600}>
            {contact.data ? fullName(contact.data) : "…"}
          </Text>
          {" · "}
          <Anchor component={Link} to={`/accounts/${request.accountId}?tab=activity`} size="sm">
            {accountName ?? "Open the account"}
          </Anchor>
          {request.about && (
            <Text span size="sm" c="dimmed">
              {" "}
              · about {request.about}
            </Text>
          )}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(answer.answeredAt)}
        </Text>
      </Group>
      <Group gap="xs" mt={4}>
        <Text size="sm">
          {answer.score === null ? "No score" : `Score ${answer.score} of ${outOf}`}
        </Text>
        {category && (
          <Badge size="sm" color={category.color} tt="none" fw={500}>
            {category.label}
          </Badge>
        )}
      </Group>
      {answer.responses.map((response) => (
        <Text key={response.question} size="sm" mt={4}>
          <Text span size="sm" c="dimmed">
            {response.question}{" "}
          </Text>
          {response.answer || "—"}
        </Text>
      ))}
      <Text
        size="sm"
        mt={4}
        c={answer.comment ? undefined : "dimmed"}
        style={{ whiteSpace: "pre-wrap" }}
      >
        {answer.comment ? `“${answer.comment}”` : "No comment."}
      </Text>
    </Card>
  );
}
