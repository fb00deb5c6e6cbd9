/** Screenshots of each page a journey visits, for reviewing the UI: test-results/screens/. */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { repoRoot } from "./server";

export const screensDir = path.join(repoRoot, "test-results/screens");

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screensDir, { recursive: true });
  const file = path.join(screensDir, `${name}.png`);
  // A full-page capture of a scrolled page draws the fixed AppShell header at the scroll
  // offset, halfway down the picture: capture from the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
