/**
 * The Client 360 journey (issue "Client 360", Done when): an account is created → two people
 * at different levels join it, and the single_threaded flag goes once the second senior
 * contact is there → a need is recorded → the relationship map draws both sides → a
 * 1,000-row CSV is imported, then offered again and found all unchanged → a contact's vCard
 * downloads and parses → Ctrl+K finds a contact. Every screen gets an axe check and a
 * screenshot.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ICAL from "ical.js";
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
  workspace: "Marlow & Finch",
  name: "Iris Marlow",
  email: "iris@marlow.example.com",
  password: "a long and careful passphrase",
};
const account = { name: "Northwind Clinics", domain: "northwind-clinics.example" };
const executive = {
  first: "Amara",
  last: "Okonjo",
  email: "amara.okonjo@northwind-clinics.example",
  title: "Chief Executive",
};
const manager = {
  first: "Teodor",
  last: "Vasquez-Lind",
  email: "teodor@northwind-clinics.example",
  title: "Head of Operations",
};
const IMPORT_ROWS = 1000;

let server: E2eServer;
let browser: Browser;
let tab: TrackedPage;
let accountPath = "";
let csvPath = "";

/** A CSV as a spreadsheet exports it: a BOM, quoted fields with commas, header names to map. */
function writeImportCsv(): string {
  const lines = ["\uFEFFFirst Name,Last Name,Email Address,Company,Job Title,Phone Number"];
  for (let i = 1; i <= IMPORT_ROWS; i++) {
    const company = `Imported Client ${String((i % 10) + 1).padStart(2, "0")}`;
    lines.push(
      `Person${i},"Lastname, ${i}",person${i}@imported.example,${company},Analyst,+44 20 7946 ${String(i).padStart(4, "0")}`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-e2e-import-"));
  const file = path.join(dir, "people.csv");
  fs.writeFileSync(file, `${lines.join("\r\n")}\r\n`);
  return file;
}

async function chooseOption(
  page: Page,
  scope: ReturnType<Page["getByRole"]>,
  label: string,
  option: string,
) {
  await scope.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

async function addPerson(
  page: Page,
  person: typeof executive,
  level: string,
  role: string,
): Promise<void> {
  await page.getByRole("button", { name: "Add a person", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "New person" });
  await dialog.waitFor();
  await dialog.getByRole("textbox", { name: "First name" }).fill(person.first);
  await dialog.getByRole("textbox", { name: "Last name" }).fill(person.last);
  await dialog.getByRole("textbox", { name: "Email" }).fill(person.email);
  await dialog.getByRole("textbox", { name: "Job title" }).fill(person.title);
  await chooseOption(page, dialog, "Level in their organisation", level);
  await chooseOption(page, dialog, "Role at the account", role);
  await dialog.getByRole("button", { name: "Add person" }).click();
  await dialog.waitFor({ state: "hidden" });
  // The member stays on the account: the person joins its table.
  await page
    .getByRole("table", { name: "Current contacts" })
    .getByRole("link", { name: `${person.first} ${person.last}` })
    .waitFor();
}

const flag = (page: Page, title: string) =>
  page.getByRole("list", { name: "Relationship flags" }).getByRole("listitem").filter({
    hasText: title,
  });

/** Upload → mapping (suggested from the headers) → the dry run's report. */
async function previewImport(page: Page): Promise<void> {
  await page.goto("/people/import");
  await page.getByRole("heading", { level: 1, name: "Import people" }).waitFor();
  await page.locator('input[type="file"]').setInputFiles(csvPath);
  await page.getByRole("button", { name: "Next: match columns" }).click();
  const mapping = page.getByRole("table", { name: "Column mapping" });
  await mapping.waitFor();
  // "Email Address" and "Company" were recognised without help.
  for (const header of ["Email Address", "Company"]) {
    await mapping.getByRole("row").filter({ hasText: header }).getByText("Suggested").waitFor();
  }
  await page.getByRole("button", { name: "Next: preview" }).click();
  await page
    .getByRole("group", { name: /^(New|Unchanged)$/ })
    .first()
    .waitFor({ timeout: 60_000 });
}

const countIn = (page: Page, label: string) =>
  page.getByRole("group", { name: label, exact: true }).locator("p").nth(1).textContent();

describe("client 360 journey", () => {
  beforeAll(async () => {
    csvPath = writeImportCsv();
    server = await startServer();
    browser = await launchBrowser();
    tab = await newPage(browser, server.url);
    const { page } = tab;
    await onboard(page, owner);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (csvPath) fs.rmSync(path.dirname(csvPath), { recursive: true, force: true });
  });

  it("creates an account", async () => {
    const { page } = tab;
    await page.goto("/accounts");
    await page.getByRole("button", { name: "Create the first account" }).click();
    const dialog = page.getByRole("dialog", { name: "New account" });
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(account.name);
    await dialog.getByRole("textbox", { name: "Website or domain" }).fill(account.domain);
    await dialog.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL((url) => /^\/accounts\/[0-9a-f-]{36}$/.test(url.pathname));
    accountPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: account.name }).waitFor();
  });

  it("adds an executive, and the account is single-threaded with one contact", async () => {
    const { page } = tab;
    await page.getByRole("tab", { name: "People" }).click();
    await page.getByRole("heading", { name: "No current contacts" }).waitFor();
    await expectNoSeriousAxeViolations(page, "account people, empty");
    await screenshot(page, "client360-01-people-empty");

    await addPerson(page, executive, "Executive", "Decision maker");
    await flag(page, "Single-threaded")
      .getByText(/is the only current contact/)
      .waitFor();
    await expectNoSeriousAxeViolations(page, "account people, one contact");
    await screenshot(page, "client360-02-single-threaded");
  });

  it("adds a manager: with a second senior contact, single_threaded disappears", async () => {
    const { page } = tab;
    await addPerson(page, manager, "Management", "Champion");
    await flag(page, "Single-threaded").waitFor({ state: "detached" });
    // The API agrees, not only the screen.
    const accountId = accountPath.split("/").at(-1);
    const response = await page.request.get(`/api/v1/accounts/${accountId}/relationship-map`);
    const map = (await response.json()) as { flags: { code: string }[] };
    expect(map.flags.map((f) => f.code)).not.toContain("single_threaded");
    await expectNoSeriousAxeViolations(page, "account people, two contacts");
    await screenshot(page, "client360-03-two-contacts");
  });

  it("records a need on the overview", async () => {
    const { page } = tab;
    await page.getByRole("tab", { name: "Overview" }).click();
    await page.getByRole("button", { name: "Add a need", exact: true }).first().click();
    const dialog = page.getByRole("dialog", { name: "Add a need" });
    await dialog.waitFor();
    await dialog.getByRole("textbox", { name: "Title" }).fill("Cut patient waiting times by half");
    await dialog.getByRole("button", { name: "Add need" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page
      .getByRole("region", { name: "What they need" })
      .getByText("Cut patient waiting times by half")
      .waitFor();
    await expectNoSeriousAxeViolations(page, "account overview with a need");
    await screenshot(page, "client360-04-need");
  });

  it("draws the relationship map with both sides and who covers whom", async () => {
    const { page } = tab;
    await page.getByRole("tab", { name: "Relationship map" }).click();
    const picture = page.getByRole("region", { name: /^Relationship map/ });
    await picture.getByText(`${executive.first} ${executive.last}`).waitFor();
    await picture.getByText(`${manager.first} ${manager.last}`).waitFor();
    await picture.getByText(owner.name).waitFor();
    await flag(page, "No executive sponsor").waitFor();
    const coverage = page.getByRole("region", { name: "Who covers whom" });
    await coverage
      .getByRole("row")
      .filter({ hasText: `${manager.first} ${manager.last}` })
      .getByText(owner.name)
      .waitFor();
    await expectNoSeriousAxeViolations(page, "relationship map");
    await screenshot(page, "client360-05-map");
  });

  it(`imports a ${IMPORT_ROWS}-row CSV, and a second run finds every row unchanged`, async () => {
    const { page } = tab;
    await previewImport(page);
    expect(await countIn(page, "New")).toBe("1,000");
    await expectNoSeriousAxeViolations(page, "import preview");
    await screenshot(page, "client360-06-import-preview");
    await page.getByRole("button", { name: "Import 1,000 people" }).click();
    await page.getByText(/^Done\. 1,000 people created or updated/).waitFor({ timeout: 60_000 });
    expect(await countIn(page, "Created")).toBe("1,000");
    await screenshot(page, "client360-07-import-done");

    await previewImport(page);
    expect(await countIn(page, "Unchanged")).toBe("1,000");
    expect(await countIn(page, "New")).toBe("0");
    expect(await countIn(page, "To update")).toBe("0");
    await page.getByText(/^Nothing to import: every row is already in Rapport/).waitFor();
    expect(await page.getByRole("button", { name: "Nothing to import" }).isDisabled()).toBe(true);
    await screenshot(page, "client360-08-import-unchanged");
  });

  it("downloads a contact's vCard that an address book can read", async () => {
    const { page } = tab;
    await page.goto(`${accountPath}?tab=people`);
    await page.getByRole("link", { name: `${executive.first} ${executive.last}` }).click();
    await page
      .getByRole("heading", { level: 1, name: `${executive.first} ${executive.last}` })
      .waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download vCard" }).click(),
    ]);
    const file = await download.path();
    const card = new ICAL.Component(ICAL.parse(fs.readFileSync(file, "utf8")));
    expect(card.getFirstPropertyValue("version")).toBe("4.0");
    expect(card.getFirstPropertyValue("fn")).toBe(`${executive.first} ${executive.last}`);
    expect(card.getFirstPropertyValue("email")).toBe(executive.email);
    expect(card.getFirstPropertyValue("org")).toEqual(account.name);
  });

  it("finds a contact with Ctrl+K and opens them", async () => {
    const { page } = tab;
    await page.goto("/today");
    await page.getByRole("heading", { level: 1, name: "Today" }).waitFor();
    await page.keyboard.press("Control+k");
    const search = page.getByRole("textbox", { name: "Search Rapport" });
    await search.waitFor();
    await search.fill("vasq");
    const result = page.getByRole("button", {
      name: new RegExp(`${manager.first} ${manager.last}`),
    });
    await result.waitFor();
    await expectNoSeriousAxeViolations(page, "search results");
    await screenshot(page, "client360-09-search");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => /^\/people\/[0-9a-f-]{36}$/.test(url.pathname));
    await page
      .getByRole("heading", { level: 1, name: `${manager.first} ${manager.last}` })
      .waitFor();
  });

  it("raised no uncaught errors or Content-Security-Policy violations", () => {
    expect(tab.errors).toEqual([]);
  });
});
