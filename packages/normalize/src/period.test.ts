import { TIME_PERIOD_PATTERN } from "@langson-open-data/schemas";
import { describe, expect, it } from "vitest";
import { parsePeriod } from "./index.js";

const y2023 = { year: 2023 };
const periodOf = (text: string, context?: { year?: number }) => {
  const r = parsePeriod(text, context);
  if (!r.ok) throw new Error(`${text}: ${r.error.code} ${r.error.message}`);
  expect(r.value.timePeriod).toMatch(TIME_PERIOD_PATTERN);
  return `${r.value.timePeriod} ${r.value.kind}`;
};

describe("parsePeriod", () => {
  it.each([
    ["quý I/2023", undefined, "2023-Q1 quarter"],
    ["Quý IV/2022", undefined, "2022-Q4 quarter"],
    ["quý II năm 2023", undefined, "2023-Q2 quarter"],
    ["quý III", y2023, "2023-Q3 quarter"],
    ["quý 1", y2023, "2023-Q1 quarter"],
    ["quý I", y2023, "2023-Q1 quarter"],
    ["trong quý I", y2023, "2023-Q1 quarter"],
    ["quý I/2022", y2023, "2022-Q1 quarter"],
    ["tháng 3/2023", undefined, "2023-03 month"],
    ["tháng 12 năm 2022", undefined, "2022-12 month"],
    ["tháng 3", y2023, "2023-03 month"],
    ["6 tháng đầu năm 2023", undefined, "2023-S1 half"],
    ["6 tháng", y2023, "2023-S1 half"],
    ["6 tháng cuối năm", y2023, "2023-S2 half"],
    ["3 tháng đầu năm", y2023, "2023-Q1 quarter"],
    ["1 tháng đầu năm", y2023, "2023-01 month"],
    ["7 tháng đầu năm", y2023, "2023-01/2023-07 year-to-date"],
    ["9 tháng", y2023, "2023-01/2023-09 year-to-date"],
    ["9 tháng năm 2022", undefined, "2022-01/2022-09 year-to-date"],
    ["11 tháng", y2023, "2023-01/2023-11 year-to-date"],
    ["12 tháng", y2023, "2023 year"],
    ["cả năm", y2023, "2023 year"],
    ["cả năm 2022", undefined, "2022 year"],
    ["năm 2022", undefined, "2022 year"],
    ["2022", undefined, "2022 year"],
    ["ngày 27/3", y2023, "2023-03-27 day"],
    ["Ngày 11/4/2023", undefined, "2023-04-11 day"],
    ["ngày 8/1/2023", undefined, "2023-01-08 day"],
    ["tính đến ngày 27/3", y2023, "2023-03-27 day"],
    ["Tính đến hết ngày 31/3", y2023, "2023-03-31 day"],
    ["ngày 11 tháng 4 năm 2023", undefined, "2023-04-11 day"],
    ["ngày 29/2/2024", undefined, "2024-02-29 day"],
    ["quý\u00A0I/2023".normalize("NFD"), undefined, "2023-Q1 quarter"],
  ])("%j (context %o) → %s", (text, context, expected) => {
    expect(periodOf(text, context)).toBe(expected);
  });

  it.each([
    ["quý I", undefined, "period-missing-year"],
    ["ngày 27/3", undefined, "period-missing-year"],
    ["6 tháng", undefined, "period-missing-year"],
    ["cả năm", {}, "period-missing-year"],
    ["quý I", { year: 23 }, "period-bad-year"],
    ["quý I/0000", undefined, "period-bad-year"],
    ["ngày 31/2", y2023, "period-invalid-date"],
    ["ngày 29/2/2023", undefined, "period-invalid-date"],
    ["ngày 0/3", y2023, "period-invalid-date"],
    ["ngày 1/13/2023", undefined, "period-invalid-date"],
    ["tháng 13", y2023, "period-invalid-month"],
    ["13 tháng", y2023, "period-invalid-month"],
    ["quý V/2023", undefined, "period-unknown"],
    ["giai đoạn 2023 - 2025", undefined, "period-unknown"],
    ["4 tháng cuối năm", y2023, "period-unknown"],
    ["", y2023, "period-empty"],
    ["x".repeat(201), y2023, "period-too-long"],
  ])("%j (context %o) fails with %s", (text, context, code) => {
    const r = parsePeriod(text, context);
    expect(r.ok ? "ok" : r.error.code).toBe(code);
  });

  it("tells how to supply a missing year", () => {
    const r = parsePeriod("quý I");
    expect(!r.ok && r.error.message).toContain('parsePeriod("quý i", { year: 2023 })');
  });
});
