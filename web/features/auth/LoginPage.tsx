/**
 * Sign in with email and password. Wrong credentials and rate limiting get their own
 * plain messages; after sign-in the member lands where they were heading (`?next=`).
 */
import { Alert, Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { IconAlertCircle, IconClockPause } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { loginInput } from "../../../src/platform/auth/auth.inputs";
import { ApiError, api, readJson } from "../../app/api";
import { useMe, useOnboardingStatus, useSignedIn } from "../../app/session";
import { AuthFrame } from "../../components/AuthFrame";
import { FullPageLoader } from "../../components/FullPageLoader";
import { useFieldErrors, validate } from "../../components/form-errors";

const fields = ["email", "password"] as const;

/** Only same-app paths: `?next=https://evil.example` must not become an open redirect. */
export function safeNextPath(next: string | null): string {
  // "//host" and "/\host" are both read by browsers as another origin.
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
    ? next
    : "/today";
}

function loginProblem(
  error: unknown,
): { title: string; message: string; rateLimited: boolean } | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === "INVALID_CREDENTIALS" || error.status === 401) {
    return {
      title: "Email or password is wrong",
      message: "Check both and try again. Passwords are case-sensitive.",
      rateLimited: false,
    };
  }
  if (error.code === "RATE_LIMITED" || error.status === 429) {
    const wait = error.retryAfterSeconds;
    return {
      title: "Sign-in is paused",
      message: wait
        ? `There were too many attempts. Try again in ${wait < 90 ? `${wait} seconds` : `about ${Math.ceil(wait / 60)} minutes`}.`
        : error.detail,
      rateLimited: true,
    };
  }
  return null;
}

export function LoginPage() {
  const me = useMe();
  const status = useOnboardingStatus();
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  const login = useMutation({
    mutationFn: (input: { email: string; password: string }) =>
      readJson(api.v1.auth.login.$post({ json: input })),
    onSuccess: (signedInMe) => {
      signedIn(signedInMe);
      navigate(next, { replace: true });
    },
  });
  const errors = useFieldErrors(login.error, fields);

  if (me.isPending || status.isPending) return <FullPageLoader />;
  if (status.data?.needed) return <Navigate to="/onboarding" replace />;
  if (me.data && !login.isPending) return <Navigate to={next} replace />;

  const problem = loginProblem(login.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (errors.check(validate(loginInput, { email: email.trim(), password }))) {
      login.mutate({ email: email.trim(), password });
    }
  };

  return (
    <AuthFrame
      title="Sign in to Rapport"
      description="Your clients, your team and what needs you today."
      footer="No account yet? Ask an admin of your workspace to invite you."
    >
      <form onSubmit={submit} noValidate aria-label="Sign in">
        <Stack gap="md">
          {problem ? (
            <Alert
              color={problem.rateLimited ? "yellow" : "red"}
              icon={
                problem.rateLimited ? <IconClockPause size={18} /> : <IconAlertCircle size={18} />
              }
              title={problem.title}
              role="alert"
            >
              {problem.message}
            </Alert>
          ) : (
            errors.general && (
              <Alert
                color="red"
                icon={<IconAlertCircle size={18} />}
                title="Could not sign in"
                role="alert"
              >
                {errors.general}
              </Alert>
            )
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            error={errors.of("email")}
            onChange={(event) => {
              setEmail(event.currentTarget.value);
              errors.edited("email");
            }}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            error={errors.of("password")}
            onChange={(event) => {
              setPassword(event.currentTarget.value);
              errors.edited("password");
            }}
          />
          <Button type="submit" size="md" loading={login.isPending} mt="xs">
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
