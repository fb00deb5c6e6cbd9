/**
 * Rapport's Mantine theme. The palette and shade choices are driven by contrast: every
 * text/background pair a component draws must pass WCAG AA (4.5:1), which Mantine's
 * defaults miss for dimmed text, error text and several filled colours at shade 6-7.
 */
import {
  type CSSVariablesResolver,
  createTheme,
  type DefaultMantineColor,
  defaultCssVariablesResolver,
  localStorageColorSchemeManager,
  type MantineColorsTuple,
} from "@mantine/core";

// A deep teal: calm and "service firm", distinct from the blue of most tools.
// Shade 8 carries white text at 6.3:1; shade 4 reads at 6.5:1 on the dark body.
const rapport: MantineColorsTuple = [
  "#e7f6f4",
  "#c8ebe6",
  "#a2dcd4",
  "#78cbc0",
  "#52b8ab",
  "#36a294",
  "#268c7f",
  "#1f7b70",
  "#1a6b62",
  "#11524b",
];

// Mantine's yellow-9 (#e67700) is the text colour of light yellow alerts and badges, and
// reads at 2.7:1 on yellow-1; a deeper amber reaches 5.3:1.
const yellow: MantineColorsTuple = [
  "#fff9db",
  "#fff3bf",
  "#ffec99",
  "#ffe066",
  "#ffd43b",
  "#fcc419",
  "#fab005",
  "#f59f00",
  "#f08c00",
  "#8a5a00",
];

const calendarAriaLabels = {
  previousMonth: "Previous month",
  nextMonth: "Next month",
  previousYear: "Previous year",
  nextYear: "Next year",
  previousDecade: "Previous decade",
  nextDecade: "Next decade",
  monthLevelControl: "Choose a month",
  yearLevelControl: "Choose a year",
};

// The same for orange: orange-9 (#d9480f) on orange-1 reads at 3.6:1; this one at 6.9:1.
const orange: MantineColorsTuple = [
  "#fff4e6",
  "#ffe8cc",
  "#ffd8a8",
  "#ffc078",
  "#ffa94d",
  "#ff922b",
  "#fd7e14",
  "#f76707",
  "#e8590c",
  "#9c3a08",
];

export const theme = createTheme({
  colors: { rapport, yellow, orange },
  primaryColor: "rapport",
  // Shade 8 for filled surfaces in both schemes: red-8 and our teal-8 both carry white text.
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: "md",
  headings: { fontWeight: "650" },
  cursorType: "pointer",
  components: {
    // Badges are small uppercase text: the light variant keeps them legible in both schemes.
    Badge: { defaultProps: { variant: "light" } },
    // The close button is an icon: give it a name. The header is a div because a <header>
    // inside a dialog counts as a second page banner for screen readers.
    Modal: { defaultProps: { closeButtonProps: { "aria-label": "Close dialog" } } },
    ModalHeader: { defaultProps: { component: "div" } },
    // The calendar's arrows are icons too: without names axe flags them (critical).
    DateInput: { defaultProps: { ariaLabels: calendarAriaLabels } },
    // Same for the notification close button; the description defaults to gray-6 (3.3:1).
    Notification: {
      defaultProps: { closeButtonProps: { "aria-label": "Dismiss notification" } },
      styles: { description: { color: "var(--mantine-color-dimmed)" } },
    },
  },
});

/** Darker dimmed/error text than Mantine's defaults, which measure 3.3:1 on white. */
export const cssVariablesResolver: CSSVariablesResolver = (resolvedTheme) => {
  const base = defaultCssVariablesResolver(resolvedTheme);
  return {
    variables: base.variables,
    light: {
      ...base.light,
      "--mantine-color-dimmed": "#636b74",
      "--mantine-color-error": "var(--mantine-color-red-9)",
      "--mantine-color-placeholder": "#737b84",
    },
    dark: {
      ...base.dark,
      "--mantine-color-dimmed": "#a6a6a6",
      "--mantine-color-error": "var(--mantine-color-red-5)",
      "--mantine-color-placeholder": "#9a9a9a",
    },
  };
};

/** Persists the user's choice; "auto" (the default) follows the operating system. */
export const colorSchemeManager = localStorageColorSchemeManager({ key: "rapport-color-scheme" });

/** Status colours used across lists, so "failed" looks the same everywhere. */
export const statusColor: Record<string, DefaultMantineColor | "rapport"> = {
  active: "rapport",
  invited: "blue",
  deactivated: "gray",
  pending: "yellow",
  sent: "rapport",
  failed: "red",
  revoked: "gray",
};
