/**
 * The demo journey (issue "Demo workspace and benchmark harness"): on a fresh server the
 * onboarding page offers "Explore with demo data" → one click builds a sample firm and
 * lands on a full Today, with the demo login shown → the portfolio ranks accounts in
 * several bands → an at-risk account explains its health → Reports → Activity has numbers.
 * Every screen is checked with axe.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type E2eServer,
  expectNoSeriousAxeViolations,
  launchBrowser,
  newPage,
  screenshot,
  startServer,
  type TrackedPage,
} from "./support";

let server: E2eServer;
let browser: Browser;
let tab: TrackedPage;

describe("demo journey", () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    tab = await newPage(browser, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("offers demo data on the onboarding page, labelled and reachable by keyboard", async () => {
    const { page } = tab;
    await page.goto("/onboarding");
    const button = page.getByRole("button", { name: "Explore with demo data" });
    await button.waitFor();
    expect(await button.getAttribute("aria-describedby")).toBe("demo-explanation");
    await page.getByText("A sample firm with two years of history").waitFor();
    // Keyboard: from the password field, a few Tabs on (past Create workspace) reach it.
    await page.getByRole("textbox", { name: "Password", exact: true }).focus();
    const focused = () => button.evaluate((el) => el === document.activeElement);
    for (let presses = 0; presses < 4 && !(await focused()); presses++) {
      await page.keyboard.press("Tab");
    }
    expect(await focused()).toBe(true);
    await expectNoSeriousAxeViolations(page, "onboarding with the demo button");
    await screenshot(page, "demo-01-onboarding");
  });

  it("builds the demo firm, says what it is doing, and lands on a full Today with the login", async () => {
    const { page } = tab;
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText("Building your demo firm").waitFor();
    await page.waitForURL((url) => url.pathname === "/today", { timeout: 90_000 });
    await page.getByRole("heading", { level: 1, name: "Today" }).waitFor();
    const login = page.getByText("Your demo workspace is ready");
    await login.waitFor();
    await page.getByText("demo@rapport.example").waitFor();
    for (const name of [/^Today/, /^This week/, /^Tasks/, /^Important dates/, /^Quiet accounts/]) {
      await page.getByRole("region", { name }).getByRole("link").first().waitFor();
    }
    await expectNoSeriousAxeViolations(page, "today of the demo owner");
    await screenshot(page, "demo-02-today");
  });

  it("ranks the portfolio in several bands, at-risk accounts first", async () => {
    const { page } = tab;
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Portfolio" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Portfolio" }).waitFor();
    const table = page.getByRole("table", { name: "Portfolio" });
    await table
      .getByText(/At risk/)
      .first()
      .waitFor();
    await table.getByText(/Watch/).first().waitFor();
    await table
      .getByText(/Healthy/)
      .first()
      .waitFor();
    await expectNoSeriousAxeViolations(page, "portfolio of the demo firm");
    await screenshot(page, "demo-03-portfolio");
  });

  it("opens an at-risk account whose health says what went wrong", async () => {
    const { page } = tab;
    const riskiest = page.getByRole("table", { name: "Portfolio" }).getByRole("row").nth(1);
    const name = (await riskiest.getByRole("link").first().textContent())?.trim() ?? "";
    await riskiest.getByRole("link").first().click();
    await page.getByRole("heading", { level: 1, name }).waitFor();
    const components = page
      .getByRole("region", { name: "Health" })
      .getByRole("list", { name: "Health components" });
    await components.waitFor();
    await components
      .getByText(/survey answers?|Tone has|touch/)
      .first()
      .waitFor();
    await expectNoSeriousAxeViolations(page, "an at-risk demo account");
    await screenshot(page, "demo-04-account");
  });

  it("shows numbers in Reports → Activity", async () => {
    const { page } = tab;
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Reports" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Reports" }).waitFor();
    const table = page.getByRole("table", { name: /^Activity by / });
    await table.waitFor();
    await expect
      .poll(async () =>
        (await table.getByRole("cell").allTextContents()).some((text) =>
          /^[1-9]\d*$/.test(text.trim()),
        ),
      )
      .toBe(true);
    await expectNoSeriousAxeViolations(page, "activity report of the demo firm");
    await screenshot(page, "demo-05-report");
  });

  it("raised no uncaught errors or Content-Security-Policy violations", () => {
    expect(tab.errors).toEqual([]);
  });
});
