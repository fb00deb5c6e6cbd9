/**
 * The morning digest, on Settings → Calendar beside the calendar links (both put the agenda
 * where the member already looks): one switch and the hour it goes out, saved as soon as
 * they change. The hour is the firm's (the workspace time zone), as the agenda's days are.
 */
import { Card, Group, Loader, Select, Stack, Switch, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { useState } from "react";
import type { ChangePreferencesInput } from "../../../src/domains/agenda/agenda.preferences.inputs";
import { api, describeError, readJson } from "../../app/api";
import { QueryErrorAlert } from "../../components/QueryErrorAlert";

type Preferences = InferResponseType<typeof api.v1.me.preferences.$get, 200>;

const preferencesKey = ["me", "preferences"] as const;

const hourOptions = Array.from({ length: 24 }, (_, hour) => ({
  value: String(hour),
  label: `${String(hour).padStart(2, "0")}:00`,
}));

function usePreferences() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: () => readJson(api.v1.me.preferences.$get()),
  });
}

function useChangePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ current, change }: { current: Preferences; change: ChangePreferencesInput }) =>
      readJson(
        api.v1.me.preferences.$patch({
          header: { "if-match": `"${current.version}"` },
          json: change,
        }),
      ),
    // The switch moves at once; a refusal puts it back (onError reads the saved state).
    onMutate: ({ current, change }) => {
      queryClient.setQueryData<Preferences>(preferencesKey, { ...current, ...change });
    },
    onSuccess: (saved) => queryClient.setQueryData(preferencesKey, saved),
    onError: (error) => {
      notifications.show({
        color: "red",
        title: "The digest setting was not saved",
        message: describeError(error),
      });
      // Undo the optimistic move; a 412 means another tab changed it: read the latest.
      void queryClient.invalidateQueries({ queryKey: preferencesKey });
    },
  });
}

export function DigestPreferences() {
  const preferences = usePreferences();
  const change = useChangePreferences();
  // The switch follows the hand at once (a controlled input waiting for the cache would
  // flick back for a frame); the saved value takes over again once the server answers.
  const [pendingOn, setPendingOn] = useState<boolean | null>(null);

  if (preferences.isError) {
    return (
      <QueryErrorAlert
        error={preferences.error}
        what="your digest setting"
        onRetry={() => preferences.refetch()}
      />
    );
  }
  const current = preferences.data;
  return (
    <Card withBorder radius="md" p="lg" mb="lg" component="section" aria-labelledby="digest-title">
      <Stack gap="sm">
        <div>
          <Text fw={600} id="digest-title">
            Morning digest
          </Text>
          <Text size="sm" c="dimmed">
            An email each morning with your day: planned touches, touches due, tasks, important
            dates and any new alarms. Nothing is sent on a day with nothing to report.
          </Text>
        </div>
        {!current ? (
          <Loader size="sm" aria-label="Loading your digest setting" />
        ) : (
          <Group gap="lg" align="flex-end">
            <Switch
              label="Send me the morning digest"
              checked={pendingOn ?? current.dailyDigest}
              disabled={change.isPending}
              onChange={(event) => {
                const dailyDigest = event.currentTarget.checked;
                setPendingOn(dailyDigest);
                change.mutate(
                  { current, change: { dailyDigest } },
                  { onSettled: () => setPendingOn(null) },
                );
              }}
            />
            <Select
              label="At"
              description="In the firm's time zone"
              data={hourOptions}
              value={String(current.digestHour)}
              allowDeselect={false}
              disabled={!current.dailyDigest || change.isPending}
              onChange={(hour) =>
                hour !== null && change.mutate({ current, change: { digestHour: Number(hour) } })
              }
              w={140}
              comboboxProps={{ withinPortal: true }}
            />
          </Group>
        )}
      </Stack>
    </Card>
  );
}
