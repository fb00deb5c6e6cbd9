import { describe, expect, it } from "vitest";
import { addDays, dayOf, daysBetween, isTimeZone, startOfDay } from "./zoned";

describe("days in a time zone", () => {
  it("puts an instant on the zone's day, not UTC's", () => {
    const lateEvening = new Date("2026-03-31T23:30:00Z");
    expect(dayOf(lateEvening, "UTC")).toBe("2026-03-31");
    expect(dayOf(lateEvening, "Europe/Berlin")).toBe("2026-04-01");
    expect(dayOf(lateEvening, "America/New_York")).toBe("2026-03-31");
  });

  it("starts a day at local midnight across a DST change", () => {
    // Europe/Berlin moves to summer time on 2026-03-29: the day before starts at UTC+1.
    expect(startOfDay("2026-03-28", "Europe/Berlin").toISOString()).toBe(
      "2026-03-27T23:00:00.000Z",
    );
    expect(startOfDay("2026-03-30", "Europe/Berlin").toISOString()).toBe(
      "2026-03-29T22:00:00.000Z",
    );
    // The DST day itself is 23 hours long.
    const dstDay =
      startOfDay("2026-03-30", "Europe/Berlin").getTime() -
      startOfDay("2026-03-29", "Europe/Berlin").getTime();
    expect(dstDay / 3_600_000).toBe(23);
  });

  it("adds days over month and year ends and leap days", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-03-30", "2026-03-28")).toBe(-2);
  });

  it("knows IANA zone names", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});
