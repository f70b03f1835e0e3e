import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { INDICATOR_SYNONYMS, IndicatorMatcher, indicatorRegistry } from "./index.js";
import type { IndicatorEntry } from "./index.js";

const pipeline = JSON.parse(readFileSync(fileURLToPath(new URL("../../../pipelines/lang-son/pipeline.json", import.meta.url)), "utf8")) as unknown;

describe("indicatorRegistry", () => {
  it("lists a pipeline's indicators with their Vietnamese names, units and natures", () => {
    const registry = indicatorRegistry(pipeline);
    expect(registry.ok && registry.value.referenceYear).toBe(2023);
    expect(registry.ok && registry.value.indicators.find((i) => i.code === "BUDGET_REVENUE_DOMESTIC")).toEqual({
      code: "BUDGET_REVENUE_DOMESTIC",
      name: "Thu nội địa",
      unit: "VND",
      nature: "flow",
      dataset: "lang-son-budget-revenue",
    });
  });

  it("fails, without throwing, on what is not a pipeline file", () => {
    const registry = indicatorRegistry({ datasets: [] });
    expect(registry.ok).toBe(false);
    expect(!registry.ok && registry.error.code).toBe("pipeline-invalid");
  });

  it("has synonyms only for indicators the lang-son pipeline declares", () => {
    const registry = indicatorRegistry(pipeline);
    const codes = new Set(registry.ok ? registry.value.indicators.map((i) => i.code) : []);
    expect(Object.keys(INDICATOR_SYNONYMS).filter((code) => !codes.has(code))).toEqual([]);
  });
});

describe("IndicatorMatcher", () => {
  const entries: IndicatorEntry[] = [
    { code: "TRADE_TOTAL", name: "Tổng kim ngạch xuất nhập khẩu qua địa bàn tỉnh", unit: "USD", nature: "flow", dataset: "t" },
    { code: "TRADE_EXPORT", name: "Kim ngạch xuất khẩu qua địa bàn tỉnh", unit: "USD", nature: "flow", dataset: "t" },
    { code: "BUDGET_REVENUE_TRADE", name: "Thu từ hoạt động xuất nhập khẩu", unit: "VND", nature: "flow", dataset: "b" },
    { code: "ENTERPRISES_REGISTERED", name: "Số doanh nghiệp lũy kế hiện có", unit: "ENTERPRISES", nature: "stock", dataset: "e" },
    { code: "TRADE_BORDER_GATES_NORMALIZED", name: "Số cửa khẩu đã cơ bản bình thường hóa hoạt động xuất nhập khẩu", unit: "BORDER_GATES", nature: "count", dataset: "t" },
  ];
  const matcher = new IndicatorMatcher(entries);
  const match = (own: string, unit: string) => matcher.match({ own, unit })?.code;

  it("prefers the longest phrase of an indicator in the figure's unit", () => {
    expect(match("tổng kim ngạch xuất nhập khẩu ước đạt 640 triệu usd", "USD")).toBe("TRADE_TOTAL");
    expect(match("trong đó xuất khẩu 300 triệu usd", "USD")).toBe("TRADE_EXPORT");
    expect(match("thu từ hoạt động xuất nhập khẩu 1.050 tỷ đồng", "VND")).toBe("BUDGET_REVENUE_TRADE");
  });

  it("reads '…' in a synonym as a short gap, and old and new tone placement alike", () => {
    expect(match("lũy kế toàn tỉnh hiện có 3.790 doanh nghiệp", "ENTERPRISES")).toBe("ENTERPRISES_REGISTERED");
    expect(match("cơ bản bình thường hoá các hoạt động xuất nhập khẩu tại 5 cửa khẩu", "BORDER_GATES")).toBe("TRADE_BORDER_GATES_NORMALIZED");
  });

  it("suggests nothing from the unit alone", () => {
    expect(match("trên địa bàn tỉnh có 2 cửa khẩu quốc tế", "BORDER_GATES")).toBeUndefined();
    expect(match("kim ngạch xuất nhập khẩu 640 triệu usd", "VND")).toBeUndefined();
  });
});
