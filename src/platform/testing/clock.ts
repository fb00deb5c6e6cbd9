/** A clock tests can move: cadence, expiry and retries are tested at any date without waiting. */
export type TestClock = {
  (): Date;
  set(to: Date | string): void;
  advance(ms: number): void;
};

export function createTestClock(start: Date | string = "2026-01-15T09:00:00Z"): TestClock {
  let current = new Date(start).getTime();
  const clock = (() => new Date(current)) as TestClock;
  clock.set = (to) => {
    current = new Date(to).getTime();
  };
  clock.advance = (ms) => {
    current += ms;
  };
  return clock;
}
