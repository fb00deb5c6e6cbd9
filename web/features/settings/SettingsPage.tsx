/**
 * Settings: tabs that are real routes (/settings/members, /tokens, /outbox), so each tab
 * can be linked to, reloaded, and reached from the command palette.
 */
import { Tabs } from "@mantine/core";
import { Outlet, useLocation, useNavigate } from "react-router";
import { settingsSections } from "../../app/navigation";
import { hasRole, useCurrentMe } from "../../app/session";
import { PageHeader } from "../../components/PageHeader";

export function SettingsPage() {
  const me = useCurrentMe();
  const location = useLocation();
  const navigate = useNavigate();
  const sections = settingsSections.filter(
    (section) => !section.minimumRole || hasRole(me.member.role, section.minimumRole),
  );
  const current = settingsSections.find((section) => location.pathname.startsWith(section.path));

  return (
    <>
      <PageHeader
        title="Settings"
        description={`Who is in ${me.workspace.name}, how often clients should hear from you, how calendars and scripts reach it, and the mail it sends.`}
      />
      <Tabs
        value={current?.path ?? null}
        onChange={(path) => path && navigate(path)}
        keepMounted={false}
        // Eight sections: tighter tabs keep them on one line at a laptop's width.
        styles={{ tab: { paddingInline: "var(--mantine-spacing-xs)" } }}
      >
        <Tabs.List aria-label="Settings sections" mb="lg">
          {sections.map((section) => (
            <Tabs.Tab
              key={section.path}
              value={section.path}
              leftSection={<section.icon size={16} aria-hidden />}
            >
              {section.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {sections.map((section) => (
          <Tabs.Panel key={section.path} value={section.path}>
            {/* Only the active panel renders its children, so the Outlet mounts once. */}
            <Outlet />
          </Tabs.Panel>
        ))}
        {/* A section this role may not see (typed in by hand) still renders its explanation. */}
        {current && !sections.includes(current) && <Outlet />}
      </Tabs>
    </>
  );
}
