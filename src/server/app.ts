/**
 * The whole HTTP application: shared middleware, every router mounted under /api/v1, the
 * OpenAPI document, the API reference and the web UI. AppType is what the typed client
 * (web UI and tests) is built from.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { createAccountRoutes, createAccountTeamRoutes } from "../domains/accounts";
import { createAgendaRoutes, createPreferencesRoutes } from "../domains/agenda";
import { createCadenceRoutes } from "../domains/cadence";
import { createContactRoutes } from "../domains/contacts";
import { createDemoRoutes } from "../domains/demo";
import { createHealthRoutes } from "../domains/health";
import { createExportRoutes, createImportRoutes } from "../domains/imports";
import { createInteractionIcsRoutes, createInteractionRoutes } from "../domains/interactions";
import { createNeedRoutes } from "../domains/needs";
import { createRelationshipRoutes } from "../domains/relationships";
import { createReportRoutes } from "../domains/reports";
import { createSearchRoutes } from "../domains/search";
import { createSurveyPublicRoutes, createSurveyRoutes } from "../domains/surveys";
import { createTaskRoutes } from "../domains/tasks";
import { createToneRoutes } from "../domains/tone";
import { createWorkspaceRoutes } from "../domains/workspaces";
import { createAuditRoutes } from "../platform/audit/audit.routes";
import { createAuthRoutes } from "../platform/auth/auth.routes";
import { createMemberRoutes } from "../platform/auth/members.routes";
import { createTokenRoutes } from "../platform/auth/tokens.routes";
import type { AppDeps } from "../platform/http/context";
import { createDocsRoutes } from "../platform/http/docs";
import { AppError } from "../platform/http/errors";
import { idempotency } from "../platform/http/idempotency";
import {
  authenticate,
  handleError,
  rejectNulCharacters,
  requestContext,
} from "../platform/http/middleware";
import { jsonContent } from "../platform/http/responses";
import { createRouter } from "../platform/http/router";
import { createWebRoutes } from "../platform/http/static";
import { createOutboxRoutes } from "../platform/mail/outbox.routes";

export const MAX_BODY_BYTES = 1024 * 1024;
/** Uploads to /api/v1/imports/*: 50 MB, some 400,000 contact rows of CSV. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const IMPORTS_PATH = "/api/v1/imports/";

function limitBody(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${maxSize} bytes.`);
    },
  });
}

const healthRoute = createRoute({
  method: "get",
  path: "/api/health",
  tags: ["health"],
  summary: "Liveness and which database is in use (no auth)",
  responses: {
    200: jsonContent(
      z.object({
        status: z.literal("ok"),
        database: z.enum(["pglite", "postgres"]),
        version: z.string(),
      }),
      "Healthy",
    ),
  },
});

export function createApp(
  deps: AppDeps,
  options: { webDistDir?: string /** Overrides MAX_IMPORT_BYTES. */; maxImportBytes?: number } = {},
) {
  const app = createRouter();
  app.onError(handleError);
  app.use("*", requestContext(deps));
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine injects CSS variables at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  // Imports carry whole files: they get their own, larger limit; everything else keeps 1 MB.
  const defaultBodyLimit = limitBody(MAX_BODY_BYTES);
  app.use("/api/*", (c, next) =>
    c.req.path.startsWith(IMPORTS_PATH) ? next() : defaultBodyLimit(c, next),
  );
  app.use(`${IMPORTS_PATH}*`, limitBody(options.maxImportBytes ?? MAX_IMPORT_BYTES));
  app.use("/api/*", rejectNulCharacters);
  app.use("/api/*", authenticate);
  app.use("/api/v1/*", idempotency);

  const api = app
    .openapi(healthRoute, (c) =>
      c.json({ status: "ok" as const, database: deps.dbKind, version: deps.version }, 200),
    )
    .route("/api/v1", createAuthRoutes())
    .route("/api/v1", createDemoRoutes())
    .route("/api/v1", createMemberRoutes())
    .route("/api/v1", createTokenRoutes())
    .route("/api/v1", createAuditRoutes())
    .route("/api/v1", createOutboxRoutes())
    .route("/api/v1", createAccountRoutes())
    .route("/api/v1", createAccountTeamRoutes())
    // Before the contacts router: it owns GET /contacts/{id}.vcf, which /contacts/{id} would catch.
    .route("/api/v1", createImportRoutes())
    .route("/api/v1", createExportRoutes())
    .route("/api/v1", createContactRoutes())
    .route("/api/v1", createNeedRoutes())
    // Before the interactions router: it owns GET /interactions/{id}.ics, which /interactions/{id} would catch.
    .route("/api/v1", createInteractionIcsRoutes())
    .route("/api/v1", createInteractionRoutes())
    .route("/api/v1", createRelationshipRoutes())
    .route("/api/v1", createSearchRoutes())
    .route("/api/v1", createTaskRoutes())
    .route("/api/v1", createCadenceRoutes())
    .route("/api/v1", createSurveyRoutes())
    .route("/api/v1", createHealthRoutes())
    // The agenda router also serves GET /calendar/{token}.ics, which needs no session.
    .route("/api/v1", createAgendaRoutes())
    .route("/api/v1", createPreferencesRoutes())
    .route("/api/v1", createReportRoutes())
    .route("/api/v1", createToneRoutes())
    .route("/api/v1", createWorkspaceRoutes());

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "rapport_session",
  });
  app.doc31("/api/v1/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Rapport API",
      version: deps.version,
      description:
        "Client relationships for service firms. Authenticate with `Authorization: Bearer <token>` (Settings → API tokens) or the session cookie (then send X-CSRF-Token on writes). Errors are RFC 9457 problem+json with a stable `code`.",
    },
    servers: [{ url: deps.config.publicUrl }],
    security: [{ bearer: [] }, { session: [] }],
  });
  app.route("/api/docs", createDocsRoutes());
  app.all("/api/*", () => {
    throw new AppError("NOT_FOUND", "No such API route.");
  });
  // The public survey answer page (no session: the link's token is the credential).
  app.route("/", createSurveyPublicRoutes());
  app.route("/", createWebRoutes(options.webDistDir));
  return api;
}

export type AppType = ReturnType<typeof createApp>;
