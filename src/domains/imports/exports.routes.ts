/**
 * Exports over HTTP: accounts and contacts as CSV (streamed page by page, with a BOM so
 * spreadsheet programs read UTF-8), a contact or an account's people as vCard 4.0. Every
 * role may export; personal memory goes only to those who may see it.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv, Ctx } from "../../platform/http/context";
import { AppError } from "../../platform/http/errors";
import { ctxFor } from "../../platform/http/request-ctx";
import { errors, idParam } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import {
  accountsCsv,
  contactsCsv,
  EXPORT_PAGE,
  exportAccountContacts,
  exportAccountsPage,
  exportContact,
  exportContactsPage,
} from "./imports.exports";
import { toVCardFile } from "./imports.vcard";

const tags = ["exports"];
const CSV_TYPE = "text/csv; charset=utf-8";
const VCARD_TYPE = "text/vcard; charset=utf-8";

const fileResponse = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType.split(";")[0] as string]: { schema: z.string() } },
});

const contactsCsvRoute = createRoute({
  method: "get",
  path: "/exports/contacts.csv",
  tags,
  summary: "Every live contact as CSV, in the columns the contacts import accepts",
  responses: { 200: fileResponse(CSV_TYPE, "contacts.csv"), ...errors() },
});

const accountsCsvRoute = createRoute({
  method: "get",
  path: "/exports/accounts.csv",
  tags,
  summary: "Every live account as CSV, in the columns the accounts import accepts",
  responses: { 200: fileResponse(CSV_TYPE, "accounts.csv"), ...errors() },
});

const contactVcfRoute = createRoute({
  method: "get",
  path: "/contacts/{id}.vcf",
  tags,
  summary: "One contact as a vCard 4.0 file (BDAY and NOTE only for those who may see them)",
  request: { params: idParam },
  responses: { 200: fileResponse(VCARD_TYPE, "The contact's vCard"), ...errors(404) },
});

const accountVcfRoute = createRoute({
  method: "get",
  path: "/accounts/{id}/contacts.vcf",
  tags,
  summary: "The account's current people as one vCard 4.0 file",
  request: { params: idParam },
  responses: { 200: fileResponse(VCARD_TYPE, "The people's vCards"), ...errors(404) },
});

/** "Ada Lovelace" → "ada-lovelace", for file names. */
function slug(text: string): string {
  const s = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return s || "export";
}

function attachment(name: string): string {
  return `attachment; filename="${name}"`;
}

const encoder = new TextEncoder();

/**
 * Streams pages of CSV: the first page is read before answering (so its errors are still a
 * problem+json), the rest as the client reads.
 */
async function csvResponse<T>(
  c: Context<AppEnv>,
  fileName: string,
  load: (ctx: Ctx, after: string | undefined) => Promise<T[]>,
  render: (page: T[], withHeader: boolean) => string,
  idOf: (item: T) => string,
): Promise<Response> {
  const ctx = ctxFor(c);
  let page = await load(ctx, undefined);
  let chunk = `\uFEFF${render(page, true)}`;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      controller.enqueue(encoder.encode(chunk));
      const last = page.at(-1);
      if (page.length < EXPORT_PAGE || !last) {
        controller.close();
        return;
      }
      page = await load(ctx, idOf(last));
      chunk = render(page, false);
    },
  });
  return c.body(body, 200, {
    "content-type": CSV_TYPE,
    "content-disposition": attachment(fileName),
  });
}

const today = (c: Context<AppEnv>) => c.get("deps").now().toISOString().slice(0, 10);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createExportRoutes() {
  const router = createRouter();
  // "/contacts/{id}.vcf" cannot be a Hono path (the param would swallow ".vcf" and every
  // "/contacts/{id}" with it), so the route is documented as that and routed by a pattern
  // that matches only ".vcf"; mount this router before the contacts router.
  router.openAPIRegistry.registerPath(contactVcfRoute);
  router.get("/contacts/:file{[^/]+\\.vcf}", async (c) => {
    const id = c.req.param("file").replace(/\.vcf$/, "");
    if (!UUID.test(id)) {
      throw new AppError("VALIDATION_FAILED", "id: Must be a UUID", {
        errors: [{ path: "id", message: "Must be a UUID" }],
      });
    }
    const exported = await exportContact(ctxFor(c), id);
    const { firstName, lastName } = exported.contact;
    return c.body(toVCardFile([exported]), 200, {
      "content-type": VCARD_TYPE,
      "content-disposition": attachment(`${slug(`${firstName} ${lastName ?? ""}`)}.vcf`),
    });
  });
  return router
    .openapi(contactsCsvRoute, (c) =>
      csvResponse(
        c,
        `contacts-${today(c)}.csv`,
        exportContactsPage,
        contactsCsv,
        (e) => e.contact.id,
      ),
    )
    .openapi(accountsCsvRoute, (c) =>
      csvResponse(c, `accounts-${today(c)}.csv`, exportAccountsPage, accountsCsv, (a) => a.id),
    )
    .openapi(accountVcfRoute, async (c) => {
      const { account, contacts } = await exportAccountContacts(ctxFor(c), c.req.valid("param").id);
      return c.body(toVCardFile(contacts), 200, {
        "content-type": VCARD_TYPE,
        "content-disposition": attachment(`${slug(account.name)}-contacts.vcf`),
      });
    });
}
