import { Decimal, MAGNITUDE_WORDS, Rational } from "@langson-open-data/schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNumber, parseFigure, parseUnitWords, toBaseUnits } from "./index.js";

const unitOf = (text: string) => {
  const r = parseUnitWords(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.code} ${r.error.message}`);
  return [r.value.unit, r.value.unitMult];
};
const figureOf = (value: string, unit: string) => {
  const r = parseFigure(value, unit);
  if (!r.ok) throw new Error(`${value} ${unit}: ${r.error.code} ${r.error.message}`);
  const f = r.value;
  return { value: f.value.toString(), printed: f.printed.toString(), decimals: f.decimals, unit: f.unit, unitMult: f.unitMult };
};

describe("parseUnitWords", () => {
  it.each([
    ["triệu USD", "USD", 6],
    ["tỷ đồng", "VND", 9],
    ["tỉ đồng", "VND", 9],
    ["triệu đồng", "VND", 6],
    ["nghìn tỷ đồng", "VND", 12],
    ["ngàn tỷ đồng", "VND", 12],
    ["nghìn lượt", "VISITS", 3],
    ["nghìn lượt khách", "VISITS", 3],
    ["nghìn lượt khách du lịch", "VISITS", 3],
    ["vụ", "CASES", 0],
    ["%", "PERCENT", 0],
    ["doanh nghiệp", "ENTERPRISES", 0],
    ["hợp tác xã", "COOPERATIVES", 0],
    ["liên hiệp hợp tác xã", "COOPERATIVE_UNIONS", 0],
    ["chi nhánh, văn phòng đại diện", "BRANCHES", 0],
    ["dự án", "PROJECTS", 0],
    ["tài khoản", "ACCOUNTS", 0],
    ["sản phẩm", "PRODUCTS", 0],
    ["giao dịch", "TRANSACTIONS", 0],
    ["bậc", "RANK_PLACES", 0],
    ["điểm", "POINTS", 0],
    ["cửa khẩu", "BORDER_GATES", 0],
    ["tỉnh, thành phố", "PROVINCES", 0],
    ["tỉnh", "PROVINCES", 0],
    ["thứ", "RANK", 0],
  ])("%j → %s ×10^%i", (text, unit, mult) => {
    expect(unitOf(text)).toEqual([unit, mult]);
  });

  it("is case-insensitive, NFC and whitespace-tolerant", () => {
    expect(unitOf("Triệu USD")).toEqual(["USD", 6]);
    expect(unitOf("  TỶ\u00A0ĐỒNG ")).toEqual(["VND", 9]);
    expect(unitOf("tỷ đồng".normalize("NFD"))).toEqual(["VND", 9]);
    expect(unitOf("nghìn   tỷ\tđồng")).toEqual(["VND", 12]);
    expect(unitOf("tỉnh,thành phố")).toEqual(["PROVINCES", 0]);
    const r = parseUnitWords(" Nghìn  Lượt ");
    expect(r.ok && r.value.words).toBe("nghìn lượt");
  });

  it.each([
    ["", "unit-empty"],
    ["triệu", "unit-missing-noun"],
    ["nghìn tỷ", "unit-missing-noun"],
    ["tấn", "unit-unknown"],
    ["triệu tấn", "unit-unknown"],
    ["tỷđồng", "unit-unknown"],
    ["triệu %", "unit-magnitude-not-allowed"],
    ["nghìn điểm", "unit-magnitude-not-allowed"],
    ["x".repeat(201), "unit-too-long"],
  ])("%j fails with %s", (text, code) => {
    const r = parseUnitWords(text);
    expect(r.ok ? "ok" : r.error.code).toBe(code);
  });

  it("lists what is known when the words are unknown", () => {
    const r = parseUnitWords("tấn");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain('"tỷ đồng"');
      expect(r.error.message).toContain('"lượt khách"');
      expect(r.error.message).toContain('"triệu"');
      expect(r.error.found).toBe("tấn");
    }
  });
});

describe("toBaseUnits", () => {
  it("multiplies by 10^unitMult exactly", () => {
    expect(toBaseUnits(Decimal.parse("1689.3"), 9).toString()).toBe("1689300000000");
    expect(toBaseUnits(Decimal.parse("0.07"), 6).toString()).toBe("70000");
    expect(toBaseUnits(Decimal.parse("640"), 0).toString()).toBe("640");
  });
});

describe("parseFigure", () => {
  it("scales printed figures to base units", () => {
    expect(figureOf("1.689,3", "tỷ đồng")).toEqual({ value: "1689300000000", printed: "1689.3", decimals: 1, unit: "VND", unitMult: 9 });
    expect(figureOf("1.350,053", "nghìn lượt")).toEqual({ value: "1350053", printed: "1350.053", decimals: 3, unit: "VISITS", unitMult: 3 });
    expect(figureOf("6.698,21", "triệu đồng")).toEqual({ value: "6698210000", printed: "6698.21", decimals: 2, unit: "VND", unitMult: 6 });
    expect(figureOf("640", "triệu USD")).toEqual({ value: "640000000", printed: "640", decimals: 0, unit: "USD", unitMult: 6 });
    expect(figureOf("0,07", "triệu đồng").value).toBe("70000");
    expect(figureOf("-3,43", "%")).toEqual({ value: "-3.43", printed: "-3.43", decimals: 2, unit: "PERCENT", unitMult: 0 });
  });

  it("passes on the number's or the unit's error", () => {
    const code = (v: string, u: string) => {
      const r = parseFigure(v, u);
      return r.ok ? "ok" : r.error.code;
    };
    expect(code("0,07", "triệu")).toBe("unit-missing-noun");
    expect(code("12.34", "tỷ đồng")).toBe("number-bad-grouping");
    expect(code("1,5", "vụ")).toBe("figure-fractional-count");
    expect(code("1,5", "nghìn lượt")).toBe("ok");
  });

  it("scales exactly by every magnitude word (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 18n }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(...MAGNITUDE_WORDS),
        (coef, decimals, { word, power }) => {
          const printed = Decimal.of(coef, -decimals);
          const r = parseFigure(formatNumber(printed, decimals), `${word} đồng`);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.value.value.eq(printed.shift(power))).toBe(true);
          // an independent route: coef × 10^power / 10^decimals as an exact fraction
          expect(r.value.value.toRational().cmp(Rational.of(coef * 10n ** BigInt(power), 10n ** BigInt(decimals)))).toBe(0);
          expect(r.value).toMatchObject({ unit: "VND", unitMult: power, decimals });
        },
      ),
    );
  });
});
