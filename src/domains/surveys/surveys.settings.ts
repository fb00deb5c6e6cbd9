/**
 * Survey settings: the workspace's wording of each kind, its throttles and how long a link
 * stays open. The row is created with the defaults on first use (read, change or send), so a
 * new workspace surveys sensibly without visiting Settings. Wording may name {workspace},
 * {contact} (their first name) and {about} (what a CSAT is about).
 */
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../../platform/audit/audit.queries";
import { assertVersion } from "../../platform/http/concurrency";
import type { Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import type { changeSurveySettingsInput, SurveyKind, SurveyTemplate } from "./surveys.inputs";
import { assertMayChangeSurveySettings } from "./surveys.policies";
import { type SurveySettings, surveySettings } from "./surveys.schema";

export const defaultSurveyTemplates: Record<SurveyKind, SurveyTemplate> = {
  nps: {
    question: "How likely are you to recommend {workspace} to a friend or colleague?",
    followUp: "What is the main reason for your score?",
  },
  csat: {
    question: "How satisfied are you with {about}?",
    followUp: "What could we have done better?",
  },
  check_in: {
    question: "Overall, how satisfied are you with {workspace} at the moment?",
    followUp: "Anything else you would like us to know?",
    openQuestions: ["How do you think this is going?", "What is missing?"],
  },
};

export const defaultThrottleDays: Record<SurveyKind, number> = { nps: 90, csat: 7, check_in: 30 };

/** The settings with every kind's wording filled in (a stored row may predate a kind). */
export type SurveySettingsView = Omit<SurveySettings, "templates" | "throttleDays"> & {
  templates: Record<SurveyKind, SurveyTemplate>;
  throttleDays: Record<SurveyKind, number>;
};

function complete(row: SurveySettings): SurveySettingsView {
  return {
    ...row,
    templates: { ...defaultSurveyTemplates, ...row.templates },
    throttleDays: { ...defaultThrottleDays, ...row.throttleDays },
  };
}

/** The workspace's settings, created with the defaults when it has none yet. */
export async function getSurveySettings(
  ctx: Pick<Ctx, "db" | "workspaceId" | "now">,
  options: { forUpdate?: boolean } = {},
): Promise<SurveySettingsView> {
  const read = () => {
    const query = ctx.db
      .select()
      .from(surveySettings)
      .where(eq(surveySettings.workspaceId, ctx.workspaceId));
    return options.forUpdate ? query.for("update") : query;
  };
  const [existing] = await read();
  if (existing) return complete(existing);
  const now = ctx.now();
  await ctx.db
    .insert(surveySettings)
    .values({
      workspaceId: ctx.workspaceId,
      templates: defaultSurveyTemplates,
      throttleDays: defaultThrottleDays,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  const [created] = await read();
  if (!created) throw new Error("survey settings insert returned nothing");
  return complete(created);
}

export async function updateSurveySettings(
  ctx: Ctx,
  expectedVersion: number,
  change: z.output<typeof changeSurveySettingsInput>,
): Promise<SurveySettingsView> {
  assertMayChangeSurveySettings(ctx.actor);
  const before = await getSurveySettings(ctx, { forUpdate: true });
  assertVersion(expectedVersion, before.version);
  const templates = { ...before.templates, ...change.templates };
  const throttleDays = { ...before.throttleDays, ...change.throttleDays };
  const [after] = await ctx.db
    .update(surveySettings)
    .set({
      templates,
      throttleDays,
      ...(change.expiresAfterDays ? { expiresAfterDays: change.expiresAfterDays } : {}),
      updatedAt: ctx.now(),
      version: sql`${surveySettings.version} + 1`,
    })
    .where(eq(surveySettings.workspaceId, ctx.workspaceId))
    .returning();
  if (!after) throw new AppError("STALE_VERSION");
  await recordAudit(ctx, {
    action: "survey_settings.updated",
    entityType: "survey_settings",
    entityId: ctx.workspaceId,
    before,
    after,
  });
  return complete(after);
}

/** Fills the placeholders of a piece of wording. */
export function fillWording(
  text: string,
  values: { workspace: string; contact: string; about: string | null },
): string {
  return text.replace(/\{(workspace|contact|about)\}/g, (_m, name: string) => {
    if (name === "workspace") return values.workspace;
    if (name === "contact") return values.contact;
    return values.about ?? "our recent work for you";
  });
}
