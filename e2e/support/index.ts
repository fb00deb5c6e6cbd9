export { freePort } from "../../src/platform/testing/processes";
export { expectNoSeriousAxeViolations, formatViolations } from "./axe";
export { CHROMIUM_ARGS, CHROMIUM_PATH, launchBrowser, newPage, type TrackedPage } from "./browser";
export { apiPost, type Owner, onboard } from "./onboarding";
export { screensDir, screenshot } from "./screens";
export { type E2eServer, repoRoot, startServer } from "./server";
export { type ReceivedMail, startSmtpCapture } from "./smtp";
