/** vitest globalSetup: migrate the template database once for the whole run. */
import { prepareTemplate } from "./databases";

export default async function setup(): Promise<void> {
  await prepareTemplate();
}
