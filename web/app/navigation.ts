/**
 * The app's areas in navbar order (DESIGN §7). The navbar, the command palette and the
 * page titles all read this list, so an area is added in one place.
 */
import {
  type Icon,
  IconAddressBook,
  IconBuildingCommunity,
  IconBuildingSkyscraper,
  IconCalendarCheck,
  IconChartBar,
  IconKey,
  IconMail,
  IconSettings,
  IconStack2,
  IconUsersGroup,
} from "@tabler/icons-react";
import type { Role } from "./session";

export type Area = { path: string; label: string; icon: Icon; description: string };

export const areas: Area[] = [
  { path: "/today", label: "Today", icon: IconCalendarCheck, description: "Who needs you today" },
  {
    path: "/portfolio",
    label: "Portfolio",
    icon: IconStack2,
    description: "Every relationship ranked by risk",
  },
  {
    path: "/accounts",
    label: "Accounts",
    icon: IconBuildingSkyscraper,
    description: "Your client accounts",
  },
  {
    path: "/people",
    label: "People",
    icon: IconAddressBook,
    description: "Contacts at your clients",
  },
  {
    path: "/reports",
    label: "Reports",
    icon: IconChartBar,
    description: "Trends across the portfolio",
  },
];

export const settingsArea: Area = {
  path: "/settings",
  label: "Settings",
  icon: IconSettings,
  description: "Members, workspace, API tokens and outgoing mail",
};

export type SettingsSection = Area & { minimumRole?: Role };

export const settingsSections: SettingsSection[] = [
  {
    path: "/settings/members",
    label: "Members",
    icon: IconUsersGroup,
    description: "Who is in the workspace and what they may do",
  },
  {
    path: "/settings/workspace",
    label: "Workspace",
    icon: IconBuildingCommunity,
    description: "Workspace name, account tiers and core markets",
    minimumRole: "admin",
  },
  {
    path: "/settings/tokens",
    label: "API tokens",
    icon: IconKey,
    description: "Tokens for scripts and integrations",
  },
  {
    path: "/settings/outbox",
    label: "Outbox",
    icon: IconMail,
    description: "Mail Rapport sent or is waiting to send",
    minimumRole: "admin",
  },
];
