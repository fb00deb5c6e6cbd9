/**
 * buildHealthInputs(overrides): a healthy account's inputs (every rule on time, touched
 * yesterday, no answers or tone yet, no flags, no alarms) for tests, demo data and
 * benchmarks, so each test states only the inputs its rule is about.
 */
import type { HealthInputs } from "./health.components";

export function buildHealthInputs(overrides: Partial<HealthInputs> = {}): HealthInputs {
  return {
    asOf: "2026-03-01T12:00:00.000Z",
    accountCreatedAt: "2025-01-01T00:00:00.000Z",
    cadence: [{ kind: "any", everyDays: 30, daysOverdue: 0 }],
    lastTouchAt: "2026-02-28T12:00:00.000Z",
    answers: [],
    satisfactionTrend: null,
    tone: [],
    toneTrend: null,
    flags: [],
    alarms: [],
    ...overrides,
  };
}
