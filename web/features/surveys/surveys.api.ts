/**
 * Surveys over HTTP as TanStack Query hooks: the workspace's survey settings (If-Match on
 * change), sending a survey and withdrawing one, the requests made (with their answers) and
 * the results per period. Every key starts with "surveys" so one invalidation refreshes all.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import type {
  ChangeSurveySettingsInput,
  SendSurveyInput,
  SurveyKind,
  SurveyRequestStatus,
} from "../../../src/domains/surveys/surveys.inputs";
import { api, readJson } from "../../app/api";
import { contactsQueryKey } from "../people/people.api";
import { fullName } from "../people/people.format";

export type SurveySettings = InferResponseType<(typeof api.v1)["survey-settings"]["$get"], 200>;
export type SentSurveys = InferResponseType<(typeof api.v1)["survey-requests"]["$post"], 201>;
export type SurveyRequest = InferResponseType<
  (typeof api.v1)["survey-requests"]["$get"],
  200
>["data"][number];
export type SurveyResults = InferResponseType<typeof api.v1.surveys.results.$get, 200>;
export type SurveyResultsQuery = NonNullable<
  InferRequestType<typeof api.v1.surveys.results.$get>["query"]
>;

export const surveysQueryKey = ["surveys"] as const;
const settingsKey = [...surveysQueryKey, "settings"] as const;

export function useSurveySettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: () => readJson(api.v1["survey-settings"].$get()),
    staleTime: 5 * 60_000,
  });
}

export function useUpdateSurveySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, change }: { version: number; change: ChangeSurveySettingsInput }) =>
      readJson(
        api.v1["survey-settings"].$patch({
          header: { "if-match": `"${version}"` },
          json: change,
        }),
      ),
    onSuccess: (settings) => queryClient.setQueryData(settingsKey, settings),
  });
}

export type SurveyRequestFilter = {
  accountId?: string;
  contactId?: string;
  kind?: SurveyKind;
  status?: SurveyRequestStatus;
};

/**
 * The newest requests matching the filter (one page: the dialog wants "when was each person
 * last asked", the report the latest answers; neither needs more than the newest 200).
 */
export function useSurveyRequests(
  filter: SurveyRequestFilter,
  { limit = 200, enabled = true }: { limit?: number; enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: [...surveysQueryKey, "requests", filter, limit],
    enabled,
    queryFn: () =>
      readJson(
        api.v1["survey-requests"].$get({
          query: {
            limit: String(limit),
            ...(filter.accountId ? { accountId: filter.accountId } : {}),
            ...(filter.contactId ? { contactId: filter.contactId } : {}),
            ...(filter.kind ? { kind: filter.kind } : {}),
            ...(filter.status ? { status: filter.status } : {}),
          },
        }),
      ),
  });
}

/**
 * A send makes requests (and mail in the outbox); a withdrawal closes one. Answers, not
 * requests, move health, so only the survey lists and the outbox need reading again.
 */
function useSurveysWritten() {
  const queryClient = useQueryClient();
  return () => {
    for (const key of [surveysQueryKey, ["outbox"], ["interactions"]]) {
      void queryClient.invalidateQueries({ queryKey: key });
    }
  };
}

export function useSendSurvey() {
  const written = useSurveysWritten();
  return useMutation({
    mutationFn: (json: SendSurveyInput) => readJson(api.v1["survey-requests"].$post({ json })),
    onSuccess: written,
  });
}

export function useCancelSurveyRequest() {
  const written = useSurveysWritten();
  return useMutation({
    mutationFn: (request: Pick<SurveyRequest, "id">) =>
      readJson(api.v1["survey-requests"][":id"].cancel.$post({ param: { id: request.id } })),
    onSuccess: written,
  });
}

export function useSurveyResults(query: SurveyResultsQuery) {
  return useQuery({
    queryKey: [...surveysQueryKey, "results", query],
    queryFn: () => readJson(api.v1.surveys.results.$get({ query })),
    // A new kind or period keeps the last figures on screen while the next load.
    placeholderData: keepPreviousData,
  });
}

/** Someone a survey can go to, as the send dialog lists them. */
export type SurveyRecipient = { id: string; name: string; firstName: string; email: string | null };

/** An account's current people (the API's accountId filter means "works there now"). */
export function useSurveyRecipients(accountId: string, { enabled = true } = {}) {
  return useQuery({
    // Under "contacts": adding someone to the account or editing an email refreshes the list.
    queryKey: [...contactsQueryKey, "survey-recipients", accountId],
    enabled,
    queryFn: async (): Promise<SurveyRecipient[]> => {
      const page = await readJson(
        api.v1.contacts.$get({ query: { accountId, limit: "200", sort: "name" } }),
      );
      return page.data.map((contact) => ({
        id: contact.id,
        name: fullName(contact),
        firstName: contact.firstName,
        email: contact.primaryEmail,
      }));
    },
  });
}

/** When each person was last asked this kind (newest request first; withdrawn ones do not count). */
export function lastAskedOf(requests: SurveyRequest[] | undefined): Map<string, string> {
  const last = new Map<string, string>();
  for (const request of requests ?? []) {
    if (request.status === "cancelled" || last.has(request.contactId)) continue;
    last.set(request.contactId, request.createdAt);
  }
  return last;
}
