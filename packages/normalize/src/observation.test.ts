import type { InputObservation } from "@langson-open-data/schemas";
import { describe, expect, it } from "vitest";
import { parseComparison } from "./comparison.js";
import { comparisonPhrase, normalizeObservation } from "./observation.js";
import { parseStatus } from "./status.js";

const row = (over: Partial<InputObservation>): InputObservation => ({
  indicator: "TRADE_EXPORT",
  measure: "LEVEL",
  ref_area: "VN-09",
  period_text: "quý I",
  value_text: "300",
  unit_text: "triệu USD",
  status_text: "ước đạt",
  source: "s",
  quote: "xuất khẩu 300 triệu USD (đạt 23,08% kế hoạch, tăng 85,71%)",
  ...over,
});
const ctx = { dataset: "lang-son-trade", nature: "flow", referenceYear: 2023 };

describe("normalizeObservation", () => {
  it("turns a printed figure into exact base units with its period and status", () => {
    const r = normalizeObservation(row({}), ctx);
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({ value: "300000000", unit: "USD", unit_mult: 6, decimals: 0, time_period: "2023-Q1", obs_status: "E", origin: "stated", note: "" }),
    });
  });

  it("takes a growth rate's sign from its verb", () => {
    const r = normalizeObservation(row({ indicator: "X", measure: "YOY_GROWTH", value_text: "3,43", unit_text: "%", quote: "6.698,21 triệu đồng (giảm 3,43%)" }), ctx);
    expect(r.ok && r.value.value).toBe("-3.43");
  });

  it("picks the phrase of the wanted measure when one number stands in two", () => {
    const quote = "xuất khẩu 50 triệu USD (đạt 20% kế hoạch, tăng 20%)";
    expect(comparisonPhrase(quote, "20", "YOY_GROWTH")).toBe("tăng 20%");
    expect(comparisonPhrase(quote, "20", "PCT_OF_PLAN")).toBe("đạt 20% kế hoạch");
    const r = normalizeObservation(row({ measure: "YOY_GROWTH", value_text: "20", unit_text: "%", quote }), ctx);
    expect(r.ok && r.value.value).toBe("20");
  });

  it("a flow counted to a day becomes a range from 1 January; a stock stays on its day", () => {
    const flow = normalizeObservation(row({ indicator: "ENTERPRISES_NEW", value_text: "122", unit_text: "doanh nghiệp", period_text: "ngày 27/3", quote: "122 doanh nghiệp" }), ctx);
    expect(flow.ok && flow.value.time_period).toBe("2023-01-01/2023-03-27");
    const stock = normalizeObservation(row({ indicator: "ENTERPRISES_REGISTERED", value_text: "3.790", unit_text: "doanh nghiệp", period_text: "ngày 27/3", quote: "3.790 doanh nghiệp" }), { ...ctx, nature: "stock" });
    expect(stock.ok && stock.value.time_period).toBe("2023-03-27");
  });

  it("names the column of a problem", () => {
    const r = normalizeObservation(row({ unit_text: "tấn" }), ctx);
    expect(r).toMatchObject({ ok: false, error: { column: "unit_text", code: "unit-unknown" } });
    const g = normalizeObservation(row({ measure: "YOY_GROWTH", value_text: "9,99", unit_text: "%" }), ctx);
    expect(g).toMatchObject({ ok: false, error: { column: "quote", code: "comparison-not-in-quote" } });
  });
});

describe("comparison phrases as sentences print them", () => {
  it("accepts a plan with its year, a clause that ends, and growth against a named year", () => {
    expect(parseComparison("đạt 48,5% kế hoạch năm 2023")).toMatchObject({ ok: true, value: { measure: "PCT_OF_PLAN", basis: "plan" } });
    expect(parseComparison("tăng 8,46% so cùng kỳ.")).toMatchObject({ ok: true, value: { measure: "YOY_GROWTH" } });
    expect(parseComparison("tăng 20%.")).toMatchObject({ ok: true, value: { measure: "YOY_GROWTH" } });
    expect(parseComparison("tăng 5% so với năm 2022")).toMatchObject({ ok: true, value: { measure: "YOY_GROWTH" } });
    expect(comparisonPhrase("thu nội địa 638 tỷ đồng, tăng 8,46% so cùng kỳ và chiếm 38% tổng thu", "8,46")).toBe("tăng 8,46% so cùng kỳ");
  });

  it("reads 'ước' as an estimate only where it is the status word", () => {
    expect(parseStatus("ước đạt")).toBe("E");
    expect(parseStatus("ước thực hiện")).toBe("E");
    expect(parseStatus("theo hiệp ước thương mại")).toBe("A");
    expect(parseStatus("quy ước")).toBe("A");
  });
});

describe("more period and comparison words from monthly reports", () => {
  it("reads 'tính tới ngày' as a day and 'từ đầu năm đến ngày' as a range from 1 January", async () => {
    const { parsePeriod } = await import("./period.js");
    expect(parsePeriod("tính tới ngày 30/6/2023")).toEqual({ ok: true, value: { timePeriod: "2023-06-30", kind: "day" } });
    expect(parsePeriod("từ đầu năm đến ngày 31/7/2023")).toEqual({ ok: true, value: { timePeriod: "2023-01-01/2023-07-31", kind: "year-to-date" } });
    expect(parsePeriod("từ đầu năm đến hết ngày 31/7", { year: 2023 })).toEqual({ ok: true, value: { timePeriod: "2023-01-01/2023-07-31", kind: "year-to-date" } });
  });

  it("reads 'ước tăng' as growth and 'dự toán địa phương giao' as the provincial budget estimate", () => {
    expect(parseComparison("ước tăng 7,02% so cùng kỳ")).toMatchObject({ ok: true, value: { measure: "YOY_GROWTH" } });
    expect(parseComparison("đạt 40% dự toán địa phương giao")).toMatchObject({ ok: true, value: { measure: "PCT_OF_PLAN", basis: "budget-estimate-provincial" } });
  });
});
