/** The demo domain's public face: the generator (CLI `demo`, bench/) and the onboarding route. */
export {
  DEMO_DEFAULT_ACCOUNTS,
  DEMO_MAX_ACCOUNTS,
  DEMO_MIN_ACCOUNTS,
  sizeOf,
} from "./demo.firm";
export { demoProfiles, generateFirm, newDemoPassword } from "./demo.generate";
export { createDemoRoutes, demoOnboardingSchema } from "./demo.routes";
export type { DemoProfile, GeneratedFirm, GenerateFirmOptions } from "./demo.types";
export { freeDemoEmail } from "./demo.write";
