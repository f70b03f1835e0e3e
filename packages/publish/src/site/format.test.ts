import fc from "fast-check";
import { Decimal, type UnitCode } from "@langson-open-data/schemas";
import { describe, expect, it } from "vitest";
import { baseUnits, fileSize, groupDecimal, periodLabel, printedUnit, printedVi } from "./format.js";

const o = (value: string, unit: string, unit_mult: number, decimals: number) => ({ value, unit: unit as UnitCode, unit_mult, decimals });

describe("figures as printed and in base units", () => {
  it.each([
    [o("640000000", "USD", 6, 0), "640 triệu USD", "640.000.000 USD", "640,000,000 USD"],
    [o("1689300000000", "VND", 9, 1), "1.689,3 tỷ đồng", "1.689.300.000.000 đồng", "1,689,300,000,000 VND"],
    [o("16.84", "PERCENT", 0, 2), "16,84%", "16,84%", "16.84%"],
    [o("-3.43", "PERCENT", 0, 2), "−3,43%", "−3,43%", "−3.43%"],
    [o("1350053", "VISITS", 3, 3), "1.350,053 nghìn lượt khách", "1.350.053 lượt khách", "1,350,053 visits"],
    [o("6698210000", "VND", 6, 2), "6.698,21 triệu đồng", "6.698.210.000 đồng", "6,698,210,000 VND"],
    [o("15", "RANK", 0, 0), "thứ 15", "thứ 15", "rank 15"],
    [o("29", "PERCENT", 0, 0), "29%", "29%", "29%"],
  ])("%o → %s", (figure, printed, vi, en) => {
    expect(printedVi(figure)).toBe(printed);
    expect(baseUnits(figure, "vi")).toBe(vi);
    expect(baseUnits(figure, "en")).toBe(en);
  });

  it("names the printed unit in both languages", () => {
    expect(printedUnit({ unit: "USD", unit_mult: 6 })).toEqual({ vi: "triệu USD", en: "million USD" });
    expect(printedUnit({ unit: "ENTERPRISES", unit_mult: 0 })).toEqual({ vi: "doanh nghiệp", en: "enterprises" });
  });

  it("groups any decimal so that removing the marks gives it back", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 6 }), (coef, scale) => {
        const plain = Decimal.of(coef, -scale).toString();
        expect(groupDecimal(plain, "vi").replaceAll(".", "").replace(",", ".").replace("−", "-")).toBe(plain);
        expect(groupDecimal(plain, "en").replaceAll(",", "").replace("−", "-")).toBe(plain);
      }),
    );
  });
});

describe("periods and sizes in words", () => {
  it.each([
    ["2023-Q1", "Quý I/2023", "Q1 2023"],
    ["2022", "Năm 2022", "2022"],
    ["2023-03", "Tháng 3/2023", "Mar 2023"],
    ["2023-S1", "6 tháng đầu năm 2023", "H1 2023"],
    ["2023-03-27", "Ngày 27/3/2023", "27 Mar 2023"],
    ["2023-01/2023-09", "Tháng 1–9/2023", "Jan–Sep 2023"],
    ["2023-01-01/2023-03-27", "1/1–27/3/2023", "1 Jan–27 Mar 2023"],
  ])("%s", (period, vi, en) => {
    expect(periodLabel(period)).toEqual({ vi, en });
  });

  it("sizes files for people", () => {
    expect(fileSize(999, "vi")).toBe("999 B");
    expect(fileSize(2420, "vi")).toBe("2,4 kB");
    expect(fileSize(2420, "en")).toBe("2.4 kB");
    expect(fileSize(3_200_000, "en")).toBe("3.2 MB");
  });
});
