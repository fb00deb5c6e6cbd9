/** Answers as other domains read them: the health engine's satisfaction inputs. */
import { and, asc, eq, gte } from "drizzle-orm";
import type { Ctx } from "../../platform/http/context";
import type { SurveyKind } from "./surveys.inputs";
import { surveyAnswers } from "./surveys.schema";

export type { LinkState } from "./surveys.answers";

export type SurveyAnswerSummary = { kind: SurveyKind; score: number | null; answeredAt: Date };

/** An account's answers since an instant, oldest first (normalise with normaliseScore). */
export async function listAnswers(
  ctx: Pick<Ctx, "db" | "workspaceId">,
  input: { accountId: string; since: Date },
): Promise<SurveyAnswerSummary[]> {
  return ctx.db
    .select({
      kind: surveyAnswers.kind,
      score: surveyAnswers.score,
      answeredAt: surveyAnswers.answeredAt,
    })
    .from(surveyAnswers)
    .where(
      and(
        eq(surveyAnswers.workspaceId, ctx.workspaceId),
        eq(surveyAnswers.accountId, input.accountId),
        gte(surveyAnswers.answeredAt, input.since),
      ),
    )
    .orderBy(asc(surveyAnswers.answeredAt), asc(surveyAnswers.id));
}
