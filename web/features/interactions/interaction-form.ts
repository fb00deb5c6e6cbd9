/**
 * What the interaction forms (quick log, schedule, complete, reschedule) share: times as a
 * `datetime-local` input holds them, minutes, the keyboard shortcut that sends, and the
 * people who can take part (their contacts at the account, our members).
 */
import type { ComboboxItem, ComboboxItemGroup } from "@mantine/core";
import dayjs from "dayjs";
import { type KeyboardEvent, useMemo } from "react";
import { useMemberDirectory } from "../accounts/accounts.api";
import { useRelationshipMap } from "../relationships/relationships.api";

/** "2026-03-12T14:05", the value a datetime-local input reads and writes, in local time. */
export function toLocalInput(iso: string | Date | null | undefined): string {
  return iso ? dayjs(iso).format("YYYY-MM-DDTHH:mm") : "";
}

/** A group of picker options ("Account team", "Others"). */
export type OptionGroup = ComboboxItemGroup<ComboboxItem>;

export const nowLocal = () => toLocalInput(new Date());

/**
 * The instant a datetime-local value names, with the viewer's offset ("…T14:05:00+01:00").
 * Empty is null; anything unreadable is passed on as typed, so the API's own schema says
 * what is wrong with it under the field.
 */
export function fromLocalInput(value: string): string | null {
  if (!value.trim()) return null;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format() : value;
}

/** A NumberInput's value as whole minutes; empty is null (not given). */
export function toMinutes(value: string | number): number | null {
  if (value === "" || value === null || value === undefined) return null;
  return typeof value === "number" ? value : Number(value);
}

/** Text fields: trimmed, and empty means "not given" rather than an empty string. */
export function textOrNull(value: string): string | null {
  return value.trim() ? value.trim() : null;
}

/**
 * Ctrl+Enter (Cmd+Enter on a Mac) sends the form from anywhere in it, the textareas
 * included; Enter on a choice (a radio) sends it too, as it does in a text input.
 */
export function submitOnShortcut(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
  const target = event.target as HTMLElement;
  const onRadio = target instanceof HTMLInputElement && target.type === "radio";
  if (event.ctrlKey || event.metaKey || onRadio) {
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }
}

/**
 * Who can take part: their people (current contacts, senior first, then those who have
 * left: a meeting last year still had them) and ours (the account's team first, then the
 * rest of the workspace's active members).
 */
export function useParticipantOptions(accountId: string) {
  const map = useRelationshipMap(accountId);
  const directory = useMemberDirectory();
  const theirs = useMemo((): OptionGroup[] => {
    if (!map.data) return [];
    const option = (c: { contactId: string; name: string; title: string | null }) => ({
      value: c.contactId,
      label: c.title ? `${c.name} (${c.title})` : c.name,
    });
    const current = map.data.levels.flatMap((level) => level.contacts).map(option);
    const seen = new Set(current.map((o) => o.value));
    const former = map.data.formerContacts.filter((c) => !seen.has(c.contactId)).map(option);
    return [
      { group: "At the account", items: current },
      { group: "Have left", items: former },
    ].filter((group) => group.items.length > 0);
  }, [map.data]);
  const ours = useMemo((): OptionGroup[] => {
    const team = new Set((map.data?.team ?? []).map((entry) => entry.memberId));
    const option = (m: { id: string; name: string }) => ({ value: m.id, label: m.name });
    return [
      { group: "Account team", items: directory.active.filter((m) => team.has(m.id)).map(option) },
      { group: "Others", items: directory.active.filter((m) => !team.has(m.id)).map(option) },
    ].filter((group) => group.items.length > 0);
  }, [directory.active, map.data]);
  return {
    theirs,
    ours,
    hasContacts: theirs.length > 0,
    loading: map.isPending || directory.isPending,
  };
}
