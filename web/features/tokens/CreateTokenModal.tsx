/**
 * Create an API token. The secret exists in exactly one response, so the dialog shows it
 * once, with a copy button and a plain warning, and never again after it closes.
 */
import { Alert, Button, Code, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertCircle, IconAlertTriangle } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { createTokenInput } from "../../../src/platform/auth/auth.inputs";
import { CopyField } from "../../components/CopyField";
import { useFieldErrors, validate } from "../../components/form-errors";
import { type NewApiToken, useCreateApiToken } from "./tokens.api";

const fields = ["label"] as const;

export function CreateTokenModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateApiToken();
  const [label, setLabel] = useState("");
  const errors = useFieldErrors(create.error, fields);

  const close = () => {
    onClose();
    // Forget the secret as soon as the dialog closes.
    setLabel("");
    create.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (errors.check(validate(createTokenInput, { label }))) create.mutate(label.trim());
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={create.data ? "Copy your new token" : "Create API token"}
      centered
      size="lg"
      // Closing by a stray click outside would lose the secret: require an explicit close.
      closeOnClickOutside={!create.data}
    >
      {create.data ? (
        <TokenSecret token={create.data} onDone={close} />
      ) : (
        <form onSubmit={submit} noValidate aria-label="Create API token">
          <Stack gap="md">
            {errors.general && (
              <Alert
                color="red"
                icon={<IconAlertCircle size={18} />}
                title="Could not create the token"
                role="alert"
              >
                {errors.general}
              </Alert>
            )}
            <Text size="sm">
              A token acts as you, with your role, for scripts and integrations calling the Rapport
              API.
            </Text>
            <TextInput
              label="Label"
              description="What the token is for, so you recognise it later."
              placeholder="Nightly CRM export"
              required
              data-autofocus
              maxLength={100}
              value={label}
              error={errors.of("label")}
              onChange={(event) => {
                setLabel(event.currentTarget.value);
                errors.edited("label");
              }}
            />
            <Group justify="flex-end" gap="sm" mt="xs">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create token
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function TokenSecret({ token, onDone }: { token: NewApiToken; onDone: () => void }) {
  return (
    <Stack gap="md">
      <Alert
        color="yellow"
        icon={<IconAlertTriangle size={18} />}
        title="This is the only time you will see it"
      >
        Copy the token now and store it somewhere safe, such as your password manager or your
        integration's secret settings. Rapport keeps only a fingerprint and cannot show it again.
      </Alert>
      <CopyField label={`Token “${token.label}”`} value={token.token} />
      <Text size="sm" c="dimmed">
        Send it as <Code>Authorization: Bearer &lt;token&gt;</Code>. If it leaks, revoke it here and
        create a new one.
      </Text>
      <Group justify="flex-end">
        <Button onClick={onDone}>I have copied it</Button>
      </Group>
    </Stack>
  );
}
