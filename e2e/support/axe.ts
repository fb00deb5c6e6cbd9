/**
 * Accessibility check with axe-core: injects node_modules/axe-core/axe.min.js into the page
 * and fails listing every serious or critical violation with the nodes it was found on.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, Result } from "axe-core";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/**
 * Evaluated through the DevTools protocol rather than added as an inline <script>
 * (page.addScriptTag): the app's CSP forbids inline scripts, so a script tag would be
 * blocked and reported as a CSP violation.
 */
async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate("typeof window.axe === 'object'")) return;
  axeSource ??= fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(axeSource);
  if (!(await page.evaluate("typeof window.axe === 'object'"))) {
    throw new Error("axe-core did not load into the page");
  }
}

/** Waits until finite CSS animations and transitions have finished (contrast mid-fade lies). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(`Promise.all(
    document.getAnimations()
      .filter((a) => a.playState === "running" && a.effect && a.effect.getComputedTiming().endTime !== Infinity)
      .map((a) => a.finished.catch(() => undefined))
  ).then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))`);
}

export function formatViolations(label: string, violations: Result[]): string {
  const lines = [`axe: ${violations.length} serious/critical violation(s) on "${label}":`];
  for (const v of violations) {
    lines.push(`- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes) {
      lines.push(`    at ${node.target.join(" ")}`);
      lines.push(`      ${node.html.replace(/\s+/g, " ").slice(0, 300)}`);
      if (node.failureSummary) {
        for (const summary of node.failureSummary.split("\n"))
          lines.push(`      ${summary.trim()}`);
      }
    }
  }
  return lines.join("\n");
}

export async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<AxeResults> {
  await injectAxe(page);
  await settle(page);
  const results = (await page.evaluate(
    "window.axe.run(document, { resultTypes: ['violations'] })",
  )) as AxeResults;
  const serious = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  if (serious.length > 0) throw new Error(formatViolations(label, serious));
  return results;
}
