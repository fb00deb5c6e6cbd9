/**
 * Cmd/Ctrl+K: find accounts, people and needs as you type (GET /search, debounced), jump to
 * any area or settings page, switch theme, sign out. Results come first, grouped by kind;
 * the fixed actions follow, filtered by the same text.
 *
 * The list is ours rather than Spotlight.ActionsList: Mantine's list selects the first
 * action when the text changes, which is before results arrive, so Enter would open
 * whatever was first a moment earlier. Here the selection is state, kept across a refresh
 * of results, and the search box points screen readers at it (aria-activedescendant).
 */
import { Loader, ScrollArea, Text, VisuallyHidden } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { Spotlight } from "@mantine/spotlight";
import {
  IconAddressBook,
  IconAlertTriangle,
  IconBuildingSkyscraper,
  IconLogout,
  IconSearch,
  IconSunMoon,
  IconTargetArrow,
} from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { type KeyboardEvent, type ReactNode, useEffect, useId, useState } from "react";
import { useNavigate } from "react-router";
import { MAX_QUERY_LENGTH, searchTerms } from "../../src/domains/search/search.inputs";
import { api, describeError, readJson } from "./api";
import { useToggleColorScheme } from "./ColorSchemeToggle";
import classes from "./CommandPalette.module.css";
import { areas, settingsSections } from "./navigation";
import { hasRole, type Me, useSignOut } from "./session";

type SearchResult = InferResponseType<typeof api.v1.search.$get, 200>["data"][number];

/** One row of the palette: a search result or a fixed action. */
type PaletteItem = {
  id: string;
  group: string;
  label: string;
  description?: string;
  keywords?: string[];
  icon: ReactNode;
  run: () => void;
  /** Fixed actions highlight the typed text; results match on words, not substrings. */
  highlight?: boolean;
  /** Retrying a failed search keeps the palette open. */
  keepOpen?: boolean;
};

const DEBOUNCE_MS = 150;
const SEARCH_LIMIT = "15";
const iconProps = { size: 20, stroke: 1.6, "aria-hidden": true } as const;

const resultGroups: { type: SearchResult["type"]; group: string; icon: ReactNode }[] = [
  { type: "account", group: "Accounts", icon: <IconBuildingSkyscraper {...iconProps} /> },
  { type: "contact", group: "People", icon: <IconAddressBook {...iconProps} /> },
  { type: "need", group: "Needs", icon: <IconTargetArrow {...iconProps} /> },
];

function pathOf(result: SearchResult): string {
  if (result.type === "account") return `/accounts/${result.id}`;
  if (result.type === "contact") return `/people/${result.id}`;
  // A need lives on its account's Overview tab.
  return `/accounts/${result.accountId ?? ""}?tab=overview`;
}

const visuallyHidden = {
  position: "absolute",
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
  border: 0,
} as const;

/** The search API behind the palette: debounced, cancelled when the text moves on. */
function useRecordSearch(me: Me, text: string) {
  const typed = text.trim();
  const [debounced] = useDebouncedValue(typed, DEBOUNCE_MS);
  const hasTerms = searchTerms(debounced).length > 0;
  const query = useQuery({
    queryKey: ["search", me.member.id, debounced],
    queryFn: ({ signal }) =>
      readJson(
        api.v1.search.$get({ query: { q: debounced, limit: SEARCH_LIMIT } }, { init: { signal } }),
      ),
    enabled: hasTerms,
    // Keep the last results on screen while the next ones load, instead of flashing empty.
    placeholderData: keepPreviousData,
    staleTime: 0,
    // The person is typing: a new request comes soon, and the error row offers a retry.
    retry: false,
  });
  const wanted = searchTerms(typed).length > 0;
  const current = debounced === typed && !query.isPlaceholderData && !query.isFetching;
  return {
    wanted,
    results: wanted ? (query.data?.data ?? []) : [],
    pending: wanted && !current && !query.isError,
    failed: wanted && current && query.isError,
    settled: wanted && current && query.isSuccess,
    error: query.error,
    retry: () => query.refetch(),
  };
}

/** Fixed actions matching the text: label matches first, then description or keywords. */
function filterActions(items: PaletteItem[], text: string): PaletteItem[] {
  const query = text.trim().toLowerCase();
  if (!query) return items;
  const inLabel = items.filter((item) => item.label.toLowerCase().includes(query));
  const elsewhere = items.filter(
    (item) =>
      !inLabel.includes(item) &&
      [item.description ?? "", ...(item.keywords ?? [])].some((text) =>
        text.toLowerCase().includes(query),
      ),
  );
  const matched = [...inLabel, ...elsewhere];
  // Back into their groups, groups in their original order.
  return items.filter((item) => matched.includes(item));
}

