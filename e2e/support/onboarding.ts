/**
 * The way into a fresh server for journeys that are not about onboarding: create the
 * workspace and its owner through the onboarding form and land on Today. The foundation
 * journey covers the form itself (errors, focus, the first visit).
 */
import type { Page } from "playwright-core";

export type Owner = { workspace: string; name: string; email: string; password: string };

export async function onboard(page: Page, owner: Owner): Promise<void> {
  await page.goto("/onboarding");
  const form = page.getByRole("form", { name: "Create workspace" });
  await form.getByRole("textbox", { name: "Workspace name", exact: true }).fill(owner.workspace);
  await form.getByRole("textbox", { name: "Your name", exact: true }).fill(owner.name);
  await form.getByRole("textbox", { name: "Work email", exact: true }).fill(owner.email);
  await form.getByRole("textbox", { name: "Password", exact: true }).fill(owner.password);
  await form.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL((url) => url.pathname === "/today");
}

/** A write through the API with the page's session and CSRF token, as the web UI sends it. */
export async function apiPost(page: Page, path: string, data: unknown): Promise<unknown> {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((cookie) => cookie.name === "rapport_csrf")?.value ?? "";
  const response = await page.request.post(path, { data, headers: { "x-csrf-token": csrf } });
  if (response.status() >= 300) {
    throw new Error(`${path} answered ${response.status()}: ${await response.text()}`);
  }
  return response.json();
}
