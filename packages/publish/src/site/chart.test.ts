import type { IndicatorDef, Observation } from "@langson-open-data/schemas";
import { describe, expect, it } from "vitest";
import { indicatorChart } from "./chart.js";

const indicator: IndicatorDef = { code: "X", name: { vi: "x", en: "x" }, definition: { vi: "x", en: "x" }, unit: "USD", nature: "flow" };
const fig = (measure: string, time_period: string, value: string, decimals = 0): Observation => ({
  dataset: "d",
  indicator: "X",
  measure: measure as Observation["measure"],
  ref_area: "VN-09",
  time_period,
  value,
  unit: measure === "LEVEL" ? "USD" : "PERCENT",
  unit_mult: measure === "LEVEL" ? 6 : 0,
  decimals,
  obs_status: "A",
  source: "s",
  origin: "stated",
  quote: "",
  note: "",
});

const marks = (svg: string, measure: string) => [...svg.matchAll(new RegExp(`<rect class="mark[^"]*" data-measure="${measure}" data-period="([^"]+)"`, "g"))].map((m) => m[1]);

describe("indicator chart", () => {
  it("draws one mark per level and per % of plan, in period order, and nothing for other measures", () => {
    const svg = indicatorChart(indicator, [
      fig("LEVEL", "2023-Q2", "412500000", 1),
      fig("LEVEL", "2023-Q1", "300000000"),
      fig("PCT_OF_PLAN", "2023-Q1", "23.08"),
      fig("PCT_OF_PLAN", "2023-Q2", "131.5"),
      fig("YOY_GROWTH", "2023-Q1", "85.71"),
    ])!.value;
    expect(marks(svg, "LEVEL")).toEqual(["2023-Q1", "2023-Q2"]);
    expect(marks(svg, "PCT_OF_PLAN")).toEqual(["2023-Q1", "2023-Q2"]);
    expect(svg).toContain('data-marks="4"');
    expect(svg).not.toContain("YOY_GROWTH");
    expect(svg).toContain("412,5 triệu USD");
    expect(svg).toContain("Kế hoạch năm");
  });

  it("keeps bars inside the drawing and tall in proportion to their value", () => {
    const svg = indicatorChart(indicator, [fig("LEVEL", "2023-Q1", "300000000"), fig("LEVEL", "2023-Q2", "600000000")])!.value;
    const heights = [...svg.matchAll(/data-measure="LEVEL"[^>]* y="([\d.]+)" width="[\d.]+" height="([\d.]+)"/g)].map((m) => Number(m[2]));
    expect(heights).toHaveLength(2);
    expect(heights[1]! / heights[0]!).toBeCloseTo(2, 1);
    for (const m of svg.matchAll(/ (x|y|width|height)="(-?[\d.]+)"/g)) expect(Number(m[2])).toBeGreaterThanOrEqual(0);
  });

  it("draws no chart for an indicator without level or plan figures", () => {
    expect(indicatorChart(indicator, [fig("YOY_GROWTH", "2023-Q1", "5")])).toBeNull();
  });
});
