import { describe, expect, it } from "vitest";
import { parseComparison } from "./index.js";

const comparisonOf = (text: string) => {
  const r = parseComparison(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.code} ${r.error.message}`);
  return { ...r.value, value: r.value.value.toString() };
};

describe("parseComparison", () => {
  it.each([
    ["tăng 31,96% so cùng kỳ", { measure: "YOY_GROWTH", value: "31.96", decimals: 2 }],
    ["tăng 31,96% so cùng kỳ 2022", { measure: "YOY_GROWTH", value: "31.96", decimals: 2 }],
    ["tăng 31,96% so với cùng kỳ", { measure: "YOY_GROWTH", value: "31.96", decimals: 2 }],
    ["tăng 31,96% so với cùng kỳ năm trước", { measure: "YOY_GROWTH", value: "31.96", decimals: 2 }],
    ["tăng 85,71%", { measure: "YOY_GROWTH", value: "85.71", decimals: 2 }],
    ["tăng 281% so cùng kỳ", { measure: "YOY_GROWTH", value: "281", decimals: 0 }],
    ["giảm 3,43%", { measure: "YOY_GROWTH", value: "-3.43", decimals: 2 }],
    ["Giảm 3,43 %", { measure: "YOY_GROWTH", value: "-3.43", decimals: 2 }],
    ["giảm 0%", { measure: "YOY_GROWTH", value: "0", decimals: 0 }],
    ["đạt 16,84% kế hoạch", { measure: "PCT_OF_PLAN", value: "16.84", decimals: 2, basis: "plan" }],
    ["đạt 37% kế hoạch năm", { measure: "PCT_OF_PLAN", value: "37", decimals: 0, basis: "plan" }],
    ["đạt 20,6% dự toán", { measure: "PCT_OF_PLAN", value: "20.6", decimals: 1, basis: "budget-estimate" }],
    ["đạt 25% dự toán Trung ương giao", { measure: "PCT_OF_PLAN", value: "25", decimals: 0, basis: "budget-estimate-central" }],
    ["đạt 30% dự toán tỉnh giao", { measure: "PCT_OF_PLAN", value: "30", decimals: 0, basis: "budget-estimate-provincial" }],
    ["đạt 30% dự toán HĐND tỉnh giao", { measure: "PCT_OF_PLAN", value: "30", decimals: 0, basis: "budget-estimate-provincial" }],
    ["bằng 105,3% so với cùng kỳ", { measure: "YOY_GROWTH", value: "5.3", decimals: 1, ratio: true }],
    ["bằng 96,5% so cùng kỳ", { measure: "YOY_GROWTH", value: "-3.5", decimals: 1, ratio: true }],
    ["đạt 100% so cùng kỳ", { measure: "YOY_GROWTH", value: "0", decimals: 0, ratio: true }],
  ] as const)("%j", (text, expected) => {
    expect(comparisonOf(text)).toEqual(expected);
  });

  it.each([
    ["", "comparison-empty"],
    ["31,96%", "comparison-unknown"],
    ["tăng 31,96", "comparison-unknown"],
    ["vượt 5% kế hoạch", "comparison-unknown"],
    ["đạt 20,6%", "comparison-missing-basis"],
    ["bằng 105,3%", "comparison-missing-basis"],
    ["đạt 20,6% tổng số", "comparison-unknown-basis"],
    ["tăng 5% kế hoạch", "comparison-unsupported"],
    ["giảm -3,43%", "comparison-signed-number"],
    ["tăng 1.2,3%", "number-bad-grouping"],
    ["tăng 1,,5%", "number-multiple-decimal-marks"],
    ["tăng " + "1".repeat(300) + "%", "comparison-too-long"],
  ])("%j fails with %s", (text, code) => {
    const r = parseComparison(text);
    expect(r.ok ? "ok" : r.error.code).toBe(code);
  });
});
