// Runs before the app bundle so the page paints in the right scheme. Mirrors Mantine's
// localStorageColorSchemeManager key (see web/app/theme.ts); "auto" follows the system.
(() => {
  try {
    const stored = window.localStorage.getItem("rapport-color-scheme");
    const wanted = stored === "light" || stored === "dark" ? stored : "auto";
    const resolved =
      wanted === "auto"
        ? window.matchMedia("(prefers-color-scheme: dark)").matches
          ? "dark"
          : "light"
        : wanted;
    document.documentElement.setAttribute("data-mantine-color-scheme", resolved);
  } catch {
    // Storage may be blocked; Mantine sets the attribute itself once it mounts.
  }
})();
