import { Decimal } from "@langson-open-data/schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EN_LOCALE, VI_LOCALE, formatNumber, parseNumber } from "./index.js";
import type { NumberLocale } from "./index.js";

const parsed = (text: string, locale?: NumberLocale) => {
  const r = parseNumber(text, locale);
  if (!r.ok) throw new Error(`${text}: ${r.error.code} ${r.error.message}`);
  return { value: r.value.value.toString(), decimals: r.value.decimals };
};
const errorOf = (text: string, locale?: NumberLocale) => {
  const r = parseNumber(text, locale);
  if (r.ok) throw new Error(`${text} parsed as ${r.value.value.toString()}`);
  return r.error;
};

describe("parseNumber", () => {
  it.each([
    ["1.689,3", "1689.3", 1],
    ["1.350,053", "1350.053", 3],
    ["640", "640", 0],
    ["6.698,21", "6698.21", 2],
    ["38.785", "38785", 0],
    ["228.608", "228608", 0],
    ["0,07", "0.07", 2],
    ["0,5", "0.5", 1],
    ["-3,43", "-3.43", 2],
    ["−3,43", "-3.43", 2],
    ["+5", "5", 0],
    ["-0", "0", 0],
    ["0", "0", 0],
    ["1,50", "1.5", 2],
    ["1,350", "1.35", 3],
    ["1.350", "1350", 0],
    ["1.234.567,891", "1234567.891", 3],
    ["228608", "228608", 0],
    ["1\u00A0689,3", "1689.3", 1],
    ["1\u2009689\u202F300", "1689300", 0],
    ["1 689,3", "1689.3", 1],
    ["  67,88 ", "67.88", 2],
  ])("%j → %s (%i decimals)", (text, value, decimals) => {
    expect(parsed(text)).toEqual({ value, decimals });
  });

  it("reads the English locale with its own marks", () => {
    expect(parsed("1,689.3", EN_LOCALE)).toEqual({ value: "1689.3", decimals: 1 });
    expect(parsed("1,350", EN_LOCALE)).toEqual({ value: "1350", decimals: 0 });
    expect(parsed("1.350", EN_LOCALE)).toEqual({ value: "1.35", decimals: 3 });
    expect(errorOf("1.689,3", EN_LOCALE).code).toBe("number-bad-grouping");
  });

  it.each([
    ["", "number-empty"],
    ["   ", "number-empty"],
    ["\u200B", "number-empty"],
    ["1.23.456", "number-bad-grouping"],
    ["12.34", "number-bad-grouping"],
    ["1.2345", "number-bad-grouping"],
    ["1..234", "number-bad-grouping"],
    ["1.234 567", "number-bad-grouping"],
    ["1,234.5", "number-bad-grouping"],
    ["2.0", "number-bad-grouping"],
    ["1,,5", "number-multiple-decimal-marks"],
    ["1,2,3", "number-multiple-decimal-marks"],
    ["--5", "number-bad-sign"],
    ["+-1", "number-bad-sign"],
    ["−-1", "number-bad-sign"],
    ["- 5", "number-bad-sign"],
    ["1e309", "number-malformed"],
    ["NaN", "number-malformed"],
    ["Infinity", "number-malformed"],
    ["-Infinity", "number-malformed"],
    ["0x10", "number-malformed"],
    ["5-", "number-malformed"],
    ["12%", "number-malformed"],
    ["١٢", "number-malformed"],
    ["-", "number-malformed"],
    ["1,", "number-malformed"],
    [",5", "number-malformed"],
    ["007", "number-leading-zero"],
    ["00,5", "number-leading-zero"],
    ["0.500", "number-leading-zero"],
    ["1".repeat(65), "number-too-long"],
  ])("%j fails with %s", (text, code) => {
    expect(errorOf(text).code).toBe(code);
  });

  it("says why and gives an example of the right form", () => {
    const e = errorOf("12.34");
    expect(e.message).toContain("groups of exactly three digits");
    expect(e.message).toContain('"1.689,3"');
    expect(e.found).toBe("12.34");
    expect(errorOf("1e309").message).toMatch(/exponent.*"1\.689,3"/);
    expect(errorOf("0x10").message).toContain("hexadecimal");
    expect(errorOf("NaN").message).toContain("number word");
    expect(errorOf("1,2,3").message).toContain("2 decimal marks");
    expect(errorOf("").message).toContain('"1.689,3"');
  });

  it("truncates huge input in messages", () => {
    const e = errorOf("9".repeat(10_000));
    expect(e.code).toBe("number-too-long");
    expect(e.found?.length).toBeLessThanOrEqual(40);
  });

  it("the one-match path for plainly printed numbers agrees with the careful parser on any text", () => {
    // A locale equal to VI_LOCALE but not the same object takes the careful path only.
    const careful: NumberLocale = { group: ".", decimal: "," };
    const plain = fc.stringMatching(/^[-−]?(?:0|[1-9][0-9]{0,2}(?:\.[0-9]{3}){0,4}|[1-9][0-9]{0,12})(?:,[0-9]{1,6})?$/);
    const any = fc.string({ unit: fc.constantFrom(..."0123456789.,-−+ \u00A0"), maxLength: 24 });
    fc.assert(
      fc.property(fc.oneof(plain, any), (text) => {
        expect(parseNumber(text)).toEqual(parseNumber(text, careful));
      }),
      { numRuns: 5000 },
    );
  });

  it("never throws, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789.,-−+ \u00A0e"), maxLength: 20 }), (text) => {
        const r = parseNumber(text);
        if (r.ok) expect(Decimal.CANONICAL.test(r.value.value.toString())).toBe(true);
      }),
    );
  });
});

