/**
 * People data: the contacts list (filters and sort as the API takes them), one contact,
 * creating (a duplicate email answers 409 with the existing contact's id), changing with
 * the version read (a stale write answers 412), archiving, affiliations and merging.
 */
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import type { ContactLevel, ContactSort } from "../../../src/domains/contacts/contacts.inputs";
import { ApiError, api, type Problem, readJson } from "../../app/api";

export type Contact = InferResponseType<(typeof api.v1.contacts)[":id"]["$get"], 200>;
export type ContactListItem = InferResponseType<typeof api.v1.contacts.$get, 200>["data"][number];
export type Affiliation = InferResponseType<
  (typeof api.v1.contacts)[":id"]["affiliations"]["$get"],
  200
>["data"][number];
export type ContactChange = InferRequestType<(typeof api.v1.contacts)[":id"]["$patch"]>["json"];
export type NewContact = InferRequestType<typeof api.v1.contacts.$post>["json"];
export type NewAffiliation = InferRequestType<
  (typeof api.v1.contacts)[":id"]["affiliations"]["$post"]
>["json"];

export const contactsQueryKey = ["contacts"] as const;
const contactKey = (id: string) => [...contactsQueryKey, "one", id] as const;
const affiliationsKey = (id: string) => [...contactsQueryKey, "affiliations", id] as const;

export type ContactFilters = {
  q?: string;
  accountId?: string;
  level?: ContactLevel;
  sort?: ContactSort;
};

const PAGE_SIZE = 50;

export function useContacts(filters: ContactFilters, { enabled = true } = {}) {
  return useInfiniteQuery({
    queryKey: [...contactsQueryKey, "list", filters],
    enabled,
    queryFn: ({ pageParam }) =>
      readJson(
        api.v1.contacts.$get({
          query: {
            limit: String(PAGE_SIZE),
            ...(pageParam ? { cursor: pageParam } : {}),
            ...(filters.q ? { q: filters.q } : {}),
            ...(filters.accountId ? { accountId: filters.accountId } : {}),
            ...(filters.level ? { level: filters.level } : {}),
            ...(filters.sort ? { sort: filters.sort } : {}),
          },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // Typing in the filter keeps the previous rows on screen instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}

/** A few contacts matching typed text, for pickers (the merge dialog). */
export function useContactSearch(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: [...contactsQueryKey, "search", text],
    queryFn: () =>
      readJson(api.v1.contacts.$get({ query: { limit: "20", ...(text ? { q: text } : {}) } })),
    placeholderData: keepPreviousData,
  });
}

export function useContact(id: string | undefined) {
  return useQuery({
    queryKey: contactKey(id ?? ""),
    enabled: Boolean(id),
    queryFn: () => readJson(api.v1.contacts[":id"].$get({ param: { id: id ?? "" } })),
  });
}

export function useAffiliations(contactId: string | undefined) {
  return useQuery({
    queryKey: affiliationsKey(contactId ?? ""),
    enabled: Boolean(contactId),
    queryFn: () =>
      readJson(api.v1.contacts[":id"].affiliations.$get({ param: { id: contactId ?? "" } })),
  });
}

/** 409 on create: the email belongs to someone already in Rapport; `existingId` is them. */
export class DuplicateContactError extends ApiError {
  readonly existingId: string;
  constructor(problem: Problem, existingId: string) {
    super(problem);
    this.existingId = existingId;
  }
}

export function useCreateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (json: NewContact) => {
      const response = await api.v1.contacts.$post({ json });
      if (response.status === 409) {
        // The typed client does not know the problem's extra member; read it ourselves.
        const body = (await response
          .clone()
          .json()
          .catch(() => null)) as (Problem & { existingId?: unknown }) | null;
        if (body && typeof body.existingId === "string") {
          throw new DuplicateContactError(body, body.existingId);
        }
      }
      return readJson(Promise.resolve(response));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contactsQueryKey }),
  });
}

export function useUpdateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ contact, change }: { contact: Contact; change: ContactChange }) =>
      readJson(
        api.v1.contacts[":id"].$patch({
          param: { id: contact.id },
          header: { "if-match": `"${contact.version}"` },
          json: change,
        }),
      ),
    onSuccess: (updated) => queryClient.setQueryData(contactKey(updated.id), updated),
    // A 412 means our copy is stale: refetch so the form can be reopened on the latest.
    onSettled: () => queryClient.invalidateQueries({ queryKey: contactsQueryKey }),
  });
}

export function useArchiveContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contact: Contact) =>
      readJson(
        api.v1.contacts[":id"].archive.$post({
          param: { id: contact.id },
          header: { "if-match": `"${contact.version}"` },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: contactsQueryKey }),
  });
}

export function useUnarchiveContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contact: Contact) =>
      readJson(
        api.v1.contacts[":id"].unarchive.$post({
          param: { id: contact.id },
          header: { "if-match": `"${contact.version}"` },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: contactsQueryKey }),
  });
}

export function useAddAffiliation(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: NewAffiliation) =>
      readJson(api.v1.contacts[":id"].affiliations.$post({ param: { id: contactId }, json })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: contactsQueryKey }),
  });
}

/** "Left the company": ends the affiliation on the day given; the row stays as history. */
export function useEndAffiliation(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ affiliation, endedOn }: { affiliation: Affiliation; endedOn: string }) =>
      readJson(
        api.v1.contacts[":id"].affiliations[":affiliationId"].end.$post({
          param: { id: contactId, affiliationId: affiliation.id },
          header: { "if-match": `"${affiliation.version}"` },
          json: { endedOn },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: contactsQueryKey }),
  });
}

export function useMergeContact(survivorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sourceId: string) =>
      readJson(
        api.v1.contacts[":id"].merge.$post({ param: { id: survivorId }, json: { sourceId } }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: contactsQueryKey }),
  });
}

/** Accounts matching typed text, for the account pickers (filter, new affiliation). */
export function useAccountOptions(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: ["people", "account-options", text],
    queryFn: () =>
      readJson(
        api.v1.accounts.$get({
          query: { limit: "20", sort: "name", ...(text ? { q: text } : {}) },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** One account's name for a picker whose value is not among the current options. */
export function useAccountName(id: string | null | undefined) {
  return useQuery({
    queryKey: ["people", "account-name", id ?? ""],
    enabled: Boolean(id),
    queryFn: () => readJson(api.v1.accounts[":id"].$get({ param: { id: id ?? "" } })),
    select: (account) => account.name,
  });
}

/** Where the browser downloads a contact's vCard (a plain link: cookies authenticate it). */
export function vcardUrl(contactId: string): string {
  return `/api/v1/contacts/${encodeURIComponent(contactId)}.vcf`;
}
