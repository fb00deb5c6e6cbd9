/**
 * "Explore with demo data": on a fresh installation, instead of creating an empty
 * workspace, generate a sample firm with two years of history and sign in as its owner.
 *
 * The whole firm is written in ONE transaction (whileNoWorkspace, under the onboarding
 * advisory lock): a failure half-way rolls everything back, so the installation is never
 * left "onboarded" with half a workspace, and a second click waits for the first and then
 * answers 409 like onboarding does. The demo profile is small enough (about 40 accounts,
 * a few thousand rows, seconds) for one transaction; the CLI and the benchmarks generate
 * larger firms in several.
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  actorAfterLogin,
  clientAddress,
  describeMe,
  meSchema,
  setSessionCookies,
  whileNoWorkspace,
} from "../../platform/auth/auth.routes";
import { startSession } from "../../platform/auth/sessions.queries";
import { withholdFromReplay } from "../../platform/http/idempotency";
import { RateLimiter } from "../../platform/http/rate-limit";
import { errors, jsonContent } from "../../platform/http/responses";
import { createRouter } from "../../platform/http/router";
import { DEMO_DEFAULT_ACCOUNTS } from "./demo.firm";
import { generateFirm, newDemoPassword } from "./demo.generate";
import { freeDemoEmail } from "./demo.write";

/** Nothing to choose: the button makes the same sample firm for everyone. */
export const demoOnboardingInput = z.strictObject({}).openapi("DemoOnboardingInput");

export const demoOnboardingSchema = meSchema
  .extend({
    demoLogin: z
      .object({ email: z.string(), password: z.string() })
      .openapi({ description: "The owner's login, shown once: sign in with it again later" }),
  })
  .openapi("DemoOnboarding");

const demoRoute = createRoute({
  method: "post",
  path: "/onboarding/demo",
  tags: ["auth"],
  summary:
    "Create the first workspace as a demo firm with two years of history (only while none exists)",
  description:
    "Generates a sample firm (accounts, people, touches, surveys, tasks, health) and signs in as its owner. Takes a few seconds. The body is empty or `{}`.",
  request: {
    body: { required: false, content: { "application/json": { schema: demoOnboardingInput } } },
  },
  responses: {
    201: jsonContent(demoOnboardingSchema, "Demo workspace created, signed in as its owner"),
    ...errors(409, 413, 429),
  },
});

export function createDemoRoutes() {
  // Per instance like onboarding's, and tighter: each call is seconds of work.
  const perAddress = new RateLimiter(10, 15 * 60_000);
  return createRouter().openapi(demoRoute, async (c) => {
    const { db, now } = c.get("deps");
    perAddress.enforce(clientAddress(c), now().getTime());
    const password = newDemoPassword();
    const firm = await whileNoWorkspace(db, async (tx) =>
      generateFirm(tx, {
        profile: "demo",
        accounts: DEMO_DEFAULT_ACCOUNTS,
        now: now(),
        ownerEmail: await freeDemoEmail(tx),
        ownerPassword: password,
      }),
    );
    const session = await startSession(db, firm.workspaceId, firm.owner.memberId, now());
    setSessionCookies(c, session);
    c.set("actor", await actorAfterLogin(c, session));
    withholdFromReplay(c);
    c.get("deps").onJobsEnqueued?.();
    const me = await describeMe(c);
    return c.json({ ...me, demoLogin: { email: firm.owner.email, password } }, 201);
  });
}
