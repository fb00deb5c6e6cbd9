/**
 * The accounts journey on a fresh server: the empty list says what to do → a new account
 * refuses a bad domain under its field → it is created and opened → its status changes
 * (dated in the history) → a milestone joins the timeline → tabs and filters live in the
 * URL → Settings → Workspace. Every screen gets an axe check and a screenshot.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
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
  workspace: "Halden Partners",
  name: "Hanna Halden",
  email: "hanna@halden.example.com",
  password: "a long and careful passphrase",
};
const account = { name: "Brightwater Logistics", domain: "brightwater.example" };

let server: E2eServer;
let browser: Browser;
let tab: TrackedPage;
let accountPath = "";

async function waitForPath(page: Page, test: (pathname: string) => boolean): Promise<void> {
  await page.waitForURL((url) => test(url.pathname));
}

describe("accounts journey", () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    tab = await newPage(browser, server.url);
    const { page } = tab;
    await onboard(page, owner);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows an empty list that says how to start", async () => {
    const { page } = tab;
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Accounts" })
      .click();
    await waitForPath(page, (path) => path === "/accounts");
    await page.getByRole("heading", { level: 1, name: "Accounts" }).waitFor();
    await page.getByRole("heading", { name: "No accounts yet" }).waitFor();
    await page.getByRole("button", { name: "Create the first account" }).waitFor();
    await expectNoSeriousAxeViolations(page, "accounts, empty");
    await screenshot(page, "accounts-01-empty");
  });

  it("refuses a bad domain under its field, then creates the account and opens it", async () => {
    const { page } = tab;
    await page.getByRole("button", { name: "New account" }).click();
    const dialog = page.getByRole("dialog", { name: "New account" });
    await dialog.waitFor();
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(account.name);
    const domain = dialog.getByRole("textbox", { name: "Website or domain" });
    await domain.fill("not a domain");
    await dialog.getByRole("button", { name: "Create account" }).click();
    await dialog.getByText("Must be a domain such as example.com").waitFor();
    expect(await domain.getAttribute("aria-invalid")).toBe("true");
    await expectNoSeriousAxeViolations(page, "new account with a field error");
    await screenshot(page, "accounts-02-new-account-error");

    await domain.fill(`https://www.${account.domain}/about`);
    await dialog.getByRole("button", { name: "Create account" }).click();
    await waitForPath(page, (path) => /^\/accounts\/[0-9a-f-]{36}$/.test(path));
    accountPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: account.name }).waitFor();
    // The server normalised the address the member pasted.
    await page.getByRole("link", { name: new RegExp(`^${account.domain}`) }).waitFor();
    await page.getByRole("tab", { name: "Overview", selected: true }).waitFor();
    await expectNoSeriousAxeViolations(page, "account overview");
    await screenshot(page, "accounts-03-account");
  });

  it("changes the status, which the history dates", async () => {
    const { page } = tab;
    await page.getByRole("button", { name: "Change status" }).click();
    await page.getByRole("menuitem", { name: /^Active/ }).click();
    const history = page.getByRole("region", { name: "Status history" });
    await history.getByText("Active (now)").waitFor();
    await history.getByText("Prospect", { exact: true }).waitFor();
    await page.getByText("Status changed").waitFor();
  });

  it("adds a milestone to the timeline", async () => {
    const { page } = tab;
    await page.getByRole("button", { name: "Add milestone" }).click();
    const form = page.getByRole("form", { name: "Add milestone" });
    await form.waitFor();
    // An empty title is refused in the browser, with the API's own message. On a busy
    // machine the first click can land while the form is still settling: try again.
    const submit = form.getByRole("button", { name: "Add to timeline" });
    const required = form.getByText("Required");
    for (let attempt = 0; attempt < 3 && !(await required.isVisible()); attempt++) {
      await submit.click();
      await required.waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
    await required.waitFor();
    await form.getByRole("textbox", { name: "Date" }).fill("2024-03-14");
    await form.getByRole("textbox", { name: "What happened" }).fill("Signed the first contract");
    await expectNoSeriousAxeViolations(page, "add milestone form");
    await form.getByRole("button", { name: "Add to timeline" }).click();
    await form.waitFor({ state: "hidden" });
    const milestones = page.getByRole("region", { name: "Milestones" });
    await milestones.getByText("Signed the first contract").waitFor();
    await milestones.getByText("14 Mar 2024").waitFor();
    await expectNoSeriousAxeViolations(page, "account with a milestone");
    await screenshot(page, "accounts-04-milestone");
  });

  it("keeps the tab in the URL across a reload", async () => {
    const { page } = tab;
    await page.getByRole("tab", { name: "Activity" }).click();
    await page.waitForURL((url) => url.searchParams.get("tab") === "activity");
    await page.reload();
    await page.getByRole("tab", { name: "Activity", selected: true }).waitFor();
    await page.getByRole("form", { name: "Log a touch" }).waitFor();
    await expectNoSeriousAxeViolations(page, "account activity tab");
    await page.goBack();
    await page.getByRole("tab", { name: "Overview", selected: true }).waitFor();
  });

  it("lists the account, keeps filters in the URL, and opens it from its row", async () => {
    const { page } = tab;
    await page.goto("/accounts");
    const row = page.getByRole("row").filter({ hasText: account.name });
    await row.getByText("Active", { exact: true }).waitFor();
    await expectNoSeriousAxeViolations(page, "accounts list");
    await screenshot(page, "accounts-05-list");

    await page.getByRole("textbox", { name: "Search" }).fill("nothing like it");
    await page.waitForURL((url) => url.searchParams.get("q") === "nothing like it");
    await page.getByRole("heading", { name: "No account matches" }).waitFor();
    await page.reload();
    expect(await page.getByRole("textbox", { name: "Search" }).inputValue()).toBe(
      "nothing like it",
    );
    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await page.getByRole("link", { name: account.name }).click();
    await waitForPath(page, (path) => path === accountPath);
    await page.getByRole("heading", { level: 1, name: account.name }).waitFor();
  });

  it("edits the workspace's tiers and core markets in Settings", async () => {
    const { page } = tab;
    await page.goto("/settings/workspace");
    const form = page.getByRole("form", { name: "Workspace settings" });
    await form.waitFor();
    await form.getByRole("textbox", { name: "New tier" }).fill("strategic");
    await form.getByRole("button", { name: "Add tier" }).click();
    await form.getByRole("button", { name: "Move strategic up" }).click();
    await form.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Workspace saved").waitFor();
    await expectNoSeriousAxeViolations(page, "settings/workspace");
    await screenshot(page, "accounts-06-workspace");
  });

  it("raised no uncaught errors or Content-Security-Policy violations", () => {
    expect(tab.errors).toEqual([]);
  });
});
