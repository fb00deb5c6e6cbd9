/** Each component's formula, the weighting and the history rules, pinned with hand-computed numbers. */
import { describe, expect, it } from "vitest";
import type { TrendVerdict } from "../alarms";
import {
  alarmsComponent,
  cadenceComponent,
  computeHealth,
  multiThreadingComponent,
  needsSnapshot,
  recencyComponent,
  satisfactionComponent,
  satisfactionTrendComponent,
  toneTrendComponent,
  trendOf,
} from "./health.components";
import { buildHealthInputs as build } from "./health.factory";
import { bandOf, defaultHealthWeights, type HealthWeights } from "./health.inputs";

const verdict = (over: Partial<TrendVerdict>): TrendVerdict => ({
  direction: "steady",
  alarm: false,
  level: 70,
  baseline: 70,
  points: 5,
  reason: "Satisfaction averages 70 lately against 70 before",
  ...over,
});
const flag = (
  code: "single_threaded" | "no_decision_maker" | "champion_left" | "no_executive_sponsor",
) => ({
  code,
  reason: `${code} reason`,
});

describe("cadence compliance", () => {
  it("averages 100 per rule on time and 50 × (1 − overdue / every) per overdue rule", () => {
    const result = cadenceComponent(
      build({
        cadence: [
          { kind: "any", everyDays: 30, daysOverdue: 0 },
          { kind: "check_in", everyDays: 30, daysOverdue: 15 }, // 50 × 0.5 = 25
          { kind: "strategy_session", everyDays: 90, daysOverdue: 0 },
        ],
      }),
    );
    expect(result).toEqual({
      score: 75, // (100 + 25 + 100) / 3
      reason: "1 of 3 cadence rules overdue: check-in by 15 days (every 30)",
    });
  });

  it("scores a rule a full cycle late (or more) as 0, and a rule slightly late just under 50", () => {
    expect(
      cadenceComponent(build({ cadence: [{ kind: "any", everyDays: 30, daysOverdue: 45 }] })).score,
    ).toBe(0);
    expect(
      cadenceComponent(build({ cadence: [{ kind: "any", everyDays: 60, daysOverdue: 6 }] })).score,
    ).toBe(45);
  });

  it("says every rule is on time, and is left out when no rule applies", () => {
    expect(cadenceComponent(build())).toEqual({
      score: 100,
      reason: "The cadence rule is on time",
    });
    expect(cadenceComponent(build({ cadence: [] }))).toEqual({
      score: null,
      reason: "No cadence rule applies to this account: cadence is left out",
    });
  });
});

describe("recency of meaningful contact", () => {
  const asOf = "2026-03-01T12:00:00.000Z";

  it("is 100 within the shortest cadence, then falls linearly to 0 at twice it", () => {
    const at = (lastTouchAt: string) =>
      recencyComponent(
        build({
          asOf,
          lastTouchAt,
          cadence: [
            { kind: "any", everyDays: 60, daysOverdue: 0 },
            { kind: "check_in", everyDays: 30, daysOverdue: 0 },
          ],
        }),
      );
    expect(at("2026-02-09T12:00:00.000Z")).toEqual({
      score: 100,
      reason: "Last meaningful touch 20 days ago; expected at least every 30 days",
    });
    // 45 days against 30: 100 × (1 − 15/30) = 50
    expect(at("2026-01-15T12:00:00.000Z")).toEqual({
      score: 50,
      reason: "Last meaningful touch 45 days ago; expected at least every 30 days, 15 days late",
    });
    expect(at("2025-12-01T12:00:00.000Z").score).toBe(0); // 90 days: past 2 × 30
  });

  it("judges against 30 days without a rule, and counts from the account's creation without a touch", () => {
    // 40 days against the default 30: 100 × (1 − 10/30) = 66.7 → 67
    expect(
      recencyComponent(build({ asOf, cadence: [], lastTouchAt: "2026-01-20T12:00:00.000Z" })).score,
    ).toBe(67);
    expect(
      recencyComponent(
        build({ asOf, lastTouchAt: null, accountCreatedAt: "2026-02-10T00:00:00.000Z" }),
      ),
    ).toEqual({
      score: 100,
      reason:
        "No meaningful touch in the 19 days since the account was added; expected at least every 30 days",
    });
  });
});

