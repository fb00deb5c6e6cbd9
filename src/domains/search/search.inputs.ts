/**
 * Input of the search API and the one place user text becomes search terms. Shared by the
 * route and the Cmd/Ctrl+K palette (which skips the request when no term is left). Imports
 * only zod: the browser bundles this file.
 */
import { z } from "zod";

export const MAX_QUERY_LENGTH = 200;
export const DEFAULT_SEARCH_LIMIT = 10;
export const MAX_SEARCH_LIMIT = 50;

export const searchKinds = ["account", "contact", "need"] as const;
export type SearchKind = (typeof searchKinds)[number];

export const searchQueryInput = z.object({
  q: z
    .string({ error: "Required" })
    .max(MAX_QUERY_LENGTH, `At most ${MAX_QUERY_LENGTH} characters`)
    .describe('Words to find; each matches as a prefix ("nor" finds Northwind)'),
  limit: z.coerce
    .number({ error: "Must be a number" })
    .int("Must be a whole number")
    .min(1, "At least 1")
    .max(MAX_SEARCH_LIMIT, `At most ${MAX_SEARCH_LIMIT}`)
    .default(DEFAULT_SEARCH_LIMIT)
    .describe(`How many results, 1-${MAX_SEARCH_LIMIT} (default ${DEFAULT_SEARCH_LIMIT})`),
});
export type SearchQuery = z.output<typeof searchQueryInput>;

/**
 * Characters with a meaning in tsquery syntax (operators, weights, prefix, grouping,
 * quoting, escaping). They become spaces rather than vanishing, so "O'Brien" searches
 * "o" and "brien" — the same two lexemes to_tsvector makes of the name.
 */
const TSQUERY_SYNTAX = /[&|!:*()<>'\\]/g;

/** A term must hold a letter or digit: punctuation alone yields no lexeme ("-", "."). */
const HAS_WORD = /[\p{L}\p{N}]/u;

/** The terms of a search: whitespace-separated, tsquery syntax removed, duplicates dropped. */
export function searchTerms(text: string): string[] {
  const terms = text.replace(TSQUERY_SYNTAX, " ").split(/\s+/);
  return [...new Set(terms.filter((term) => HAS_WORD.test(term)))];
}
