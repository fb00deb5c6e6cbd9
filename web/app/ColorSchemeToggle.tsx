/**
 * Light/dark switch. The first click pins the opposite of what is shown; until then the
 * scheme follows the system ("auto"), and Mantine's manager persists the choice.
 */
import { ActionIcon, Tooltip, useComputedColorScheme, useMantineColorScheme } from "@mantine/core";
import { IconMoon, IconSun } from "@tabler/icons-react";

export function useToggleColorScheme() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme("light", { getInitialValueInEffect: false });
  return {
    computed,
    toggle: () => setColorScheme(computed === "dark" ? "light" : "dark"),
  };
}

export function ColorSchemeToggle() {
  const { computed, toggle } = useToggleColorScheme();
  const label = computed === "dark" ? "Switch to light theme" : "Switch to dark theme";
  return (
    <Tooltip label={label}>
      <ActionIcon variant="default" size="lg" onClick={toggle} aria-label={label}>
        {computed === "dark" ? <IconSun size={18} /> : <IconMoon size={18} />}
      </ActionIcon>
    </Tooltip>
  );
}