describe("formatNumber", () => {
  it("prints the canonical Vietnamese form", () => {
    expect(formatNumber(Decimal.parse("1689.3"), 1)).toBe("1.689,3");
    expect(formatNumber(Decimal.parse("1350.053"), 3)).toBe("1.350,053");
    expect(formatNumber(Decimal.parse("640"), 0)).toBe("640");
    expect(formatNumber(Decimal.parse("0.07"), 2)).toBe("0,07");
    expect(formatNumber(Decimal.parse("-3.43"), 2)).toBe("-3,43");
    expect(formatNumber(Decimal.parse("1.5"), 2)).toBe("1,50");
    expect(formatNumber(Decimal.parse("228608"), 0)).toBe("228.608");
    expect(formatNumber(Decimal.parse("1000000"), 0)).toBe("1.000.000");
    expect(formatNumber(Decimal.ZERO, 0)).toBe("0");
  });
  it("prints other locales", () => {
    expect(formatNumber(Decimal.parse("1350053"), 0, EN_LOCALE)).toBe("1,350,053");
    expect(formatNumber(Decimal.parse("1689.3"), 1, { group: " ", decimal: "," })).toBe("1 689,3");
  });
  it("refuses to drop digits or take a bad decimals count", () => {
    expect(() => formatNumber(Decimal.parse("1.25"), 1)).toThrow(RangeError);
    expect(() => formatNumber(Decimal.parse("1"), -1)).toThrow(RangeError);
    expect(() => formatNumber(Decimal.parse("1"), 1.5)).toThrow(RangeError);
  });

  const printed = fc
    .record({ coef: fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), decimals: fc.integer({ min: 0, max: 8 }) })
    .map(({ coef, decimals }) => ({ value: Decimal.of(coef, -decimals), decimals }));

  it.each([
    ["VI", VI_LOCALE],
    ["EN", EN_LOCALE],
  ] as const)("round-trips exactly through parseNumber (%s)", (_name, locale) => {
    fc.assert(
      fc.property(printed, ({ value, decimals }) => {
        const text = formatNumber(value, decimals, locale);
        const back = parseNumber(text, locale);
        expect(back.ok && back.value.value.eq(value) && back.value.decimals === decimals).toBe(true);
        // and printing again gives the same text: the form is canonical
        if (back.ok) expect(formatNumber(back.value.value, back.value.decimals, locale)).toBe(text);
      }),
    );
  });
});
