/**
 * The foundation journey on a fresh server: onboarding → the shell → sign out and in →
 * Ctrl+K to Settings → Members → invite a member → the invitee joins through the link.
 * Every page visited gets an axe check (no serious/critical violations) and a screenshot.
 */
import type { Browser, Page } from "playwright-core";
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

const workspaceName = "Northwind Advisory";
const owner = {
  name: "Olivia Owner",
  email: "olivia@northwind.example.com",
  password: "correct horse battery staple",
};
const invitee = { name: "Max Manager", email: "max@northwind.example.com", role: "Manager" };
const inviteePassword = "another long passphrase";
const areaLinks = ["Today", "Portfolio", "Accounts", "People", "Reports", "Settings"];

let server: E2eServer;
let browser: Browser;
let ownerTab: TrackedPage;
let inviteeTab: TrackedPage | undefined;
let invitationUrl = "";

function path(page: Page): string {
  return new URL(page.url()).pathname;
}

async function expectPath(page: Page, expected: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === expected);
  expect(path(page)).toBe(expected);
}

/** The member menu's button: its accessible name starts "Account menu" and names the member. */
function accountMenu(page: Page, memberName: string) {
  return page.getByRole("button", { name: new RegExp(`^Account menu\\b.*${memberName}`) });
}

async function expectShell(page: Page, memberName: string): Promise<void> {
  const navbar = page.getByRole("navigation", { name: "Main" });
  for (const label of areaLinks) {
    await navbar.getByRole("link", { name: label, exact: true }).waitFor();
  }
  await accountMenu(page, memberName).waitFor();
}

