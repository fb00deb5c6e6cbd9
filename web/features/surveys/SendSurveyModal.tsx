/**
 * "Send a survey" from an account (its current people, all ticked) or a person's page: the
 * kind with the question it will ask, who, what a CSAT is about, then Send. The answer says
 * who was emailed, who only got a link to pass on, and who was skipped and why; managers may
 * send anyway to those asked too recently. Checked with the API's own schema before sending.
 */
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import {
  type SendSurveyInput,
  type SurveyKind,
  sendSurveyInput,
} from "../../../src/domains/surveys/surveys.inputs";
import { describeError } from "../../app/api";
import { useCurrentMe } from "../../app/session";
import { SendSurveyResult } from "./SendSurveyResult";
import { SurveyKindPicker } from "./SurveyKindPicker";
import {
  lastAskedOf,
  type SentSurveys,
  type SurveyRecipient,
  useSendSurvey,
  useSurveyRecipients,
  useSurveyRequests,
  useSurveySettings,
} from "./surveys.api";
import { throttleWords } from "./surveys.labels";

export type SurveyTarget =
  | { type: "account"; accountId: string }
  | { type: "person"; person: SurveyRecipient; accountName?: string };

type SendSurveyModalProps = { opened: boolean; onClose: () => void; target: SurveyTarget };

export function SendSurveyModal({ opened, onClose, target }: SendSurveyModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Send a survey" centered size="lg">
      {/* Mounted only while open: each opening starts a fresh form and reads fresh people. */}
      {opened && <SendSurveyFlow target={target} onClose={onClose} />}
    </Modal>
  );
}

export type SentRound = {
  result: SentSurveys;
  kind: SurveyKind;
  about: string | null;
  /** When each person was last asked this kind, read before sending. */
  lastAsked: Map<string, string>;
};

function SendSurveyFlow({ target, onClose }: { target: SurveyTarget; onClose: () => void }) {
  const people = useSurveyRecipients(target.type === "account" ? target.accountId : "", {
    enabled: target.type === "account",
  });
  const [round, setRound] = useState<SentRound | null>(null);
  const recipients = target.type === "person" ? [target.person] : people.data;

  if (target.type === "account" && people.isError) {
    return (
      <Alert color="red">Could not load the account's people: {describeError(people.error)}</Alert>
    );
  }
  if (!recipients) return <Loader aria-label="Loading the account's people" />;
  if (round) {
    return (
      <SendSurveyResult
        round={round}
        recipients={recipients}
        onRoundChange={setRound}
        onClose={onClose}
      />
    );
  }
  return (
    <SendSurveyForm target={target} recipients={recipients} onSent={setRound} onClose={onClose} />
  );
}

function SendSurveyForm({
  target,
  recipients,
  onSent,
  onClose,
}: {
  target: SurveyTarget;
  recipients: SurveyRecipient[];
  onSent: (round: SentRound) => void;
  onClose: () => void;
}) {
  const me = useCurrentMe();
  const settings = useSurveySettings();
  const send = useSendSurvey();
  const [kind, setKind] = useState<SurveyKind>("nps");
  const [chosen, setChosen] = useState<string[]>(() => recipients.map((r) => r.id));
  const [about, setAbout] = useState("");
  const [errors, setErrors] = useState<{ who?: string; about?: string }>({});
  const requests = useSurveyRequests(
    target.type === "account"
      ? { accountId: target.accountId, kind }
      : { contactId: target.person.id, kind },
  );
  const lastAsked = lastAskedOf(requests.data?.data);
  const throttleDays = settings.data?.throttleDays[kind];
  const template = settings.data?.templates[kind];
  const first = recipients.find((r) => chosen.includes(r.id)) ?? recipients[0];
  const wording = {
    workspace: me.workspace.name,
    contact: first?.firstName ?? "Alex",
    about: about || null,
  };

  const recentlyAsked = (id: string) => {
    const at = lastAsked.get(id);
    if (!at || throttleDays === undefined) return null;
    const within = Date.now() - new Date(at).getTime() < throttleDays * 86_400_000;
    return within ? throttleWords(kind, at, throttleDays) : null;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const all = target.type === "account" && chosen.length === recipients.length;
    // The whole account goes by accountId, so each request counts for this account even for
    // someone who also works elsewhere (named contacts go to their oldest current account).
    const body: SendSurveyInput = {
      kind,
      ...(target.type === "account" && all
        ? { accountId: target.accountId }
        : { contactIds: target.type === "person" ? [target.person.id] : chosen }),
      ...(kind === "csat" && about.trim() ? { about: about.trim() } : {}),
    };
    if (chosen.length === 0) return setErrors({ who: "Tick at least one person" });
    const checked = sendSurveyInput.safeParse(body);
    if (!checked.success) {
      const aboutIssue = checked.error.issues.find((issue) => issue.path[0] === "about");
      return setErrors({
        about: aboutIssue?.message,
        who: aboutIssue ? undefined : checked.error.issues[0]?.message,
      });
    }
    setErrors({});
    send.mutate(body, {
      onSuccess: (result) => onSent({ result, kind, about: body.about ?? null, lastAsked }),
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Send a survey">
      <Stack gap="md">
        {send.error && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} title="Not sent" role="alert">
            {describeError(send.error)}
          </Alert>
        )}
        <SurveyKindPicker
          kind={kind}
          onChange={setKind}
          template={template}
          expiresAfterDays={settings.data?.expiresAfterDays}
          wording={wording}
        />

        {kind === "csat" && (
          <TextInput
            label="What it is about"
            description="Shown in the mail and on the page: “How satisfied are you with …?”"
            placeholder="the website relaunch in March"
            maxLength={300}
            value={about}
            error={errors.about}
            onChange={(event) => setAbout(event.currentTarget.value)}
          />
        )}

        {target.type === "person" ? (
          <Text size="sm">
            <Text span size="sm" c="dimmed">
              To{" "}
            </Text>
            <strong>{target.person.name}</strong>
            {target.accountName && ` at ${target.accountName}`}
            {target.person.email
              ? ` (${target.person.email})`
              : ", who has no email address: you get a link to pass on"}
            {recentlyAsked(target.person.id) && (
              <Text span size="xs" c="dimmed" display="block" mt={2}>
                Will be skipped: {recentlyAsked(target.person.id)}.
              </Text>
            )}
          </Text>
        ) : recipients.length === 0 ? (
          <Alert color="gray" title="Nobody to ask">
            This account has no current people. Add someone on its People tab first.
          </Alert>
        ) : (
          <Checkbox.Group
            label="Who"
            description="The account's current people. Those without an email address get a link you pass on yourself."
            value={chosen}
            onChange={(value) => {
              setChosen(value);
              setErrors({});
            }}
            error={errors.who}
          >
            <Stack gap="xs" mt="xs">
              {recipients.map((person) => {
                const recent = recentlyAsked(person.id);
                return (
                  <Checkbox
                    key={person.id}
                    value={person.id}
                    label={person.name}
                    description={[
                      person.email ?? "No email address: link only",
                      recent && `Will be skipped: ${recent}`,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  />
                );
              })}
            </Stack>
          </Checkbox.Group>
        )}

        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={send.isPending} disabled={recipients.length === 0}>
            Send survey
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
