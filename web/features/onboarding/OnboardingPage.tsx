/**
 * First run: no workspace exists yet, so whoever opens Rapport creates the firm's
 * workspace and becomes its first owner, and is signed in straight away. Or, to look
 * around first, "Explore with demo data" builds a sample firm with two years of history
 * and signs in as its owner; the login is shown once, in a notification that stays.
 */
import {
  Alert,
  Button,
  Code,
  Divider,
  Loader,
  PasswordInput,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconSparkles } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Navigate, useNavigate } from "react-router";
import { onboardingInput } from "../../../src/platform/auth/auth.inputs";
import { api, describeError, readJson } from "../../app/api";
import { useOnboardingStatus, useSignedIn } from "../../app/session";
import { AuthFrame } from "../../components/AuthFrame";
import { FullPageLoader } from "../../components/FullPageLoader";
import { useFieldErrors, validate } from "../../components/form-errors";

const fields = ["workspaceName", "name", "email", "password"] as const;
type Field = (typeof fields)[number];

export function OnboardingPage() {
  const status = useOnboardingStatus();
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  const [values, setValues] = useState<Record<Field, string>>({
    workspaceName: "",
    name: "",
    email: "",
    password: "",
  });

  const create = useMutation({
    mutationFn: (input: Record<Field, string>) =>
      readJson(api.v1.onboarding.$post({ json: input })),
    onSuccess: (me) => {
      signedIn(me);
      navigate("/today", { replace: true });
    },
  });
  const errors = useFieldErrors(create.error, fields);
  const demo = useMutation({
    mutationFn: () => readJson(api.v1.onboarding.demo.$post({ json: {} })),
    onSuccess: ({ demoLogin, ...me }) => {
      signedIn(me);
      navigate("/today", { replace: true });
      notifications.show({
        id: "demo-login",
        color: "rapport",
        autoClose: false,
        title: "Your demo workspace is ready",
        message: (
          <Stack gap={4}>
            <Text size="sm">Sign in again later with:</Text>
            <Text size="sm">
              Email <Code>{demoLogin.email}</Code>
            </Text>
            <Text size="sm">
              Password <Code>{demoLogin.password}</Code>
            </Text>
          </Stack>
        ),
      });
    },
  });
  const busy = create.isPending || demo.isPending;

  if (status.isPending) return <FullPageLoader />;
  // Someone finished onboarding already (or in another tab): there is nothing to create.
  if (status.data && !status.data.needed && !create.isSuccess && !demo.isSuccess)
    return <Navigate to="/login" replace />;

  const field = (name: Field) => ({
    value: values[name],
    error: errors.of(name),
    onChange: (event: { currentTarget: { value: string } }) => {
      const { value } = event.currentTarget;
      setValues((previous) => ({ ...previous, [name]: value }));
      errors.edited(name);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.check(
      validate(onboardingInput, { ...values, email: values.email.trim() }),
    );
    if (valid) create.mutate({ ...values, email: values.email.trim() });
  };

  return (
    <AuthFrame
      title="Set up your workspace"
      description="Rapport keeps every client relationship of your firm in one place. Name your workspace and create the first owner account; you can invite your team next."
      width={480}
    >
      {demo.isPending ? (
        <Stack align="center" gap="sm" py="lg" role="status" aria-live="polite">
          <Loader aria-hidden />
          <Text fw={600}>Building your demo firm…</Text>
          <Text size="sm" c="dimmed" ta="center">
            Forty client accounts, their people, two years of meetings, calls and survey answers,
            then each relationship's health. This takes a few seconds.
          </Text>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Create workspace">
          <Stack gap="md">
            {errors.general && (
              <Alert
                color="red"
                icon={<IconAlertCircle size={18} />}
                title="Could not create the workspace"
              >
                {errors.general}
              </Alert>
            )}
            <TextInput
              label="Workspace name"
              description="Usually your firm's name, such as “Northwind Advisory”."
              required
              autoFocus
              {...field("workspaceName")}
            />
            <Divider label="Your owner account" labelPosition="left" />
            <TextInput label="Your name" autoComplete="name" required {...field("name")} />
            <TextInput
              label="Work email"
              type="email"
              autoComplete="email"
              required
              {...field("email")}
            />
            <PasswordInput
              label="Password"
              description="At least 10 characters."
              autoComplete="new-password"
              required
              {...field("password")}
            />
            <Button type="submit" size="md" loading={create.isPending} disabled={busy} mt="xs">
              Create workspace
            </Button>
            <Divider label="or" labelPosition="center" />
            {demo.error && (
              <Alert
                color="red"
                icon={<IconAlertCircle size={18} />}
                title="Could not create the demo workspace"
              >
                {describeError(demo.error)}
              </Alert>
            )}
            <Stack gap={6}>
              <Button
                variant="default"
                size="md"
                leftSection={<IconSparkles size={18} aria-hidden />}
                onClick={() => demo.mutate()}
                disabled={busy}
                aria-describedby="demo-explanation"
              >
                Explore with demo data
              </Button>
              <Text id="demo-explanation" size="sm" c="dimmed" ta="center">
                A sample firm with two years of history. You can start your own workspace later.
              </Text>
            </Stack>
          </Stack>
        </form>
      )}
    </AuthFrame>
  );
}
