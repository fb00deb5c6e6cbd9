/**
 * Chromium through playwright-core: the system /usr/bin/chromium, headless, with flags that
 * keep it off the network (without them it keeps calling home on a closed network).
 */
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export type TrackedPage = {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and Content-Security-Policy violations seen so far. */
  errors: string[];
};

/** A fresh context (own cookies and storage) with one page that records page errors. */
export async function newPage(browser: Browser, baseURL: string): Promise<TrackedPage> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 800 },
    reducedMotion: "reduce",
    locale: "en-GB",
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
      errors.push(`CSP: ${message.text()}`);
    }
  });
  return { context, page, errors };
}
