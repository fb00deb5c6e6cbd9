/**
 * The API reference page at /api/docs: Swagger UI served from the swagger-ui-dist
 * package (no CDN, so it works offline and under our CSP), reading /api/v1/openapi.json.
 */
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { Hono } from "hono";
import type { AppEnv } from "./context";

const require = createRequire(import.meta.url);
const assetsDir = path.dirname(require.resolve("swagger-ui-dist/package.json"));
const ASSETS = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
} as const;

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapport API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<main id="api-reference"></main>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

const init = `window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#api-reference", deepLinking: true });`;

export function createDocsRoutes() {
  return new Hono<AppEnv>()
    .get("/", (c) => c.html(page))
    .get("/init.js", (c) => c.body(init, 200, { "content-type": "text/javascript; charset=utf-8" }))
    .get("/:asset", async (c) => {
      const name = c.req.param("asset") as keyof typeof ASSETS;
      if (!(name in ASSETS)) return c.notFound();
      const body = await fs.readFile(path.join(assetsDir, name));
      return c.body(body, 200, {
        "content-type": ASSETS[name],
        "cache-control": "public, max-age=86400",
      });
    });
}
