/**
 * A fixed-window rate limiter kept in memory. Enough for login and public endpoints of
 * one instance; with several instances each keeps its own count, which still bounds a
 * guesser to N times the limit.
 */
import { AppError } from "./errors";

export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetsAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one hit; returns seconds to wait when over the limit, else 0. */
  hit(key: string, nowMs: number): number {
    this.sweep(nowMs);
    const window = this.windows.get(key);
    if (!window || window.resetsAt <= nowMs) {
      this.windows.set(key, { count: 1, resetsAt: nowMs + this.windowMs });
      return 0;
    }
    window.count += 1;
    return window.count > this.limit ? Math.ceil((window.resetsAt - nowMs) / 1000) : 0;
  }

  /** Counts one hit; over the limit, a 429 with Retry-After (the problem+json of the API). */
  enforce(key: string, nowMs: number, what = "attempts"): void {
    const wait = this.hit(key, nowMs);
    if (wait > 0) {
      throw new AppError("RATE_LIMITED", `Too many ${what}. Try again in ${wait} seconds.`, {
        headers: { "Retry-After": String(wait) },
      });
    }
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(nowMs: number): void {
    if (this.windows.size < 10_000) return;
    for (const [key, window] of this.windows)
      if (window.resetsAt <= nowMs) this.windows.delete(key);
  }
}
