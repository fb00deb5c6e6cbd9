/**
 * The listening journey (issue "Listening and health", Done when): a member sends an NPS
 * survey from the account page → the email arrives at a real SMTP server started here → the
 * client answers 3 on the public page, in the browser, without signing in → a detractor task
 * ("restore balance") is on the member's Today → the account's health has fallen, with the
 * satisfaction reason shown.
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
  startSmtpCapture,
  type TrackedPage,
} from "./support";

const owner = {
  workspace: "Ostrander Digital",
  name: "Maya Ostrander",
  email: "maya@ostrander.example.com",
  password: "a long and careful passphrase",
};
const client = { first: "Ada", last: "Okafor", email: "ada.okafor@brightline.example" };
const accountName = "Brightline Insurance";

let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let server: E2eServer;
let browser: Browser;
let tab: TrackedPage;
let accountPath = "";
let answerUrl = "";
let scoreBefore = 0;

/** The account's health score as the API has it now. */
async function healthScore(page: Page, accountId: string): Promise<number> {
  const response = await page.request.get(`/api/v1/accounts/${accountId}/health`);
  return ((await response.json()) as { score: number }).score;
}

describe("listening journey", () => {
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    server = await startServer({ env: { SMTP_URL: smtp.url } });
    browser = await launchBrowser();
    tab = await newPage(browser, server.url);
    const { page } = tab;
    await onboard(page, owner);
    // A client we met recently: healthy enough that a bad answer shows.
    const account = (await apiPost(page, "/api/v1/accounts", {
      name: accountName,
      status: "active",
      tier: "key",
    })) as { id: string };
    accountPath = `/accounts/${account.id}`;
    const contact = (await apiPost(page, "/api/v1/contacts", {
      firstName: client.first,
      lastName: client.last,
      emails: [client.email],
      level: "executive",
    })) as { id: string };
    await apiPost(page, `/api/v1/contacts/${contact.id}/affiliations`, {
      accountId: account.id,
      role: "decision_maker",
    });
    await apiPost(page, "/api/v1/interactions", {
      accountId: account.id,
      kind: "call",
      occurredAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      summary: "Renewal talk went well; they like the new reporting.",
      contactIds: [contact.id],
    });
    scoreBefore = await healthScore(page, account.id);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  it("sends an NPS survey from the account page", async () => {
    const { page } = tab;
    await page.goto(accountPath);
    await page.getByRole("heading", { level: 1, name: accountName }).waitFor();
    await page.getByRole("button", { name: "Send a survey" }).click();
    const dialog = page.getByRole("dialog", { name: "Send a survey" });
    await dialog.getByRole("radio", { name: /NPS/ }).check();
    await expectNoSeriousAxeViolations(page, "send a survey");
    await screenshot(page, "listening-01-send");
    await dialog.getByRole("button", { name: "Send survey" }).click();
    await dialog.getByText(`Sent to ${client.first} ${client.last}`).waitFor();
  });

  it("delivers the survey by email with the answer link", async () => {
    const mail = await smtp.waitForMail(client.email);
    const link = mail.body.match(/https?:\/\/[^\s"<>]+\/r\/[A-Za-z0-9_-]+/);
    expect(link, mail.body).not.toBeNull();
    answerUrl = link?.[0] ?? "";
    expect(answerUrl.startsWith(server.url)).toBe(true);
  });

  it("lets the client answer 3 on the public page, without signing in", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(answerUrl);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await expectNoSeriousAxeViolations(page, "public answer page");
      await screenshot(page, "listening-02-answer");
      await page.getByRole("radio", { name: "3", exact: true }).check();
      await page.getByRole("textbox").fill("Invoices keep arriving late and nobody calls back.");
      await page.getByRole("button", { name: "Send my answer" }).click();
      await page
        .getByRole("heading", { level: 1, name: new RegExp(`^Thank you, ${client.first}`) })
        .waitFor();
      await screenshot(page, "listening-03-thanks");
    } finally {
      await context.close();
    }
  });

  it("puts a detractor task on the member's Today", async () => {
    const { page } = tab;
    await page.goto("/today");
    await page.getByRole("heading", { level: 1, name: "Today" }).waitFor();
    // Raised in the answer's own transaction: it is there as soon as the answer is.
    const task = page
      .getByRole("region", { name: /^Tasks/ })
      .getByText(`Call ${client.first} ${client.last}: NPS 3 — restore balance`);
    await task.waitFor();
    await expectNoSeriousAxeViolations(page, "today with a detractor task");
    await screenshot(page, "listening-04-today");
  });

  it("shows the account's health fallen, with the satisfaction reason", async () => {
    const { page } = tab;
    const accountId = accountPath.split("/").at(-1) ?? "";
    // Recomputed by a job within seconds of the answer.
    await expect
      .poll(() => healthScore(page, accountId), { timeout: 30_000 })
      .toBeLessThan(scoreBefore);
    await page.goto(accountPath);
    const health = page.getByRole("region", { name: "Health" });
    await health.getByRole("list", { name: "Health components" }).waitFor();
    // The satisfaction component says why, in words.
    await health
      .getByRole("list", { name: "Health components" })
      .getByText(/survey answer .*latest: NPS 3/)
      .waitFor();
    await expectNoSeriousAxeViolations(page, "account health after a detractor");
    await screenshot(page, "listening-05-health");
  });

  it("turns on the morning digest in Settings → Calendar, and it stays on", async () => {
    const { page } = tab;
    await page.goto("/settings/calendar");
    const digest = page.getByRole("region", { name: "Morning digest" });
    const toggle = digest.getByRole("switch", { name: "Send me the morning digest" });
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await expect
      .poll(async () => {
        const response = await page.request.get("/api/v1/me/preferences");
        return ((await response.json()) as { dailyDigest: boolean }).dailyDigest;
      })
      .toBe(true);
    await page.reload();
    expect(await toggle.isChecked()).toBe(true);
    await expectNoSeriousAxeViolations(page, "settings/calendar with the digest");
    await screenshot(page, "listening-06-digest");
  });

  it("raised no uncaught errors or Content-Security-Policy violations", () => {
    expect(tab.errors).toEqual([]);
  });
});
