/** Search over HTTP: `GET /search?q=` for Cmd/Ctrl+K and integrations. */
import { createRoute, z } from "@hono/zod-openapi";
import { ctxFor } from "../../platform/http/request-ctx";
import { errors, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import { searchKinds, searchQueryInput } from "./search.inputs";
import { type SearchHit, searchRecords } from "./search.queries";

export const searchResultSchema = z
  .object({
    type: z.enum(searchKinds),
    id: z.string(),
    title: z.string(),
    /** account: domain · segment; contact: title · current accounts · email; need: account · kind. */
    subtitle: z.string(),
    /** Needs only: the account the need belongs to. */
    accountId: z.string().optional(),
  })
  .openapi("SearchResult");

/** The one place a search hit becomes API output (its rank stays internal). */
export function presentSearchHit(hit: SearchHit): z.infer<typeof searchResultSchema> {
  return {
    type: hit.type,
    id: hit.id,
    title: hit.title,
    subtitle: hit.subtitle,
    ...(hit.accountId ? { accountId: hit.accountId } : {}),
  };
}

const searchRoute = createRoute({
  method: "get",
  path: "/search",
  tags: ["search"],
  summary:
    "Find accounts, people and needs by words or their beginnings, best match first (archived records excluded)",
  request: { query: searchQueryInput },
  responses: {
    200: jsonContent(z.object({ data: z.array(searchResultSchema) }), "Ranked matches"),
    ...errors(),
  },
});

export function createSearchRoutes() {
  return createRouter().openapi(searchRoute, async (c) => {
    const hits = await searchRecords(ctxFor(c), c.req.valid("query"));
    return c.json({ data: hits.map(presentSearchHit) }, 200);
  });
}
