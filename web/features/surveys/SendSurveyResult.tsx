/**
 * What a send did, person by person: "Sent to Dana Reyes" (by email), a link to copy for
 * those without an email address (shown once: only its hash is kept), and who was skipped
 * and why. Managers may send anyway to those asked too recently (the API's force).
 */
import { Alert, Button, Group, List, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconAlertCircle, IconClockPause, IconLink, IconMailCheck } from "@tabler/icons-react";
import { describeError } from "../../app/api";
import { hasRole, useCurrentMe } from "../../app/session";
import { CopyField } from "../../components/CopyField";
import type { SentRound } from "./SendSurveyModal";
import { type SurveyRecipient, useSendSurvey, useSurveySettings } from "./surveys.api";
import { surveyKindLabels, throttleWords } from "./surveys.labels";

type SendSurveyResultProps = {
  round: SentRound;
  recipients: SurveyRecipient[];
  onRoundChange: (round: SentRound) => void;
  onClose: () => void;
};

export function SendSurveyResult({
  round,
  recipients,
  onRoundChange,
  onClose,
}: SendSurveyResultProps) {
  const me = useCurrentMe();
  const settings = useSurveySettings();
  const send = useSendSurvey();
  const { result, kind } = round;
  const mayForce = hasRole(me.member.role, "manager");
  const nameOf = (id: string) => recipients.find((r) => r.id === id)?.name ?? "Someone";
  const emailed = result.data.filter((sent) => sent.emailedTo);
  const linkOnly = result.data.filter((sent) => !sent.emailedTo);
  const throttled = result.skipped.filter((skip) => skip.reason === "throttled");
  const throttleDays = settings.data?.throttleDays[kind];
  const why = (skip: (typeof result.skipped)[number]) => {
    // The skip says only "asked on <day>"; the requests read before sending say how long ago.
    const at = round.lastAsked.get(skip.contactId);
    return skip.reason === "throttled" && at && throttleDays !== undefined
      ? `${throttleWords(kind, at, throttleDays)}.`
      : skip.message;
  };

  const sendAnyway = () =>
    send.mutate(
      {
        kind,
        contactIds: throttled.map((skip) => skip.contactId),
        ...(round.about ? { about: round.about } : {}),
        force: true,
      },
      {
        onSuccess: (again) =>
          onRoundChange({
            ...round,
            result: {
              data: [...result.data, ...again.data],
              skipped: [
                ...result.skipped.filter((skip) => skip.reason !== "throttled"),
                ...again.skipped,
              ],
            },
          }),
      },
    );

  return (
    <Stack gap="md" aria-live="polite">
      <Text size="sm">
        {result.data.length === 0
          ? `No ${surveyKindLabels[kind]} survey went out.`
          : `${surveyKindLabels[kind]} survey sent to ${result.data.length} ${result.data.length === 1 ? "person" : "people"}. Their answers appear in the account's history and in Reports.`}
      </Text>

      {emailed.length > 0 && (
        <List spacing="xs" listStyleType="none" p={0} m={0} aria-label="Emailed">
          {emailed.map((sent) => (
            <List.Item
              key={sent.id}
              icon={<Marker color="rapport" icon={<IconMailCheck size={14} />} />}
            >
              <Text size="sm" fw={500}>
                Sent to {nameOf(sent.contactId)}
              </Text>
              <Text size="xs" c="dimmed">
                By email to {sent.emailedTo}
              </Text>
            </List.Item>
          ))}
        </List>
      )}

      {linkOnly.length > 0 && (
        <Stack gap="sm">
          <Title order={3} fz="sm">
            <IconLink size={14} aria-hidden style={{ verticalAlign: "-2px" }} /> Links to pass on
          </Title>
          {linkOnly.map((sent) => (
            <CopyField
              key={sent.id}
              label={`Answer link for ${nameOf(sent.contactId)}`}
              value={sent.url}
              description={`${sent.note ?? "No email address."} Shown only now.`}
            />
          ))}
        </Stack>
      )}

      {result.skipped.length > 0 && (
        <Stack gap="xs">
          <Title order={3} fz="sm">
            Not sent
          </Title>
          <List spacing="xs" listStyleType="none" p={0} m={0} aria-label="Not sent">
            {result.skipped.map((skip) => (
              <List.Item
                key={`${skip.contactId}-${skip.reason}`}
                icon={<Marker color="gray" icon={<IconClockPause size={14} />} />}
              >
                <Text size="sm">
                  <strong>{nameOf(skip.contactId)}</strong>: {why(skip)}
                </Text>
              </List.Item>
            ))}
          </List>
          {throttled.length > 0 && !mayForce && (
            <Text size="xs" c="dimmed">
              Only managers and above may send despite the limit.
            </Text>
          )}
        </Stack>
      )}

      {send.error && (
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
          {describeError(send.error)}
        </Alert>
      )}

      <Group justify="flex-end" gap="sm">
        {throttled.length > 0 && mayForce && (
          <Button variant="default" loading={send.isPending} onClick={sendAnyway}>
            Send anyway
          </Button>
        )}
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}

function Marker({ color, icon }: { color: string; icon: React.ReactNode }) {
  return (
    <ThemeIcon size={22} radius="xl" variant="light" color={color} aria-hidden>
      {icon}
    </ThemeIcon>
  );
}