describe("satisfaction level", () => {
  it("averages the answers of the last 180 days on 0-100 (NPS × 10, CSAT (n − 1) × 25)", () => {
    const result = satisfactionComponent(
      build({
        asOf: "2026-03-01T12:00:00.000Z",
        answers: [
          { kind: "nps", score: 0, answeredAt: "2025-08-01T00:00:00.000Z" }, // over 180 days: out
          { kind: "nps", score: 9, answeredAt: "2025-12-01T00:00:00.000Z" }, // 90
          { kind: "csat", score: 4, answeredAt: "2026-01-10T00:00:00.000Z" }, // 75
          { kind: "nps", score: 6, answeredAt: "2026-02-20T00:00:00.000Z" }, // 60
        ],
      }),
    );
    expect(result).toEqual({
      score: 75, // (90 + 75 + 60) / 3
      reason:
        "Average of 3 survey answers in the last 180 days is 75/100 (latest: NPS 6, CSAT 4, NPS 9)",
    });
    const ends = build({
      answers: [
        { kind: "check_in", score: 1, answeredAt: "2026-02-01T00:00:00.000Z" }, // 0
        { kind: "csat", score: 5, answeredAt: "2026-02-02T00:00:00.000Z" }, // 100
      ],
    });
    expect(satisfactionComponent(ends).score).toBe(50);
  });

  it("is left out without answers, and says so", () => {
    expect(satisfactionComponent(build())).toEqual({
      score: null,
      reason: "No survey answers in the last 180 days: satisfaction is left out",
    });
  });
});

describe("satisfaction and tone trends", () => {
  it("score rising 100, steady 80, falling 40, and 10 whenever the detector raises an alarm", () => {
    const score = (v: Partial<TrendVerdict>) =>
      satisfactionTrendComponent(build({ satisfactionTrend: verdict(v) })).score;
    expect(score({ direction: "rising" })).toBe(100);
    expect(score({ direction: "steady" })).toBe(80);
    expect(score({ direction: "falling" })).toBe(40);
    expect(score({ direction: "falling", alarm: true })).toBe(10);
    // Tone steady but mostly negative lately: the detector alarms, so it scores as one.
    expect(score({ direction: "steady", alarm: true })).toBe(10);
    expect(
      toneTrendComponent(
        build({ toneTrend: verdict({ direction: "falling", reason: "Tone has cooled" }) }),
      ),
    ).toEqual({ score: 40, reason: "falling: Tone has cooled" });
  });

  it("are left out, in the detector's words, while it has too few points to judge", () => {
    const tooFew = verdict({
      baseline: null,
      points: 2,
      reason: "Too few answers to see a trend (2; 4 needed)",
    });
    expect(satisfactionTrendComponent(build({ satisfactionTrend: tooFew }))).toEqual({
      score: null,
      reason: "Too few answers to see a trend (2; 4 needed): satisfaction trend is left out",
    });
    expect(toneTrendComponent(build()).reason).toBe(
      "No scored touches in the last 180 days: tone trend is left out",
    );
  });
});

describe("multi-threading and open alarms", () => {
  it("takes 40, 25, 20 and 15 off 100 for single-threaded, no decision maker, champion left, no sponsor", () => {
    expect(multiThreadingComponent(build()).score).toBe(100);
    const two = multiThreadingComponent(
      build({ flags: [flag("single_threaded"), flag("no_decision_maker")] }),
    );
    expect(two).toEqual({
      score: 35,
      reason: "Single-threaded, no decision maker. single_threaded reason",
    });
    const all = build({
      flags: [
        flag("single_threaded"),
        flag("no_executive_sponsor"),
        flag("champion_left"),
        flag("no_decision_maker"),
      ],
    });
    expect(multiThreadingComponent(all).score).toBe(0);
  });

  it("is 100 without open alarms, then 80 − 20 per open alarm", () => {
    const alarms = (n: number) =>
      build({
        alarms: Array.from({ length: n }, (_, i) => ({
          source: "survey",
          title: `Detractor ${i + 1}`,
        })),
      });
    expect(alarmsComponent(alarms(0))).toEqual({ score: 100, reason: "No open alarms" });
    expect(alarmsComponent(alarms(1))).toEqual({
      score: 60,
      reason: "1 open alarm: survey: Detractor 1",
    });
    expect(alarmsComponent(alarms(2)).score).toBe(40);
    expect(alarmsComponent(alarms(5))).toEqual({
      score: 0,
      reason:
        "5 open alarms: survey: Detractor 1; survey: Detractor 2; survey: Detractor 3; and 2 more",
    });
  });
});