export function CommandPalette({ me }: { me: Me }) {
  const navigate = useNavigate();
  const { toggle } = useToggleColorScheme();
  const signOut = useSignOut();
  const [text, setText] = useState("");
  const [activeId, setActiveId] = useState<string | null>(null);
  const search = useRecordSearch(me, text);
  const listId = `palette-${useId().replace(/:/g, "")}`;

  const fixedActions: PaletteItem[] = [
    ...areas.map((area) => ({
      id: `go-${area.path}`,
      group: "Go to",
      label: area.label,
      description: area.description,
      icon: <area.icon {...iconProps} />,
      run: () => navigate(area.path),
      highlight: true,
    })),
    ...settingsSections
      .filter((section) => !section.minimumRole || hasRole(me.member.role, section.minimumRole))
      .map((section) => ({
        id: `go-${section.path}`,
        group: "Settings",
        label: `Settings → ${section.label}`,
        description: section.description,
        keywords: ["settings", section.label.toLowerCase()],
        icon: <section.icon {...iconProps} />,
        run: () => navigate(section.path),
        highlight: true,
      })),
    {
      id: "toggle-theme",
      group: "Actions",
      label: "Toggle light/dark theme",
      keywords: ["dark", "light", "theme", "colour", "color"],
      icon: <IconSunMoon {...iconProps} />,
      run: toggle,
      highlight: true,
    },
    {
      id: "sign-out",
      group: "Actions",
      label: "Sign out",
      keywords: ["log out", "logout"],
      icon: <IconLogout {...iconProps} />,
      run: () => signOut.mutate(undefined, { onSettled: () => navigate("/login") }),
      highlight: true,
    },
  ];

  const resultItems: PaletteItem[] = resultGroups.flatMap(({ type, group, icon }) =>
    search.results
      .filter((result) => result.type === type)
      .map((result) => ({
        id: `${type}-${result.id}`,
        group,
        label: result.title,
        description: result.subtitle || undefined,
        icon,
        run: () => navigate(pathOf(result)),
      })),
  );
  const failureItem: PaletteItem[] = search.failed
    ? [
        {
          id: "search-failed",
          group: "Search",
          label: "Could not search. Try again",
          description: describeError(search.error),
          icon: <IconAlertTriangle {...iconProps} color="var(--mantine-color-red-filled)" />,
          run: () => void search.retry(),
          keepOpen: true,
        },
      ]
    : [];
  const items = [...failureItem, ...resultItems, ...filterActions(fixedActions, text)];

  const activeIndex = Math.max(
    0,
    items.findIndex((item) => item.id === activeId),
  );
  const active = items[activeIndex];
  const domId = (item: PaletteItem) => `${listId}-${item.id}`;

  // Keep the selected row in view as the arrows move it.
  const activeDomId = active ? domId(active) : undefined;
  useEffect(() => {
    if (activeDomId) document.getElementById(activeDomId)?.scrollIntoView({ block: "nearest" });
  }, [activeDomId]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing || items.length === 0) return;
    const step = event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
    if (step !== 0) {
      event.preventDefault();
      const next = items[(activeIndex + step + items.length) % items.length];
      setActiveId(next?.id ?? null);
    } else if (event.key === "Enter" && active) {
      event.preventDefault();
      // A click runs the action exactly as the mouse would, closing the palette with it.
      document.getElementById(domId(active))?.click();
    }
  };

  const status = !search.wanted
    ? ""
    : search.pending
      ? "Searching…"
      : search.failed
        ? "Search failed"
        : resultItems.length === 0
          ? "No matches"
          : `${resultItems.length} ${resultItems.length === 1 ? "match" : "matches"}`;

  const groups = [...new Set(items.map((item) => item.group))];

  return (
    <Spotlight.Root
      query={text}
      onQueryChange={(value) => {
        setText(value);
        // New text, new list: the first row is the one Enter opens.
        setActiveId(null);
      }}
      shortcut={["mod + K"]}
      scrollable
      maxHeight={420}
      // The title names the dialog for screen readers; the search box already says what it is.
      title="Search Rapport"
      styles={{ header: visuallyHidden }}
      classNames={{ action: classes.action }}
    >
      <Spotlight.Search
        leftSection={<IconSearch size={18} aria-hidden />}
        rightSection={search.pending ? <Loader size="xs" aria-hidden /> : undefined}
        placeholder="Find an account, a person or a need, or jump to an area…"
        aria-label="Search Rapport"
        aria-controls={listId}
        aria-activedescendant={activeDomId}
        maxLength={MAX_QUERY_LENGTH}
        onKeyDown={onKeyDown}
      />
      <VisuallyHidden role="status" aria-live="polite">
        {status}
      </VisuallyHidden>
      {items.length > 0 ? (
        <ScrollArea.Autosize
          id={listId}
          className={Spotlight.classes.actionsList}
          type="scroll"
          scrollbarSize="var(--spotlight-actions-list-padding)"
          offsetScrollbars="y"
        >
          {search.settled && resultItems.length === 0 && (
            <Text size="sm" c="dimmed" px="md" py={6}>
              No accounts, people or needs match “{text.trim()}”.
            </Text>
          )}
          {groups.map((group) => (
            <Spotlight.ActionsGroup key={group} label={group}>
              {items
                .filter((item) => item.group === group)
                .map((item) => (
                  <Spotlight.Action
                    key={item.id}
                    // Spotlight.Action keeps an `id` prop to itself; the DOM id is what
                    // aria-activedescendant, Enter and scrolling need.
                    ref={(node) => node?.setAttribute("id", domId(item))}
                    data-selected={item === active || undefined}
                    label={item.label}
                    description={item.description}
                    leftSection={item.icon}
                    highlightQuery={item.highlight}
                    closeSpotlightOnTrigger={!item.keepOpen}
                    onMouseEnter={() => setActiveId(item.id)}
                    onClick={item.run}
                  />
                ))}
            </Spotlight.ActionsGroup>
          ))}
        </ScrollArea.Autosize>
      ) : (
        <Spotlight.Empty>
          {search.pending ? "Searching…" : `No matches for “${text.trim()}”.`}
        </Spotlight.Empty>
      )}
    </Spotlight.Root>
  );
}
