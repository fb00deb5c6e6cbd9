/**
 * Tone over HTTP: the tone of one interaction or survey answer, and a member's correction.
 * The API has no batch read and the timeline entries do not carry their tone, so each
 * entry asks for its own, once it scrolls into view, and TanStack Query keeps the answer;
 * a subject not scored yet (404) is "no tone" rather than an error worth retrying.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import type { CorrectToneInput, ToneSubject } from "../../../src/domains/tone/tone.inputs";
import { ApiError, api, readJson } from "../../app/api";

export type Tone = InferResponseType<
  (typeof api.v1.tone)[":subjectType"][":subjectId"]["$get"],
  200
>;

const toneKey = (subjectType: ToneSubject, subjectId: string) =>
  ["tone", subjectType, subjectId] as const;

export function useTone(
  subjectType: ToneSubject,
  subjectId: string,
  { enabled = true }: { enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: toneKey(subjectType, subjectId),
    enabled,
    queryFn: async (): Promise<Tone | null> => {
      try {
        return await readJson(
          api.v1.tone[":subjectType"][":subjectId"].$get({ param: { subjectType, subjectId } }),
        );
      } catch (error) {
        // Scoring is a background job, and touches without text are never scored.
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    // Tone changes only when the text does (re-scored by a job) or someone corrects it.
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useCorrectTone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ tone, json }: { tone: Tone; json: CorrectToneInput }) =>
      readJson(
        api.v1.tone[":subjectType"][":subjectId"].$put({
          param: { subjectType: tone.subjectType, subjectId: tone.subjectId },
          header: { "if-match": `"${tone.version}"` },
          json,
        }),
      ),
    onSuccess: (tone) => {
      queryClient.setQueryData(toneKey(tone.subjectType, tone.subjectId), tone);
      // Tone feeds the health score and the alarms (tasks, Today), recomputed by jobs.
      for (const key of [["health"], ["agenda"], ["tasks"]]) {
        void queryClient.invalidateQueries({ queryKey: key });
      }
    },
  });
}
