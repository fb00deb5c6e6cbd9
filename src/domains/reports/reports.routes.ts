/**
 * Reports over HTTP. Everyone in the workspace reads them (viewers too). The activity
 * report answers JSON, or the same rows as CSV with `Accept: text/csv` or `?format=csv`.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { stringify } from "csv-stringify/sync";
import { ctxFor } from "../../platform/http/request-ctx";
import { errors, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import { accountStatuses } from "../accounts";
import { interactionKinds } from "../interactions";
import { type ActivityReport, type ActivityRow, getActivityReport } from "./reports.activity";
import { activityGroupBys, activityReportInput, clientTypes } from "./reports.inputs";

const tags = ["reports"];
const CSV_TYPE = "text/csv; charset=utf-8";

const measures = {
  /** Completed interactions (every kind, notes too). */
  count: z.number().int(),
  /** Touches of a meaningful kind (all but notes). */
  meaningful: z.number().int(),
  byKind: z.object(Object.fromEntries(interactionKinds.map((k) => [k, z.number().int()]))),
  /** Distinct accounts with a meaningful touch. */
  accountsTouched: z.number().int(),
  meaningfulPerAccount: z.number().nullable(),
  /** Median of the days since the account's previous meaningful touch. */
  medianDaysBetweenTouches: z.number().nullable(),
  /** Account×rules judged at the period's end (for months: each month's end). */
  cadenceRules: z.number().int(),
  /** Share (0-1) of those not overdue; null without rules. */
  cadenceCompliance: z.number().nullable(),
  /** Completed interactions with both scheduledAt and startedAt. */
  meetingsMeasured: z.number().int(),
  /** Of those, started more than 5 minutes late. */
  meetingsLate: z.number().int(),
  lateShare: z.number().nullable(),
  /** Median of startedAt − scheduledAt in minutes (negative = early). */
  medianLatenessMinutes: z.number().nullable(),
  /** Meaningful touches of existing clients (status other than prospect). */
  existing: z.number().int(),
  /** Meaningful touches of prospects. */
  prospect: z.number().int(),
  prospectShare: z.number().nullable(),
  /** Live accounts (not former) without a meaningful touch in the period; null for kinds where it makes no sense. */
  untouchedAccounts: z.number().int().nullable(),
};

const activityRowSchema = z
  .object({ key: z.string(), label: z.string(), ...measures })
  .openapi("ActivityRow");

export const activityReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    groupBy: z.enum(activityGroupBys),
    clientType: z.enum(clientTypes).nullable(),
    data: z.array(activityRowSchema),
    totals: z.object({
      key: z.string(),
      label: z.string(),
      ...measures,
      /** The untouched accounts, stalest first (at most 200; untouchedAccounts has the count). */
      untouched: z.array(
        z.object({
          accountId: z.string(),
          accountName: z.string(),
          status: z.enum(accountStatuses),
          lastTouchAt: z.string().nullable(),
        }),
      ),
    }),
  })
  .openapi("ActivityReport");

const activityRouteDoc = {
  method: "get",
  path: "/reports/activity",
  tags,
  summary:
    "Activity over a period (days in the workspace time zone, inclusive; default the last 30 days), grouped by member, kind, month or account",
  request: { query: activityReportInput },
} as const;

/*
 * Documented with both answers; routed by a JSON-only twin hidden from the document, so the
 * typed client reads the JSON shape instead of "report or string".
 */
const activityDocumented = createRoute({
  ...activityRouteDoc,
  responses: {
    200: {
      description: "The report (JSON), or its rows as CSV (Accept: text/csv or ?format=csv)",
      content: {
        "application/json": { schema: activityReportSchema },
        "text/csv": { schema: z.string() },
      },
    },
    ...errors(),
  },
});

const activityRoute = createRoute({
  ...activityRouteDoc,
  hide: true,
  responses: { 200: jsonContent(activityReportSchema, "The report"), ...errors() },
});

const scalarColumns = [
  "count",
  "meaningful",
  "accountsTouched",
  "meaningfulPerAccount",
  "medianDaysBetweenTouches",
  "cadenceRules",
  "cadenceCompliance",
  "meetingsMeasured",
  "meetingsLate",
  "lateShare",
  "medianLatenessMinutes",
  "existing",
  "prospect",
  "prospectShare",
  "untouchedAccounts",
] as const satisfies readonly (keyof ActivityRow)[];

/** The report's rows as CSV (the same rows as `data`), one column per measure and per kind. */
export function activityCsv(report: ActivityReport): string {
  const header = [
    "key",
    "label",
    ...scalarColumns,
    ...interactionKinds.map((kind) => `byKind.${kind}`),
  ];
  const line = (row: ActivityRow) => [
    row.key,
    row.label,
    ...scalarColumns.map((column) => row[column] ?? ""),
    ...interactionKinds.map((kind) => row.byKind[kind]),
  ];
  return `\uFEFF${stringify([header, ...report.data.map(line)], { record_delimiter: "\r\n" })}`;
}

export function createReportRoutes() {
  const router = createRouter();
  router.openAPIRegistry.registerPath(activityDocumented);
  return router.openapi(activityRoute, async (c) => {
    const { format, ...input } = c.req.valid("query");
    const report = await getActivityReport(ctxFor(c), input);
    const wantsCsv =
      format === "csv" || (!format && /\btext\/csv\b/i.test(c.req.header("accept") ?? ""));
    if (wantsCsv) {
      const csv = c.body(activityCsv(report), 200, {
        "content-type": CSV_TYPE,
        "content-disposition": `attachment; filename="activity-${report.groupBy}-${report.from}-${report.to}.csv"`,
      });
      // The CSV twin of the JSON answer: in the document (activityDocumented), not in the typed client.
      return csv as never;
    }
    return c.json(report, 200);
  });
}
