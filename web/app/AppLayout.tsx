/**
 * The signed-in frame: Mantine AppShell with the area navbar, a header carrying the
 * workspace, search (Cmd/Ctrl+K), theme switch and the member menu, and the page below.
 */
import {
  ActionIcon,
  AppShell,
  Avatar,
  Box,
  Burger,
  Button,
  Group,
  Kbd,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from "@mantine/core";
import { useDisclosure, useOs } from "@mantine/hooks";
import { spotlight } from "@mantine/spotlight";
import { IconChevronDown, IconKey, IconLogout, IconSearch } from "@tabler/icons-react";
import { useEffect } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { Logo } from "../components/Logo";
import classes from "./AppLayout.module.css";
import { ColorSchemeToggle } from "./ColorSchemeToggle";
import { CommandPalette } from "./CommandPalette";
import { type Area, areas, settingsArea } from "./navigation";
import { type Me, roleLabels, useSignOut } from "./session";

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() ?? "");
  return (letters.length > 1 ? `${letters[0]}${letters.at(-1)}` : (letters[0] ?? "?")).slice(0, 2);
}

function MemberMenu({ me }: { me: Me }) {
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton px={6} py={4} style={{ borderRadius: "var(--mantine-radius-md)" }}>
          <Group gap={8} wrap="nowrap">
            <Avatar color="rapport" radius="xl" size={32} aria-hidden>
              {initials(me.member.name)}
            </Avatar>
            {/* The visible name and role are the button's name; small screens show only the avatar. */}
            <VisuallyHidden>Account menu:</VisuallyHidden>
            <Box hiddenFrom="sm">
              <VisuallyHidden>
                {me.member.name}, {roleLabels[me.member.role]}
              </VisuallyHidden>
            </Box>
            <Box visibleFrom="sm">
              <Text size="sm" fw={600} lh={1.2} truncate maw={160}>
                {me.member.name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {roleLabels[me.member.role]}
              </Text>
            </Box>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed in as {me.member.email}</Menu.Label>
        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => navigate("/settings/tokens")}>
          API tokens
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          onClick={() => signOut.mutate(undefined, { onSettled: () => navigate("/login") })}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function SearchButton() {
  const os = useOs();
  const modifier = os === "macos" || os === "ios" ? "⌘" : "Ctrl";
  return (
    <>
      <Button
        variant="default"
        visibleFrom="sm"
        onClick={() => spotlight.open()}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={
          <Group gap={2} aria-hidden wrap="nowrap">
            <Kbd size="xs">{modifier}</Kbd>
            <Kbd size="xs">K</Kbd>
          </Group>
        }
        aria-keyshortcuts="Control+K Meta+K"
        fw={400}
        w={270}
        justify="space-between"
        styles={{ label: { color: "var(--mantine-color-dimmed)", flex: 1 } }}
      >
        Search or jump to…
      </Button>
      <ActionIcon
        variant="default"
        size="lg"
        hiddenFrom="sm"
        onClick={() => spotlight.open()}
        aria-label="Search or jump to"
      >
        <IconSearch size={18} />
      </ActionIcon>
    </>
  );
}

export function AppLayout({ me }: { me: Me }) {
  const [navbarOpened, { toggle: toggleNavbar, close: closeNavbar }] = useDisclosure(false);
  const location = useLocation();

  // On small screens the navbar is an overlay: close it once the member picked a page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation on purpose
  useEffect(() => closeNavbar(), [location.pathname, closeNavbar]);

  const navLink = (area: Area) => {
    const active = location.pathname === area.path || location.pathname.startsWith(`${area.path}/`);
    return (
      <NavLink
        key={area.path}
        component={Link}
        to={area.path}
        label={area.label}
        leftSection={<area.icon size={20} stroke={1.6} aria-hidden />}
        active={active}
        aria-current={active ? "page" : undefined}
        variant="light"
        fw={500}
        styles={{ root: { borderRadius: "var(--mantine-radius-md)" } }}
      />
    );
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 232, breakpoint: "sm", collapsed: { mobile: !navbarOpened } }}
      padding={{ base: "md", sm: "xl" }}
    >
      <a href="#main-content" className={classes.skipLink}>
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navbarOpened}
              onClick={toggleNavbar}
              hiddenFrom="sm"
              size="sm"
              aria-label={navbarOpened ? "Close navigation" : "Open navigation"}
            />
            <Link
              to="/today"
              aria-label="Rapport, go to Today"
              style={{ color: "inherit", textDecoration: "none" }}
            >
              <Logo />
            </Link>
            <Text c="dimmed" visibleFrom="xs" aria-hidden>
              /
            </Text>
            <Text fw={600} truncate maw={220} visibleFrom="xs">
              <VisuallyHidden>Workspace: </VisuallyHidden>
              {me.workspace.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SearchButton />
            <ColorSchemeToggle />
            <MemberMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Main">
        <AppShell.Section grow component={ScrollArea}>
          {areas.map(navLink)}
        </AppShell.Section>
        <AppShell.Section
          pt="sm"
          style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}
        >
          {navLink(settingsArea)}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1} style={{ outline: "none" }}>
        <Outlet />
      </AppShell.Main>
      <CommandPalette me={me} />
    </AppShell>
  );
}