describe("foundation journey", () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ownerTab = await newPage(browser, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("sends the first visitor of a fresh server to onboarding", async () => {
    const { page } = ownerTab;
    await page.goto("/");
    await expectPath(page, "/onboarding");
    await page.getByRole("heading", { level: 1, name: "Set up your workspace" }).waitFor();
    await expectNoSeriousAxeViolations(page, "onboarding");
    await screenshot(page, "01-onboarding");
  });

  it("creates the workspace and its owner, and lands in the shell", async () => {
    const { page } = ownerTab;
    const form = page.getByRole("form", { name: "Create workspace" });
    await form.getByRole("textbox", { name: "Workspace name", exact: true }).fill(workspaceName);
    await form.getByRole("textbox", { name: "Your name", exact: true }).fill(owner.name);
    await form.getByRole("textbox", { name: "Work email", exact: true }).fill(owner.email);
    await form.getByRole("textbox", { name: "Password", exact: true }).fill(owner.password);
    await form.getByRole("button", { name: "Create workspace" }).click();

    await expectPath(page, "/today");
    await expectShell(page, owner.name);
    await page.getByRole("banner").getByText(workspaceName).waitFor();
    await expectNoSeriousAxeViolations(page, "today");
    await screenshot(page, "02-today");
  });

  it("signs out to the login page and signs back in", async () => {
    const { page } = ownerTab;
    await accountMenu(page, owner.name).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();

    await expectPath(page, "/login");
    await page.getByRole("heading", { level: 1, name: "Sign in to Rapport" }).waitFor();
    await expectNoSeriousAxeViolations(page, "login");
    await screenshot(page, "03-login");

    const form = page.getByRole("form", { name: "Sign in" });
    await form.getByRole("textbox", { name: "Email", exact: true }).fill(owner.email);
    await form.getByRole("textbox", { name: "Password", exact: true }).fill(owner.password);
    await form.getByRole("button", { name: "Sign in" }).click();

    await expectPath(page, "/today");
    await expectShell(page, owner.name);
  });

  it("opens the spotlight with Ctrl+K and goes to Settings → Members", async () => {
    const { page } = ownerTab;
    await page.keyboard.press("Control+k");
    const search = page.getByRole("textbox", { name: "Search Rapport" });
    await search.waitFor();
    await search.fill("members");
    await page.getByRole("button", { name: /Settings → Members/ }).click();

    await expectPath(page, "/settings/members");
    await search.waitFor({ state: "hidden" });
    await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    await page.getByRole("tab", { name: "Members", selected: true }).waitFor();
    await page.getByRole("cell", { name: owner.name, exact: true }).waitFor();
    await expectNoSeriousAxeViolations(page, "settings/members");
    await screenshot(page, "04-settings-members");
  });

  it("invites a member, who shows as invited, and shows the invitation link", async () => {
    const { page } = ownerTab;
    await page.getByRole("button", { name: "Invite member" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite a member" });
    await dialog.waitFor();
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(invitee.name);
    await dialog.getByRole("textbox", { name: "Email", exact: true }).fill(invitee.email);
    await dialog.getByRole("combobox", { name: "Role" }).click();
    await page.getByRole("option", { name: invitee.role, exact: true }).click();
    await dialog.getByRole("button", { name: "Send invitation" }).click();

    const ready = page.getByRole("dialog", { name: "Invitation ready" });
    await ready.waitFor();
    const link = ready.getByRole("textbox", { name: "Invitation link" });
    invitationUrl = await link.inputValue();
    expect(invitationUrl).toMatch(new RegExp(`^${server.url}/invite/[^/]+$`));
    await expectNoSeriousAxeViolations(page, "invitation ready");
    await screenshot(page, "05-invitation-ready");
    await ready.getByRole("button", { name: "Done" }).click();
    await ready.waitFor({ state: "hidden" });

    const row = page.getByRole("row").filter({ hasText: invitee.email });
    await row.getByText("Invited", { exact: true }).waitFor();
    await row.getByText(invitee.name, { exact: true }).waitFor();
    await expectNoSeriousAxeViolations(page, "settings/members with invitation");
  });

  it("lets the invitee set a password through the link and signs them in", async () => {
    inviteeTab = await newPage(browser, server.url);
    const { page } = inviteeTab;
    await page.goto(invitationUrl);
    await page.getByRole("heading", { level: 1, name: `Join ${workspaceName}` }).waitFor();
    await expectNoSeriousAxeViolations(page, "invitation");
    await screenshot(page, "06-invitation");

    const form = page.getByRole("form", { name: "Accept invitation" });
    expect(await form.getByRole("textbox", { name: "Your name", exact: true }).inputValue()).toBe(
      invitee.name,
    );
    await form
      .getByRole("textbox", { name: "Choose a password", exact: true })
      .fill(inviteePassword);
    await form.getByRole("button", { name: `Join ${workspaceName}` }).click();

    await expectPath(page, "/today");
    await expectShell(page, invitee.name);
    await screenshot(page, "07-invitee-today");

    // The owner's list now shows the member as active.
    const owners = ownerTab.page;
    await owners.reload();
    const row = owners.getByRole("row").filter({ hasText: invitee.email });
    await row.getByText("Active", { exact: true }).waitFor();
  });

  it("switches to the dark theme with the theme toggle", async () => {
    const { page } = ownerTab;
    const scheme = () => page.evaluate("document.documentElement.dataset.mantineColorScheme");
    expect(await scheme()).toBe("light");
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await expect.poll(scheme, { timeout: 10_000 }).toBe("dark");
    await page.getByRole("button", { name: "Switch to light theme" }).waitFor();
    // Move the pointer off the toggle so its tooltip does not cover the page.
    await page.mouse.move(640, 700);
    await expectNoSeriousAxeViolations(page, "settings/members, dark theme");
    await screenshot(page, "08-dark-theme");

    // The choice survives a reload.
    await page.reload();
    await page.getByRole("button", { name: "Switch to light theme" }).waitFor();
    expect(await scheme()).toBe("dark");
  });

  it("raised no uncaught errors or Content-Security-Policy violations", () => {
    expect(ownerTab.errors).toEqual([]);
    expect(inviteeTab?.errors ?? []).toEqual([]);
  });
});