describe("the weighted score", () => {
  const troubled = build({
    asOf: "2026-03-01T12:00:00.000Z",
    cadence: [
      { kind: "any", everyDays: 30, daysOverdue: 0 },
      { kind: "check_in", everyDays: 30, daysOverdue: 15 },
      { kind: "strategy_session", everyDays: 90, daysOverdue: 0 },
    ], // 75
    lastTouchAt: "2026-01-15T12:00:00.000Z", // 45 days against 30: 50
    flags: [flag("single_threaded"), flag("no_decision_maker")], // 35
    alarms: [{ source: "silence", title: "No reply in 30 days" }], // 60
  });

  it("gives the weight of components without data to the others, in proportion", () => {
    const health = computeHealth(troubled, defaultHealthWeights);
    // (75×20 + 50×15 + 35×15 + 60×10) / (20 + 15 + 15 + 10) = 3375 / 60 = 56.25
    expect(health.score).toBe(56);
    expect(health.band).toBe("watch");
    expect(health.components.map((c) => [c.key, c.score, c.weight])).toEqual([
      ["cadence", 75, 33], // 20/60
      ["recency", 50, 25],
      ["satisfaction", null, 0],
      ["satisfaction_trend", null, 0],
      ["tone_trend", null, 0],
      ["multi_threading", 35, 25],
      ["alarms", 60, 17], // 16.67, the largest remainder
    ]);
    expect(health.components.find((c) => c.key === "satisfaction")?.reason).toBe(
      "No survey answers in the last 180 days: satisfaction is left out",
    );
    // Lost points × weight: cadence 500, recency 750, multi-threading 975, alarms 400.
    expect(health.topConcern).toBe("Single-threaded, no decision maker. single_threaded reason");
  });

  it("weighs every component when all have data", () => {
    const full = {
      ...troubled,
      answers: [
        { kind: "nps" as const, score: 9, answeredAt: "2026-01-01T00:00:00.000Z" },
        { kind: "csat" as const, score: 4, answeredAt: "2026-01-10T00:00:00.000Z" },
        { kind: "nps" as const, score: 6, answeredAt: "2026-02-20T00:00:00.000Z" },
      ], // 75
      satisfactionTrend: verdict({ direction: "falling" }), // 40
      toneTrend: verdict({ direction: "steady" }), // 80
    };
    // (75×20 + 50×15 + 75×20 + 40×10 + 80×10 + 35×15 + 60×10) / 100 = 60.75
    const health = computeHealth(full, defaultHealthWeights);
    expect(health.score).toBe(61);
    expect(health.components.map((c) => c.weight)).toEqual([20, 15, 20, 10, 10, 15, 10]);
  });

  it("follows the workspace's weights, a weight of 0 keeping the score but not counting it", () => {
    const weights: HealthWeights = { ...defaultHealthWeights, multi_threading: 0, alarms: 0 };
    const health = computeHealth(troubled, weights);
    // (75×20 + 50×15) / 35 = 64.29
    expect(health.score).toBe(64);
    expect(health.components.find((c) => c.key === "alarms")).toMatchObject({
      score: 60,
      weight: 0,
    });
  });

  it("is deterministic: the same inputs give the same score and reasons, also after a JSON round trip", () => {
    const first = computeHealth(troubled, defaultHealthWeights);
    expect(computeHealth(troubled, defaultHealthWeights)).toEqual(first);
    expect(computeHealth(JSON.parse(JSON.stringify(troubled)), defaultHealthWeights)).toEqual(
      first,
    );
  });

  it("has no top concern when nothing costs a point", () => {
    expect(computeHealth(build(), defaultHealthWeights)).toMatchObject({
      score: 100,
      topConcern: null,
    });
  });
});

describe("bands, trend and snapshots", () => {
  it("bands: healthy from 70, watch from 40, at risk below", () => {
    expect([100, 70, 69, 40, 39, 0].map(bandOf)).toEqual([
      "healthy",
      "healthy",
      "watch",
      "watch",
      "at_risk",
      "at_risk",
    ]);
  });

  it("trend: up or down by 5 points or more against the week-old snapshot, else flat", () => {
    expect(trendOf(60, 55)).toBe("up");
    expect(trendOf(60, 56)).toBe("flat");
    expect(trendOf(60, 64)).toBe("flat");
    expect(trendOf(60, 65)).toBe("down");
    expect(trendOf(60, null)).toBe("flat");
  });

  it("snapshots the first score, a changed score, and an unchanged one a day later", () => {
    const now = new Date("2026-03-02T12:00:00Z");
    expect(needsSnapshot(null, 50, now)).toBe(true);
    expect(
      needsSnapshot({ score: 50, computedAt: new Date("2026-03-01T13:00:00Z") }, 50, now),
    ).toBe(false);
    expect(
      needsSnapshot({ score: 50, computedAt: new Date("2026-03-01T12:00:00Z") }, 50, now),
    ).toBe(true);
    expect(
      needsSnapshot({ score: 51, computedAt: new Date("2026-03-02T11:00:00Z") }, 50, now),
    ).toBe(true);
  });
});
