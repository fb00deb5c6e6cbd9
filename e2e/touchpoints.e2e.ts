/**
 * The touchpoints journey (issue "Touchpoints", Done when): a key account whose last call
 * was 30 days ago shows as an overdue touch on Today → the member logs a call from the
 * account page with the quick form, by keyboard → the overdue touch is gone from Today → the
 * activity report opens with its chart and table. Every screen gets an axe check and a
 * screenshot.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiPost,
  type E2eServer,
  expectNoSeriousAxeViolations,
  launchBrowser,
  newPage,
  onboard,
  screenshot,
  startServer,
  type TrackedPage,
} from "./support";

const owner = {
  workspace: "Calder Works",
  name: "Nina Calder",
  email: "nina@calder.example.com",
  password: "a long and careful passphrase",
};
const accountName = "Harbour Lights Hotels";
const DAY = 86_400_000;

let server: E2eServer;
let browser: Browser;
let tab: TrackedPage;
let accountId = "";

const touchesDue = (page: Page) => page.getByRole("region", { name: "Touches due" });

describe("touchpoints journey", () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    tab = await newPage(browser, server.url);
    const { page } = tab;
    await onboard(page, owner);

    // The history the journey starts from: a key client last called a month ago.
    const account = (await apiPost(page, "/api/v1/accounts", {
      name: accountName,
      status: "active",
      tier: "key",
    })) as { id: string };
    accountId = account.id;
    await apiPost(page, "/api/v1/interactions", {
      accountId,
      kind: "call",
      direction: "outbound",
      occurredAt: new Date(Date.now() - 30 * DAY).toISOString(),
      summary: "Quarterly call: occupancy is up, the spa project is on hold.",
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows the overdue touch on Today", async () => {
    const { page } = tab;
    await page.goto("/today");
    await page.getByRole("heading", { level: 1, name: "Today" }).waitFor();
    await touchesDue(page).getByRole("link", { name: accountName }).first().waitFor();
    await touchesDue(page)
      .getByText(/overdue/)
      .first()
      .waitFor();
    await expectNoSeriousAxeViolations(page, "today with an overdue touch");
    await screenshot(page, "touchpoints-01-today-overdue");
  });

  it("logs a call from the account page by keyboard", async () => {
    const { page } = tab;
    await touchesDue(page).getByRole("link", { name: accountName }).first().click();
    await page.getByRole("heading", { level: 1, name: accountName }).waitFor();
    await page.getByRole("tab", { name: "Activity", selected: true }).waitFor();
    const form = page.getByRole("form", { name: "Log a touch" });
    await form.waitFor();
    await expectNoSeriousAxeViolations(page, "account activity");
    await screenshot(page, "touchpoints-02-activity");

    // By keyboard: pick the kind, then the summary, then Ctrl+Enter submits.
    const call = form
      .getByRole("radiogroup", { name: "Kind" })
      .getByRole("radio", { name: "Call", exact: true });
    await call.focus();
    await page.keyboard.press("Space");
    expect(await call.isChecked()).toBe(true);
    await form
      .getByRole("textbox", { name: "Summary" })
      .fill("Agreed to restart the spa project in spring; they want a proposal by March.");
    await form.getByRole("textbox", { name: "Summary" }).press("Control+Enter");
    const history = page.getByRole("region", { name: "History" });
    await history.getByText("Agreed to restart the spa project in spring").waitFor();
    await expectNoSeriousAxeViolations(page, "account activity after logging a call");
    await screenshot(page, "touchpoints-03-logged");
  });

  it("no longer shows the touch as due on Today", async () => {
    const { page } = tab;
    await page.goto("/today");
    await page.getByRole("heading", { level: 1, name: "Today" }).waitFor();
    await touchesDue(page).waitFor();
    await expect
      .poll(() => touchesDue(page).getByRole("link", { name: accountName }).count())
      .toBe(0);
    await screenshot(page, "touchpoints-04-today-clear");
  });

  it("opens the activity report with its chart and table", async () => {
    const { page } = tab;
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Reports" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Reports" }).waitFor();
    await page.getByRole("region", { name: "Activity" }).waitFor();
    const chart = page.getByRole("figure", { name: /^Touches by / });
    await chart.locator("svg").first().waitFor();
    await page.getByRole("table", { name: /^Activity by / }).waitFor();
    await expectNoSeriousAxeViolations(page, "activity report");
    await screenshot(page, "touchpoints-05-report");
  });

  it("raised no uncaught errors or Content-Security-Policy violations", () => {
    expect(tab.errors).toEqual([]);
  });
});
