import { describe, expect, it } from "vitest";
import { normaliseScore } from "./alarms.inputs";
import { satisfactionTrend, type TrendPoint, toneTrend } from "./alarms.trends";

const day = 24 * 60 * 60 * 1000;
const start = Date.UTC(2025, 0, 1);
/** Points a week apart, oldest first. */
const series = (values: number[]): TrendPoint[] =>
  values.map((value, index) => ({ at: new Date(start + index * 7 * day), value }));
const nps = (scores: number[]) => series(scores.map((score) => normaliseScore("nps", score)));
const csat = (scores: number[]) => series(scores.map((score) => normaliseScore("csat", score)));

describe("normaliseScore", () => {
  it("puts NPS, CSAT and check-ins on one 0..1 scale", () => {
    expect(normaliseScore("nps", 0)).toBe(0);
    expect(normaliseScore("nps", 7)).toBeCloseTo(0.7);
    expect(normaliseScore("csat", 1)).toBe(0);
    expect(normaliseScore("csat", 4)).toBe(0.75);
    expect(normaliseScore("check_in", 5)).toBe(1);
  });
});

describe("satisfactionTrend", () => {
  it("never alarms on a steady series, noise included", () => {
    for (const scores of [
      [9, 9, 9, 9, 9, 9, 9, 9],
      [8, 9, 8, 9, 9, 8, 9, 8, 8, 9],
      [6, 7, 6, 7, 6, 6, 7, 7],
    ]) {
      const verdict = satisfactionTrend(nps(scores));
      expect(verdict).toMatchObject({ direction: "steady", alarm: false });
    }
  });

  it("does not alarm on one bad answer, wherever it falls", () => {
    const steady = [9, 9, 8, 9, 9, 9, 8, 9];
    for (let at = 0; at < steady.length; at++) {
      const scores = steady.map((score, index) => (index === at ? 0 : score));
      expect(satisfactionTrend(nps(scores)).alarm).toBe(false);
    }
  });

  it("alarms on a real decline and says so in one line", () => {
    const verdict = satisfactionTrend(nps([9, 8, 9, 9, 8, 6, 5, 4]));
    expect(verdict.direction).toBe("falling");
    expect(verdict.alarm).toBe(true);
    expect(verdict.baseline).toBeCloseTo(0.9);
    expect(verdict.level).toBeCloseTo(0.5);
    expect(verdict.reason).toBe(
      "Satisfaction has fallen over the last 3 answers: from 9.0 to 5.0 out of 10",
    );
  });

  it("alarms on two bad answers in a row", () => {
    expect(satisfactionTrend(nps([9, 9, 9, 4, 4])).alarm).toBe(true);
  });

  it("catches a slow CSAT slide of one step", () => {
    expect(satisfactionTrend(csat([5, 5, 5, 5, 4, 4])).alarm).toBe(false);
    expect(satisfactionTrend(csat([5, 5, 5, 5, 4, 4, 4])).alarm).toBe(true);
  });

  it("clears when the client recovers", () => {
    expect(satisfactionTrend(nps([9, 9, 9, 9, 4, 4])).alarm).toBe(true);
    expect(satisfactionTrend(nps([9, 9, 9, 9, 4, 4, 9, 10])).alarm).toBe(false);
  });

  it("reports a rise as rising, without an alarm", () => {
    const verdict = satisfactionTrend(nps([4, 5, 4, 5, 8, 9, 9]));
    expect(verdict).toMatchObject({ direction: "rising", alarm: false });
    expect(verdict.reason).toMatch(/^Satisfaction has risen over the last 3 answers/);
  });

  it("needs enough answers before it can alarm", () => {
    const verdict = satisfactionTrend(nps([10, 1, 1]));
    expect(verdict).toMatchObject({ direction: "steady", alarm: false, baseline: null, points: 3 });
    expect(verdict.reason).toBe("Too few answers to see a trend (3; 4 needed)");
    expect(satisfactionTrend([]).level).toBeNull();
  });

  it("sorts points by time and looks only at the most recent", () => {
    const points = nps([9, 9, 9, 9, 3, 3]).reverse();
    expect(satisfactionTrend(points).alarm).toBe(true);
    const longAgo = nps([2, 2, 2, 2, 2, 2, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9]);
    expect(satisfactionTrend(longAgo).direction).toBe("steady");
  });
});

describe("toneTrend", () => {
  it("never alarms on a steady positive tone", () => {
    const verdict = toneTrend(series([0.3, 0.2, 0.35, 0.25, 0.3, 0.2, 0.3, 0.25]));
    expect(verdict).toMatchObject({ direction: "steady", alarm: false });
  });

  it("does not alarm on one angry touch", () => {
    const verdict = toneTrend(series([0.3, 0.2, 0.3, 0.25, -1.5, 0.3, 0.2]));
    expect(verdict.alarm).toBe(false);
  });

  it("alarms when the tone turns negative", () => {
    const verdict = toneTrend(series([0.3, 0.25, 0.3, 0.3, -0.2, -0.3, -0.25]));
    expect(verdict).toMatchObject({ direction: "falling", alarm: true });
    expect(verdict.reason).toBe(
      "Tone has turned negative over the last 3 touches: from +0.30 to −0.25",
    );
  });

  it("does not alarm when the tone merely cools", () => {
    const verdict = toneTrend(series([0.8, 0.8, 0.8, 0.8, 0.1, 0.05, 0.1]));
    expect(verdict).toMatchObject({ direction: "falling", alarm: false });
    expect(verdict.reason).toMatch(/^Tone has cooled/);
  });

  it("alarms when most recent touches are negative, however it started", () => {
    const verdict = toneTrend(series([-0.3, -0.2, -0.4, -0.3, -0.25]));
    expect(verdict).toMatchObject({ direction: "steady", alarm: true });
    expect(verdict.reason).toBe("Most of the last 3 touches were negative (median −0.30)");
  });

  it("reports a warming tone as rising", () => {
    const verdict = toneTrend(series([-0.2, -0.1, -0.2, 0.4, 0.5, 0.4]));
    expect(verdict).toMatchObject({ direction: "rising", alarm: false });
  });
});
