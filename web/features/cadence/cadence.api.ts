/**
 * Cadence rules over HTTP: the workspace's live rules, and adding, changing and archiving
 * one (managers and above). Changes send If-Match with the version the page read, so a rule
 * a colleague changed meanwhile is a 412 the form explains instead of a silent overwrite.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import type { CreateCadenceRuleInput } from "../../../src/domains/cadence/cadence.inputs";
import { api, readJson } from "../../app/api";

export type CadenceRule = InferResponseType<
  (typeof api.v1)["cadence-rules"]["$get"],
  200
>["data"][number];
export type CadenceRuleChange = NonNullable<
  InferRequestType<(typeof api.v1)["cadence-rules"][":ruleId"]["$patch"]>["json"]
>;

export const cadenceRulesQueryKey = ["cadence-rules"] as const;

/** A workspace holds a few dozen rules at most, so the panel loads them whole and groups them. */
export function useCadenceRules() {
  return useQuery({
    queryKey: cadenceRulesQueryKey,
    queryFn: async () => {
      const all: CadenceRule[] = [];
      let cursor: string | undefined;
      do {
        const page = await readJson(
          api.v1["cadence-rules"].$get({ query: { limit: "200", ...(cursor ? { cursor } : {}) } }),
        );
        all.push(...page.data);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    },
  });
}

const ifMatch = (rule: Pick<CadenceRule, "version">) => ({ "if-match": `"${rule.version}"` });

/** Cadence decides what is overdue on Today, in the portfolio and on accounts: refresh those. */
function useRuleWritten() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: cadenceRulesQueryKey });
    void queryClient.invalidateQueries({ queryKey: ["cadence"] });
    void queryClient.invalidateQueries({ queryKey: ["agenda"] });
  };
}

export function useCreateCadenceRule() {
  const written = useRuleWritten();
  return useMutation({
    mutationFn: (json: CreateCadenceRuleInput) => readJson(api.v1["cadence-rules"].$post({ json })),
    onSuccess: written,
  });
}

export function useUpdateCadenceRule() {
  const written = useRuleWritten();
  return useMutation({
    mutationFn: ({ rule, change }: { rule: CadenceRule; change: CadenceRuleChange }) =>
      readJson(
        api.v1["cadence-rules"][":ruleId"].$patch({
          param: { ruleId: rule.id },
          header: ifMatch(rule),
          json: change,
        }),
      ),
    onSuccess: written,
  });
}

export function useArchiveCadenceRule() {
  const written = useRuleWritten();
  return useMutation({
    mutationFn: (rule: CadenceRule) =>
      readJson(
        api.v1["cadence-rules"][":ruleId"].archive.$post({
          param: { ruleId: rule.id },
          header: ifMatch(rule),
        }),
      ),
    onSuccess: written,
  });
}
