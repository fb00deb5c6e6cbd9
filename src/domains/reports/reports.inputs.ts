/**
 * Input schemas of the reports API, shared by the routes and the web UI. Imports only zod:
 * the browser bundles this file.
 */
import { z } from "zod";

export const activityGroupBys = ["member", "kind", "month", "account"] as const;
export type ActivityGroupBy = (typeof activityGroupBys)[number];

/** prospect: accounts whose status is prospect; existing: every other status. */
export const clientTypes = ["existing", "prospect"] as const;
export type ClientType = (typeof clientTypes)[number];

const day = z.iso.date({ error: "Must be a date (YYYY-MM-DD)" });

export const activityReportInput = z.strictObject({
  /** First day (inclusive, workspace time zone); default 29 days before `to`. */
  from: day.optional(),
  /** Last day (inclusive); default today. At most 2 years after `from`. */
  to: day.optional(),
  groupBy: z
    .enum(activityGroupBys, { error: `Must be one of ${activityGroupBys.join(", ")}` })
    .default("member"),
  clientType: z.enum(clientTypes, { error: `Must be one of ${clientTypes.join(", ")}` }).optional(),
  /** csv: the rows as CSV (like `Accept: text/csv`). */
  format: z.enum(["json", "csv"], { error: "Must be json or csv" }).optional(),
});
export type ActivityReportInput = z.input<typeof activityReportInput>;
