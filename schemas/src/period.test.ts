import { describe, expect, it } from "vitest";
import { coverage, periodBounds } from "./period.js";

describe("periodBounds", () => {
  it.each([
    ["2022", "2022-01-01", "2022-12-31"],
    ["2023-S1", "2023-01-01", "2023-06-30"],
    ["2023-S2", "2023-07-01", "2023-12-31"],
    ["2023-Q1", "2023-01-01", "2023-03-31"],
    ["2024-Q4", "2024-10-01", "2024-12-31"],
    ["2024-02", "2024-02-01", "2024-02-29"],
    ["2023-02", "2023-02-01", "2023-02-28"],
    ["2023-03-27", "2023-03-27", "2023-03-27"],
    ["2023-01/2023-09", "2023-01-01", "2023-09-30"],
    ["2023-01-01/2023-03-27", "2023-01-01", "2023-03-27"],
  ])("%s covers %s to %s", (period, start, end) => {
    expect(periodBounds(period)).toEqual({ start, end });
  });

  it("rejects what is not a period", () => {
    expect(() => periodBounds("Q1 2023")).toThrow(RangeError);
  });

  it("spans several periods, and nothing for none", () => {
    expect(coverage(["2023-01-01/2023-03-27", "2023-03-27", "2022"])).toEqual({ start: "2022-01-01", end: "2023-03-27" });
    expect(coverage([])).toBeNull();
  });
});
