/**
 * Serves the built web UI (dist/web) with a single-page-app fallback: any GET outside
 * /api that is not a file gets index.html, so deep links like /settings/members work.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import { type Context, Hono } from "hono";
import type { AppEnv } from "./context";

export const webDistDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../dist/web",
);

export function createWebRoutes(distDir = webDistDir) {
  const relativeRoot = path.relative(process.cwd(), distDir) || ".";
  const routes = new Hono<AppEnv>();
  // Tests and API-only runs have no build: skip file serving rather than warn on every app.
  if (!fs.existsSync(distDir)) return routes.get("*", notBuilt);
  return routes
    .use("/assets/*", async (c, next) => {
      await next();
      // Vite fingerprints asset names, so they can be cached forever.
      if (c.res.status === 200) c.header("Cache-Control", "public, max-age=31536000, immutable");
    })
    .use("*", serveStatic({ root: relativeRoot }))
    .get("*", (c) => {
      const index = path.join(distDir, "index.html");
      if (!fs.existsSync(index)) {
        return c.text(
          "The web UI is not built yet. Run `npm run build` (npm start does it on first start).",
          503,
        );
      }
      c.header("Cache-Control", "no-cache");
      return c.html(fs.readFileSync(index, "utf8"));
    });
}

function notBuilt(c: Context) {
  return c.text(
    "The web UI is not built yet. Run `npm run build` (npm start does it on first start).",
    503,
  );
}
