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
  IconCalendarEvent,
  IconChartBar,
  IconChecklist,
  IconHeartbeat,
  IconKey,
  IconMail,
  IconMessageCircleQuestion,
  IconRepeat,
  IconSettings,
  IconStack2,
  IconUsersGroup,
} from "@tabler/icons-react";
import type { Role } from "./session";

export type Area = { path: string; label: string; icon: Icon; description: string };

export const areas: Area[] = [
  { path: "/today", label: "Today", icon: IconCalendarCheck, description: "Who needs you today" },
  {
    path: "/tasks",
    label: "Tasks",
    icon: IconChecklist,
    description: "What you promised, soonest due first",
  },
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
  description: "Members, workspace, cadence rules, calendar links, API tokens and outgoing mail",
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
    description: "Workspace name, account tiers, core markets and time zone",
    minimumRole: "admin",
  },
  {
    path: "/settings/cadence",
    label: "Cadence rules",
    icon: IconRepeat,
    description: "How often each tier, prospects or an account should hear from you",
  },
  {
    path: "/settings/surveys",
    label: "Surveys",
    icon: IconMessageCircleQuestion,
    description: "What each survey asks, how often a person may be asked, how long links stay open",
  },
  {
    path: "/settings/health",
    label: "Health weights",
    icon: IconHeartbeat,
    description: "How much each signal counts in an account's health score",
  },
  {
    path: "/settings/calendar",
    label: "Calendar",
    icon: IconCalendarEvent,
    description: "Private links that put your agenda in your calendar app, and the morning digest",
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
