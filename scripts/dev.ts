/**
 * `npm run dev`: the API server restarted on change (tsx watch) on PORT (3000) and the
 * Vite dev server with hot reload on 5173, proxying /api to it. Ctrl+C stops both.
 */
import { type ChildProcess, spawn } from "node:child_process";

const children: ChildProcess[] = [
  spawn("npx", ["tsx", "watch", "--clear-screen=false", "src/cli/main.ts", "serve"], {
    stdio: "inherit",
    env: { ...process.env, RAPPORT_SKIP_WEB_BUILD: "1" },
  }),
  spawn("npx", ["vite", "--host", process.env.HOST ?? "127.0.0.1"], { stdio: "inherit" }),
];

console.log(
  "Rapport dev: API on http://127.0.0.1:3000, UI with hot reload on http://127.0.0.1:5173",
);

let stopping = false;
function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exitCode = code;
}
for (const child of children) child.on("exit", (code) => stopAll(code ?? 0));
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));
