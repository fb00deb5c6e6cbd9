/**
 * Playwright journeys (the *.e2e.ts files under e2e/) against the real server, started as a
 * child process.
 * No globalSetup from the unit config: each journey starts its own server with its own data.
 * One worker, one file at a time: a server and a Chromium each take most of a core.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    // A journey is one long story whose steps depend on each other.
    sequence: { concurrent: false },
  },
});
