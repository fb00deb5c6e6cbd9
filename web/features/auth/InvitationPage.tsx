/**
 * Accepting an invitation link (/invite/:token). Someone new to this installation sets a
 * password; someone who already has a Rapport login confirms it with their current
 * password, so an invitation link alone can never take over an existing account.
 */
import { Alert, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertCircle, IconLinkOff } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import {
  acceptInvitationInput,
  newUserInvitationInput,
} from "../../../src/platform/auth/auth.inputs";
import { ApiError, api, describeError, readJson } from "../../app/api";
import { roleLabels, useSignedIn } from "../../app/session";
import { AuthFrame } from "../../components/AuthFrame";
import { FullPageLoader } from "../../components/FullPageLoader";
import { useFieldErrors, validate } from "../../components/form-errors";

const fields = ["password", "name"] as const;

export function InvitationPage() {
  const { token = "" } = useParams();
  const invitation = useQuery({
    queryKey: ["invitation", token],
    queryFn: () => readJson(api.v1.invitations[":token"].$get({ param: { token } })),
    retry: false,
  });

  if (invitation.isPending) return <FullPageLoader label="Loading your invitation" />;
  if (invitation.isError) {
    const unknownLink = invitation.error instanceof ApiError && invitation.error.status === 404;
    return (
      <AuthFrame
        title={unknownLink ? "This invitation link does not work" : "Could not open the invitation"}
      >
        <Stack gap="md">
          <Alert
            color={unknownLink ? "gray" : "red"}
            icon={unknownLink ? <IconLinkOff size={18} /> : <IconAlertCircle size={18} />}
          >
            {unknownLink
              ? "It may have been used already, or it expired. Ask the person who invited you to send a new invitation."
              : describeError(invitation.error)}
          </Alert>
          <Button component={Link} to="/login" variant="default">
            Go to sign in
          </Button>
        </Stack>
      </AuthFrame>
    );
  }
  return <AcceptInvitationForm token={token} invitation={invitation.data} />;
}

type Invitation = InferResponseType<(typeof api.v1.invitations)[":token"]["$get"], 200>;

function AcceptInvitationForm({ token, invitation }: { token: string; invitation: Invitation }) {
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  const [name, setName] = useState(invitation.name);
  const [password, setPassword] = useState("");

  const accept = useMutation({
    mutationFn: (json: { password: string; name?: string }) =>
      readJson(api.v1.invitations[":token"].accept.$post({ param: { token }, json })),
    onSuccess: (me) => {
      signedIn(me);
      navigate("/today", { replace: true });
    },
  });
  const errors = useFieldErrors(accept.error, fields);
  const wrongPassword = accept.error instanceof ApiError && accept.error.status === 401;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const valid = invitation.hasPassword
      ? errors.check(validate(acceptInvitationInput, { password }))
      : errors.check(validate(newUserInvitationInput, { name, password }));
    if (!valid) return;
    accept.mutate(invitation.hasPassword ? { password } : { password, name: name.trim() });
  };

  return (
    <AuthFrame
      title={`Join ${invitation.workspaceName}`}
      description={
        <>
          You were invited as <strong>{roleLabels[invitation.role]}</strong> with the email{" "}
          <strong>{invitation.email}</strong>.
        </>
      }
    >
      <form onSubmit={submit} noValidate aria-label="Accept invitation">
        <Stack gap="md">
          {(wrongPassword || errors.general) && (
            <Alert
              color="red"
              icon={<IconAlertCircle size={18} />}
              title="Could not accept the invitation"
              role="alert"
            >
              {wrongPassword ? "That is not the current password of this account." : errors.general}
            </Alert>
          )}
          {invitation.hasPassword ? (
            <>
              <Text size="sm">
                You already have a Rapport login with this email. Enter your current password to add{" "}
                {invitation.workspaceName} to it.
              </Text>
              <PasswordInput
                label="Your current password"
                autoComplete="current-password"
                required
                autoFocus
                value={password}
                error={errors.of("password")}
                onChange={(event) => {
                  setPassword(event.currentTarget.value);
                  errors.edited("password");
                }}
              />
            </>
          ) : (
            <>
              <TextInput
                label="Your name"
                description="How your colleagues will see you."
                autoComplete="name"
                required
                value={name}
                error={errors.of("name")}
                onChange={(event) => {
                  setName(event.currentTarget.value);
                  errors.edited("name");
                }}
              />
              <PasswordInput
                label="Choose a password"
                description="At least 10 characters."
                autoComplete="new-password"
                required
                autoFocus
                value={password}
                error={errors.of("password")}
                onChange={(event) => {
                  setPassword(event.currentTarget.value);
                  errors.edited("password");
                }}
              />
            </>
          )}
          <Button type="submit" size="md" loading={accept.isPending} mt="xs">
            Join {invitation.workspaceName}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
