/**
 * Cmd/Ctrl+K: jump to any area or settings page, switch theme, sign out. Records
 * (accounts, people) join these actions once the search domain exists.
 */
import { Spotlight, type SpotlightActionGroupData } from "@mantine/spotlight";
import { IconLogout, IconSearch, IconSunMoon } from "@tabler/icons-react";
import { useNavigate } from "react-router";
import { useToggleColorScheme } from "./ColorSchemeToggle";
import { areas, settingsSections } from "./navigation";
import { hasRole, type Me, useSignOut } from "./session";

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

export function CommandPalette({ me }: { me: Me }) {
  const navigate = useNavigate();
  const { toggle } = useToggleColorScheme();
  const signOut = useSignOut();

  const iconProps = { size: 20, stroke: 1.6, "aria-hidden": true } as const;
  const actions: SpotlightActionGroupData[] = [
    {
      group: "Go to",
      actions: areas.map((area) => ({
        id: `go-${area.path}`,
        label: area.label,
        description: area.description,
        leftSection: <area.icon {...iconProps} />,
        onClick: () => navigate(area.path),
      })),
    },
    {
      group: "Settings",
      actions: settingsSections
        .filter((section) => !section.minimumRole || hasRole(me.member.role, section.minimumRole))
        .map((section) => ({
          id: `go-${section.path}`,
          label: `Settings → ${section.label}`,
          description: section.description,
          keywords: ["settings", section.label.toLowerCase()],
          leftSection: <section.icon {...iconProps} />,
          onClick: () => navigate(section.path),
        })),
    },
    {
      group: "Actions",
      actions: [
        {
          id: "toggle-theme",
          label: "Toggle light/dark theme",
          keywords: ["dark", "light", "theme", "colour", "color"],
          leftSection: <IconSunMoon {...iconProps} />,
          onClick: toggle,
        },
        {
          id: "sign-out",
          label: "Sign out",
          keywords: ["log out", "logout"],
          leftSection: <IconLogout {...iconProps} />,
          onClick: () => signOut.mutate(undefined, { onSettled: () => navigate("/login") }),
        },
      ],
    },
  ];

  return (
    <Spotlight
      actions={actions}
      shortcut={["mod + K"]}
      nothingFound="Nothing matches. Try an area such as “Accounts” or “Members”."
      highlightQuery
      scrollable
      maxHeight={420}
      // The title names the dialog for screen readers; the search box already says what it is.
      title="Search Rapport"
      styles={{ header: visuallyHidden }}
      searchProps={{
        leftSection: <IconSearch size={18} aria-hidden />,
        placeholder: "Jump to an area, a setting or an action…",
        "aria-label": "Search Rapport",
      }}
    />
  );
}
