/** Structured JSON logs (pino) to stderr, so stdout stays clean for CLI output. */
import { pino } from "pino";
import type { Config } from "./config";

export function createLogger(level: Config["logLevel"]) {
  return pino({ level, base: { app: "rapport" } }, pino.destination(2));
}
