/**
 * The HTTP floor: a Hono app on @hono/node-server (the stack Rapport serves with) that
 * answers every request with the same small JSON, in a process of its own like the real
 * server. Nothing a request can do is cheaper, so no path can beat this one's latency.
 * Run: node --import tsx bench/harness/constant-server.ts (PORT, HOST from the environment).
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const body = { status: "ok", data: [{ id: "0193a8f2-0000-7000-8000-000000000000", name: "x" }] };
const app = new Hono().all("*", (c) => c.json(body));

const server = serve(
  {
    fetch: app.fetch,
    port: Number(process.env.PORT ?? 0),
    hostname: process.env.HOST ?? "127.0.0.1",
  },
  (info) => process.stdout.write(`listening ${info.port}\n`),
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
