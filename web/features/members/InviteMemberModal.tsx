/**
 * Invite someone: name, email, role. The answer carries the invitation link; it is shown
 * here with a copy button (handy when mail is not set up yet) and also sits in the outbox.
 */
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertCircle, IconMailForward } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { inviteMemberInput } from "../../../src/platform/auth/auth.inputs";
import { type Role, roleDescriptions, roleLabels, roles } from "../../app/session";
import { CopyField } from "../../components/CopyField";
import { useFieldErrors, validate } from "../../components/form-errors";
import { type Invitation, useInviteMember } from "./members.api";

const fields = ["name", "email", "role"] as const;

type InviteMemberModalProps = {
  opened: boolean;
  onClose: () => void;
  /** Roles the signed-in member may hand out (only owners may make owners). */
  grantableRoles: Role[];
};

export function InviteMemberModal({ opened, onClose, grantableRoles }: InviteMemberModalProps) {
  const invite = useInviteMember();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const errors = useFieldErrors(invite.error, fields);

  const reset = () => {
    setName("");
    setEmail("");
    setRole("member");
    invite.reset();
  };
  const close = () => {
    onClose();
    reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (errors.check(validate(inviteMemberInput, { name, email: email.trim(), role }))) {
      invite.mutate({ name: name.trim(), email: email.trim(), role });
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={invite.data ? "Invitation ready" : "Invite a member"}
      centered
      size="lg"
    >
      {invite.data ? (
        <InvitationSent invitation={invite.data} onInviteAnother={reset} onDone={close} />
      ) : (
        <form onSubmit={submit} noValidate aria-label="Invite a member">
          <Stack gap="md">
            {errors.general && (
              <Alert
                color="red"
                icon={<IconAlertCircle size={18} />}
                title="Could not invite"
                role="alert"
              >
                {errors.general}
              </Alert>
            )}
            <TextInput
              label="Name"
              required
              data-autofocus
              value={name}
              error={errors.of("name")}
              onChange={(event) => {
                setName(event.currentTarget.value);
                errors.edited("name");
              }}
            />
            <TextInput
              label="Email"
              type="email"
              required
              value={email}
              error={errors.of("email")}
              onChange={(event) => {
                setEmail(event.currentTarget.value);
                errors.edited("email");
              }}
            />
            <Select
              label="Role"
              required
              allowDeselect={false}
              data={roles
                .filter((option) => grantableRoles.includes(option))
                .toReversed()
                .map((option) => ({ value: option, label: roleLabels[option] }))}
              value={role}
              description={roleDescriptions[role]}
              error={errors.of("role")}
              onChange={(value) => {
                if (value) setRole(value as Role);
                errors.edited("role");
              }}
            />
            <Group justify="flex-end" gap="sm" mt="xs">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button
                type="submit"
                loading={invite.isPending}
                leftSection={<IconMailForward size={16} />}
              >
                Send invitation
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function InvitationSent({
  invitation,
  onInviteAnother,
  onDone,
}: {
  invitation: Invitation;
  onInviteAnother: () => void;
  onDone: () => void;
}) {
  return (
    <Stack gap="md">
      <Text size="sm">
        <strong>{invitation.member.name}</strong> is invited as {roleLabels[invitation.member.role]}
        . We are emailing the link to <strong>{invitation.member.email}</strong>; you can also send
        it yourself.
      </Text>
      <CopyField
        label="Invitation link"
        value={invitation.invitationUrl}
        description="Anyone with this link can join as this member, so share it only with them."
      />
      <Text size="xs" c="dimmed">
        If mail is not configured yet, the message waits in Settings → Outbox.
      </Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onInviteAnother}>
          Invite another
        </Button>
        <Button onClick={onDone} data-autofocus>
          Done
        </Button>
      </Group>
    </Stack>
  );
}
